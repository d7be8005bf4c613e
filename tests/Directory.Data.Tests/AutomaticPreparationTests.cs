using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Data.Tests;

/// <summary>
/// On PostgreSQL the contexts AddDirectoryData hands out prepare what a connection runs repeatedly
/// (<see cref="DirectoryDatabase.WithAutomaticPreparation"/>), unless the operator's connection string says otherwise:
/// checked in the server's own list of the session's prepared statements.
/// </summary>
public sealed class AutomaticPreparationTests
{
    private const string PreparedStatements = "SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements";

    [SkippableFact]
    public async Task A_query_run_again_on_a_connection_is_a_prepared_statement_there()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var services = ServiceRegistrationTests.Services(database);

        (await PreparedAfterRepeatsAsync(services)).ShouldBeGreaterThan(0);
    }

    [SkippableFact]
    public async Task An_operator_s_max_auto_prepare_of_zero_is_kept()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var services = ServiceRegistrationTests.Services(database, connectionStringSettings: ";Max Auto Prepare=0");

        (await PreparedAfterRepeatsAsync(services)).ShouldBe(0);
    }

    // The same query three times on one opened connection, then the session's prepared statements counted on it.
    private static async Task<int> PreparedAfterRepeatsAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            (await db.Organisations.CountAsync(o => o.Name.StartsWith("Nott"))).ShouldBe(0);
        }
        return await db.Database.SqlQueryRaw<int>(PreparedStatements).SingleAsync();
    }
}
