using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Directory.Data.Tests;

/// <summary>
/// PostgreSQL contexts prepare the commands they repeat (<see cref="DirectoryDatabase.WithAutoPrepare"/>): the
/// prepared statements outlive a context's use of a pooled connection, while what a use sets on its session — a
/// setting, a session advisory lock — still does not.
/// </summary>
public sealed class PostgresAutoPrepareTests
{
    private const long SessionLockKey = 0x7067_6661_7374; // any key no other code takes

    [SkippableFact]
    public async Task A_repeated_query_stays_prepared_on_the_pooled_connection()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var services = ServiceRegistrationTests.Services(database);
        var contexts = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();

        // Each use a context of its own, as requests take them; one at a time, so the pool hands out one connection.
        for (var use = 0; use < 3; use++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            (await db.Organisations.Where(o => o.Code != "none").CountAsync()).ShouldBe(0);
        }

        await using var check = await contexts.CreateDbContextAsync();
        var prepared = await check.Database
            .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync();
        prepared.ShouldContain(statement => statement.Contains("organisations", StringComparison.Ordinal),
            "the count run three times must be a prepared statement of the connection, kept across its uses");
    }

    [SkippableFact]
    public async Task A_pooled_connection_does_not_keep_a_use_s_settings_or_session_locks()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var services = ServiceRegistrationTests.Services(database, "7");
        var contexts = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();

        int backend;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            await db.Database.ExecuteSqlRawAsync("SET statement_timeout = 0");
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SessionLockKey})");
        }

        await using var next = await contexts.CreateDbContextAsync();
        await next.Database.OpenConnectionAsync();
        (await next.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync())
            .ShouldBe(backend, "the pool must hand the same connection out again for this test to mean anything");
        (await next.Database.SqlQueryRaw<string>("SELECT current_setting('statement_timeout') AS \"Value\"").SingleAsync())
            .ShouldBe("7s", "the connection's own statement_timeout (Database:CommandTimeoutSeconds), not the last use's");
        (await next.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()").SingleAsync())
            .ShouldBe(0, "a session advisory lock a use left behind is released when the connection goes back to the pool");
    }

    [Fact]
    public void An_operator_s_own_preparation_setting_is_kept()
    {
        DirectoryDatabase.WithAutoPrepare("Host=db;Database=directory;Max Auto Prepare=5")
            .ShouldBe("Host=db;Database=directory;Max Auto Prepare=5");
        var added = new NpgsqlConnectionStringBuilder(DirectoryDatabase.WithAutoPrepare("Host=db;Database=directory"));
        added.MaxAutoPrepare.ShouldBeGreaterThan(0);
        added.AutoPrepareMinUsages.ShouldBe(2);
    }
}
