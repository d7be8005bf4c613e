using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Directory.GraphQL.Types;

/// <summary>Something that has a GraphQL name (fields, arguments, enum values, types).</summary>
public interface IHasName
{
    /// <summary>The name.</summary>
    string Name { get; }
}

/// <summary>
/// Items in declaration order with O(1) lookup by name. Schemas list fields, arguments and values in the order the
/// SDL declared them (introspection and printing rely on it) while execution looks them up by name.
/// </summary>
public sealed class NamedCollection<T> : IReadOnlyList<T>
    where T : class, IHasName
{
    /// <summary>An empty collection.</summary>
    public static readonly NamedCollection<T> Empty = new([]);

    private readonly T[] _items;
    private readonly Dictionary<string, T> _byName;

    /// <summary>A collection of <paramref name="items"/> in the given order; the first of duplicate names wins a lookup.</summary>
    public NamedCollection(IEnumerable<T> items)
    {
        _items = items.ToArray();
        _byName = new Dictionary<string, T>(_items.Length, StringComparer.Ordinal);
        foreach (var item in _items)
        {
            // The first declaration wins; duplicates are reported by schema validation, not hidden here.
            _byName.TryAdd(item.Name, item);
        }
    }

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <summary>The item at a position.</summary>
    public T this[int index] => _items[index];

    /// <summary>The item with this name, or null.</summary>
    public T? this[string name] => _byName.GetValueOrDefault(name);

    /// <summary>Looks an item up by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out T? item) => _byName.TryGetValue(name, out item);

    /// <summary>True when an item has this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The items in declaration order.</summary>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
