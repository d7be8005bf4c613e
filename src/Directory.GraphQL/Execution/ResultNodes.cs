using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A composite value of the response tree (object or list). Each node remembers the slot it occupies in its parent
/// and whether that slot is non-null, so a null can be propagated upwards (spec §6.4.4 "Handling Field Errors")
/// after the fact, even when sibling fields finished asynchronously.
/// </summary>
public abstract class ResultNode
{
    private protected ResultNode(ResultNode? parent, int slot, bool slotIsNonNull)
    {
        Parent = parent;
        Slot = slot;
        SlotIsNonNull = slotIsNonNull;
    }

    internal ResultNode? Parent { get; }

    internal int Slot { get; }

    internal bool SlotIsNonNull { get; }

    /// <summary>
    /// For the root of a deferred fragment's data or of a streamed item: where it sits in the whole response (for an
    /// item, including its index), so paths of errors and resolvers under it are complete. Null elsewhere.
    /// </summary>
    internal IReadOnlyList<object>? PathPrefix { get; set; }

    /// <summary>Set once a null replaced this node (or an ancestor) in the response, so later work on it is moot.</summary>
    internal bool IsDetached { get; set; }

    internal abstract void SetSlot(int slot, object? value);

    /// <summary>True when this node or one of its ancestors has been replaced by null.</summary>
    internal bool IsDetachedFromRoot()
    {
        for (var node = this; node is not null; node = node.Parent)
        {
            if (node.IsDetached)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// An object in the response: values held in an array in the order of the compiled selection set, with the
/// response names (and their pre-encoded JSON form) shared by every object built from the same plan.
/// </summary>
public sealed class ResultObject : ResultNode, IReadOnlyDictionary<string, object?>
{
    private readonly ResultFieldNames _names;
    private readonly object?[] _values;

    internal ResultObject(ResultFieldNames names, ResultNode? parent, int slot, bool slotIsNonNull)
        : base(parent, slot, slotIsNonNull)
    {
        _names = names;
        _values = names.Count == 0 ? [] : new object?[names.Count];
    }

    internal object?[] Slots => _values;

    internal ResultFieldNames Names => _names;

    internal override void SetSlot(int slot, object? value) => _values[slot] = value;

    public int Count => _names.Count;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _names.Names;

    public IEnumerable<object?> Values => _values;

    public bool ContainsKey(string key) => _names.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = _names.IndexOf(key);
        if (index < 0)
        {
            value = null;
            return false;
        }
        value = _values[index];
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(_names.Names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list in the response.</summary>
public sealed class ResultList : ResultNode, IReadOnlyList<object?>
{
    private readonly object?[] _items;

    internal ResultList(int count, ResultNode? parent, int slot, bool slotIsNonNull)
        : base(parent, slot, slotIsNonNull)
    {
        _items = count == 0 ? [] : new object?[count];
    }

    internal object?[] Items => _items;

    internal override void SetSlot(int slot, object? value) => _items[slot] = value;

    public int Count => _items.Length;

    public object? this[int index] => _items[index];

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}

/// <summary>The response names of one compiled selection set, in order, with their JSON-encoded form.</summary>
public sealed class ResultFieldNames
{
    private readonly Dictionary<string, int>? _index;

    public ResultFieldNames(IReadOnlyList<string> names)
    {
        Names = [.. names];
        Encoded = new JsonEncodedText[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            Encoded[i] = JsonEncodedText.Encode(Names[i]);
        }
        if (Names.Length > 8)
        {
            _index = new Dictionary<string, int>(Names.Length, StringComparer.Ordinal);
            for (var i = 0; i < Names.Length; i++)
            {
                _index[Names[i]] = i;
            }
        }
    }

    public string[] Names { get; }

    public JsonEncodedText[] Encoded { get; }

    public int Count => Names.Length;

    public int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var i) ? i : -1;
        }
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
