using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Directory.Data.Tests;

/// <summary>
/// Writers queue instead of colliding: a write transaction holds the database's write lock from its first statement
/// (SQLite BEGIN IMMEDIATE; a PostgreSQL advisory lock), and instances starting together on one empty PostgreSQL
/// database take turns to migrate and load the sample.
/// </summary>
public sealed class WriteTransactionTests
{
    [Fact]
    public async Task On_sqlite_a_write_transaction_holds_the_write_lock_from_its_start()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var writer = database.NewContext();
        await using var other = new SqliteConnection(database.ConnectionString + ";Default Timeout=1");
        await other.OpenAsync();

        await using (var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(writer, CancellationToken.None))
        {
            // Nothing written yet, yet another writer cannot begin: the lock was taken by BEGIN IMMEDIATE, so a writer
            // never fails later, mid-transaction, on a lock it could not upgrade to.
            var busy = Should.Throw<SqliteException>(() => other.BeginTransaction(deferred: false));
            busy.SqliteErrorCode.ShouldBe(5); // SQLITE_BUSY
            await transaction.CommitAsync();
        }

        using var next = other.BeginTransaction(deferred: false);
        next.Commit();
    }

    [SkippableFact]
    public async Task On_postgres_a_second_write_transaction_waits_for_the_first()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var first = database.NewContext();
        await using var second = database.NewContext();

        var firstTransaction = await DirectoryDatabase.BeginWriteTransactionAsync(first, CancellationToken.None);
        var secondBegins = DirectoryDatabase.BeginWriteTransactionAsync(second, CancellationToken.None);
        await WaitForAsync(async () => await WaitingAdvisoryLocksAsync(database) == 1);
        secondBegins.IsCompleted.ShouldBeFalse();

        await firstTransaction.CommitAsync();
        await firstTransaction.DisposeAsync();
        await using var secondTransaction = await secondBegins;
        (await WaitingAdvisoryLocksAsync(database)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Two_instances_initialising_one_empty_postgres_database_at_once_both_succeed_and_load_the_sample_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var firstInstance = ServiceRegistrationTests.Services(database);
        await using var secondInstance = ServiceRegistrationTests.Services(database);
        using var firstLog = new StringWriter();
        using var secondLog = new StringWriter();

        // Each throws on failure (the host would log "could not be initialised" and retry): both must complete.
        await Task.WhenAll(
            Task.Run(() => DatabaseInitializer.InitializeAsync(firstInstance, loadSampleData: true, firstLog, CancellationToken.None)),
            Task.Run(() => DatabaseInitializer.InitializeAsync(secondInstance, loadSampleData: true, secondLog, CancellationToken.None)));

        var logs = firstLog.ToString() + secondLog.ToString();
        logs.Split("loading the bundled sample data").Length.ShouldBe(2, logs);
        await using var db = database.NewContext();
        (await db.SurveyResponses.CountAsync()).ShouldBe(TestData.RowCount("responses.csv"));
        (await db.Contacts.CountAsync()).ShouldBe(685);
    }

    private static async Task<long> WaitingAdvisoryLocksAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        // Polls for a state, never asserts a duration: the bound only stops a broken test from hanging.
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !await condition(); await Task.Delay(50))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never held");
        }
    }
}
