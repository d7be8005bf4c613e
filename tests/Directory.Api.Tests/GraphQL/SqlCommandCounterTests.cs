using System.Diagnostics;
using Directory.Api.GraphQL;
using Directory.Data;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// The per-request SQL command count (GraphQL-Diagnostics, directory.graphql.sql_commands) beside another subscriber
/// to EF Core's diagnostics, as OpenTelemetry's EF Core instrumentation is in the service: each command counts once.
/// </summary>
public sealed class SqlCommandCounterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sql-counter-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_command_counts_once_when_another_subscriber_asks_for_every_command_event()
    {
        SqlCommandCounter.Subscribe();
        using var everything = DiagnosticListener.AllListeners.Subscribe(new EveryEntityFrameworkEvent());
        await using var db = DirectoryDatabase.CreateContext(DatabaseProvider.Sqlite, $"Data Source={_path};Pooling=False");

        using var counter = SqlCommandCounter.Start();
        await db.Database.ExecuteSqlRawAsync("SELECT 1");
        await db.Database.ExecuteSqlRawAsync("SELECT 2");

        counter.CommandTexts.ShouldBe(["SELECT 1", "SELECT 2"]);
    }

    public void Dispose() => File.Delete(_path);

    /// <summary>Subscribes to EF Core's listener asking for every event, as a tracing library does.</summary>
    private sealed class EveryEntityFrameworkEvent : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
            {
                value.Subscribe(this, _ => true);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
