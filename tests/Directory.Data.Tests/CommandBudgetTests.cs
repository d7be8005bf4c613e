using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Directory.Data.Tests;

/// <summary>
/// <c>Database:CommandTimeoutSeconds</c> really stops a runaway command on both providers (SQLite through
/// sqlite3_interrupt, PostgreSQL through statement_timeout), through the contexts the host gets from AddDirectoryData.
/// </summary>
public sealed class CommandBudgetTests
{
    // Never finishes by itself: an endless recursive count on SQLite, a long sleep on PostgreSQL.
    private const string SqliteRunaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS \"Value\" FROM c";
    private const string PostgresRunaway = "SELECT 1 AS \"Value\" FROM pg_sleep(120)";

    private static ServiceProvider Services(TestDatabase database, string budgetSeconds) =>
        ServiceRegistrationTests.Services(database, budgetSeconds);

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_runaway_query_is_stopped_when_its_budget_is_spent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = Services(database, "1");
        await using var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();

        var runaway = Task.Run(() => db.Database.SqlQueryRaw<long>(provider == DatabaseProvider.Sqlite ? SqliteRunaway : PostgresRunaway).SingleAsync());
        var first = await Task.WhenAny(runaway, Task.Delay(TimeSpan.FromSeconds(30)));

        first.ShouldBeSameAs(runaway, "the query must be stopped by its 1 s budget, not run on");
        var error = await Should.ThrowAsync<Exception>(runaway);
        if (provider == DatabaseProvider.Sqlite)
        {
            error.ShouldBeOfType<TimeoutException>().Message.ShouldContain("Database:CommandTimeoutSeconds");
        }
        else
        {
            error.ShouldBeOfType<PostgresException>().SqlState.ShouldBe(PostgresErrorCodes.QueryCanceled);
        }

        // The connection is fine afterwards: the next command on it is not interrupted.
        (await db.Organisations.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_cancelled_sqlite_query_stops_at_once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var services = Services(database, "600");
        await using var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var runaway = Task.Run(() => db.Database.SqlQueryRaw<long>(SqliteRunaway).SingleAsync(cancel.Token));
        var first = await Task.WhenAny(runaway, Task.Delay(TimeSpan.FromSeconds(30)));

        first.ShouldBeSameAs(runaway, "cancelling the caller (an aborted or timed-out request) must stop the SQLite work");
        await Should.ThrowAsync<OperationCanceledException>(runaway);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void A_budget_that_is_not_a_positive_number_is_refused_at_start(string seconds)
    {
        var error = Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddDirectoryData(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:CommandTimeoutSeconds"] = seconds }).Build()));
        error.Message.ShouldContain("Database:CommandTimeoutSeconds");
    }
}
