using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A bounded least-recently-used cache, shared by concurrent requests (HotChocolate's document and operation
/// caches work the same way). Reads only reorder the recency list once the cache is more than 70% full, so a
/// warm, mostly-empty cache costs a lock-free dictionary lookup (writes, and reads that reorder, take the lock).
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    // Changed only under _gate, together with _recency and _count; read without it.
    private readonly ConcurrentDictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _entries;
    private readonly LinkedList<(TKey Key, TValue Value)> _recency = new();
    private readonly Lock _gate = new();
    private readonly int _reorderThreshold;
    private volatile int _count;

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _reorderThreshold = Math.Max(1, capacity * 7 / 10);
        _entries = new ConcurrentDictionary<TKey, LinkedListNode<(TKey, TValue)>>(comparer);
    }

    public int Capacity { get; }

    public int Count => _count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_entries.TryGetValue(key, out var node))
        {
            value = default;
            return false;
        }
        if (_count >= _reorderThreshold)
        {
            lock (_gate)
            {
                // The node may have been evicted or replaced since the lookup: only a node still listed moves.
                if (node.List is not null && node != _recency.First)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                }
            }
        }
        value = node.Value.Value;
        return true;
    }

    /// <summary>Adds or replaces an entry, evicting the least recently used one when full.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _entries.TryRemove(key, out _);
            }
            else if (_recency.Count >= Capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.TryRemove(last.Value.Key, out _);
            }
            _entries[key] = _recency.AddFirst((key, value));
            _count = _recency.Count;
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
            _count = 0;
        }
    }
}
