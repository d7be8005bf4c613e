using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A composite value of the response tree (object or list). Each node remembers the slot it occupies in its parent
/// and whether that slot is non-null, so a null can be propagated upwards (spec §6.4.4 "Handling Field Errors")
/// after the fact, even when sibling fields finished asynchronously.
/// </summary>
internal abstract class ResultNode
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
internal sealed class ResultObject : ResultNode, IReadOnlyDictionary<string, object?>
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

    public IEnumerable<object?> Values
    {
        get
        {
            for (var i = 0; i < _values.Length; i++)
            {
                yield return ValueAt(i);
            }
        }
    }

    // A sub-tree written straight to JSON (WrittenJson) is read back into objects, lists and leaves the first time a
    // reader of ExecutionResult.Data asks for it; the response's bytes stay the same either way.
    private object? ValueAt(int index) =>
        _values[index] is WrittenJson written ? _values[index] = written.Read(this, index) : _values[index];

    public bool ContainsKey(string key) => _names.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = _names.IndexOf(key);
        if (index < 0)
        {
            value = null;
            return false;
        }
        value = ValueAt(index);
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(_names.Names[i], ValueAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list in the response.</summary>
internal sealed class ResultList : ResultNode, IReadOnlyList<object?>
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

    public object? this[int index] => _items[index] is WrittenJson written ? _items[index] = written.Read(this, index) : _items[index];

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < _items.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The response names of one compiled selection set, in order, with their JSON-encoded form.</summary>
internal sealed class ResultFieldNames(Selection[] selections)
{
    // The names, encoded names and the index are made on first use: a plan compiled for one request (an uncached
    // document) is written as JSON but seldom read by name. Racing requests may both build them; either is the same.
    private string[]? _names;
    private JsonEncodedText[]? _encoded;
    private Dictionary<string, int>? _index;

    public string[] Names => _names ??= NamesOf(selections);

    public JsonEncodedText[] Encoded => _encoded ??= Encode(selections);

    private static string[] NamesOf(Selection[] selections)
    {
        var names = new string[selections.Length];
        for (var i = 0; i < selections.Length; i++)
        {
            names[i] = selections[i].ResponseName;
        }
        return names;
    }

    private static JsonEncodedText[] Encode(Selection[] selections)
    {
        var encoded = new JsonEncodedText[selections.Length];
        for (var i = 0; i < selections.Length; i++)
        {
            encoded[i] = EncodedName(selections[i].ResponseName);
        }
        return encoded;
    }

    // Response names repeat across plans (field names of the schema, common aliases): their UTF-8 form is kept once
    // for the process, so a plan compiled for one request does not encode them again. Bounded, because aliases are
    // the client's choice: past the limit names are encoded per plan, as before.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonEncodedText> KnownNames = new(StringComparer.Ordinal);
    private const int KnownNamesLimit = 4096;
    private static int _knownNamesCount;

    private static JsonEncodedText EncodedName(string name)
    {
        if (KnownNames.TryGetValue(name, out var known))
        {
            return known;
        }
        var encoded = JsonEncodedText.Encode(name);
        // (ConcurrentDictionary.Count takes every lock: the entries are counted here instead.)
        if (Volatile.Read(ref _knownNamesCount) < KnownNamesLimit && KnownNames.TryAdd(name, encoded))
        {
            Interlocked.Increment(ref _knownNamesCount);
        }
        return encoded;
    }

    private static Dictionary<string, int> Index(string[] names)
    {
        var index = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            index.TryAdd(names[i], i);
        }
        return index;
    }

    public int Count => selections.Length;

    public int IndexOf(string name)
    {
        if (selections.Length > 8)
        {
            return (_index ??= Index(Names)).TryGetValue(name, out var i) ? i : -1;
        }
        for (var i = 0; i < selections.Length; i++)
        {
            if (string.Equals(selections[i].ResponseName, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
