using System.Threading.Channels;

namespace Directory.Data.Changes;

/// <summary>
/// The changes committed to the directory, fanned out to everyone in this process who listens (the subscriptions).
/// On SQLite the writes of this process are published here after they commit; on PostgreSQL every instance's writes
/// arrive here through <see cref="PostgresChangeListener"/>. A listener that falls more than
/// <see cref="ListenerCapacity"/> changes behind loses the oldest: a slow subscriber must not hold memory without bound.
/// </summary>
public sealed class DirectoryChangeFeed
{
    public const int ListenerCapacity = 1000;

    private readonly Lock _gate = new();
    private ChannelWriter<DirectoryChange>[] _listeners = [];

    /// <summary>How many listen now (diagnostics and tests).</summary>
    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    public void Publish(IReadOnlyList<DirectoryChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            foreach (var change in changes)
            {
                listener.TryWrite(change);
            }
        }
    }

    /// <summary>
    /// Every change published from the moment of this call (the listener is registered at once, not when first read)
    /// until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public IAsyncEnumerable<DirectoryChange> Listen(CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<DirectoryChange>(new BoundedChannelOptions(ListenerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _listeners = [.. _listeners, channel.Writer];
        }
        return ReadAsync(channel, cancellationToken);
    }

    private async IAsyncEnumerable<DirectoryChange> ReadAsync(Channel<DirectoryChange> channel, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_gate)
            {
                _listeners = [.. _listeners.Where(l => l != channel.Writer)];
            }
        }
    }
}
