using Microsoft.Extensions.Logging;
using Npgsql;

namespace Directory.Data.Changes;

/// <summary>
/// One <c>LISTEN</c> connection per instance on PostgreSQL: every instance's committed changes (see
/// <see cref="ChangeCapture"/>), this one's included, are published to this instance's <see cref="DirectoryChangeFeed"/>.
/// When the connection breaks it connects again, waiting longer after each failure (up to 30 s); changes committed
/// while it was away are not replayed — a subscriber that must not miss one re-reads what it shows on reconnecting.
/// </summary>
public sealed class PostgresChangeListener(string connectionString, DirectoryChangeFeed feed, ILogger<PostgresChangeListener> logger)
{
    /// <summary>True while the LISTEN connection is up (tests wait for it before writing).</summary>
    public bool IsListening { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Not pooled: this connection waits for notifications for as long as it lives.
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == ChangeCapture.Channel && ChangeCapture.Parse(e.Payload) is { } changes)
                    {
                        feed.Publish(changes);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeCapture.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }
                IsListening = true;
                delay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                IsListening = false;
                logger.LogWarning(ex, "The PostgreSQL change listener lost its connection; reconnecting in {Delay}.", delay);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }
}
