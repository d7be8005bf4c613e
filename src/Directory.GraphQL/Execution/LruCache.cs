using System.Diagnostics.CodeAnalysis;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A bounded least-recently-used cache, shared by concurrent requests (HotChocolate's document and operation
/// caches work the same way). Reads only reorder the recency list once the cache is more than 70% full, so a
/// warm, mostly-empty cache costs a dictionary lookup under a short lock.
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _entries;
    private readonly LinkedList<(TKey Key, TValue Value)> _recency = new();
    private readonly Lock _gate = new();
    private readonly int _reorderThreshold;

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _reorderThreshold = Math.Max(1, capacity * 7 / 10);
        _entries = new Dictionary<TKey, LinkedListNode<(TKey, TValue)>>(capacity, comparer);
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (_entries.Count >= _reorderThreshold && node != _recency.First)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                }
                value = node.Value.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Adds or replaces an entry, evicting the least recently used one when full.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _entries.Remove(key);
            }
            else if (_entries.Count >= Capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
            _entries[key] = _recency.AddFirst((key, value));
        }
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        if (TryGet(key, out var value))
        {
            return value;
        }
        value = factory(key);
        Set(key, value);
        return value;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }
}
