using System.Collections.Concurrent;

namespace Directory.GraphQL.Http.Subscriptions;

/// <summary>
/// Counts running streaming operations per subscriber and in total, so one caller cannot hold every slot and the
/// process cannot be made to hold more open streams than it was sized for.
/// </summary>
internal sealed class SubscriptionLimiter(GraphQLSubscriptionOptions options)
{
    private readonly ConcurrentDictionary<string, int> _perSubscriber = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>A lease to dispose when the operation ends, or null and why not.</summary>
    public IDisposable? TryAcquire(string subscriber, out string? refusal)
    {
        lock (_gate)
        {
            if (_total >= options.MaxTotal)
            {
                refusal = $"The server has reached its limit of {options.MaxTotal} open subscriptions: try again later.";
                return null;
            }
            var mine = _perSubscriber.GetValueOrDefault(subscriber);
            if (mine >= options.MaxPerSubscriber)
            {
                refusal = $"You already have {options.MaxPerSubscriber} open subscriptions, the most one caller may have: close one first.";
                return null;
            }
            _perSubscriber[subscriber] = mine + 1;
            _total++;
        }
        refusal = null;
        return new Lease(this, subscriber);
    }

    private void Release(string subscriber)
    {
        lock (_gate)
        {
            _total--;
            var left = _perSubscriber[subscriber] - 1;
            if (left == 0)
            {
                _perSubscriber.TryRemove(subscriber, out _);
            }
            else
            {
                _perSubscriber[subscriber] = left;
            }
        }
    }

    private sealed class Lease(SubscriptionLimiter limiter, string subscriber) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(subscriber);
            }
        }
    }
}
