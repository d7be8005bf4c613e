using Directory.Data.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Data.Tests;

/// <summary>
/// PostgreSQL's search indexes keep small pending lists for the service's writes (a session setting,
/// <see cref="DirectoryDatabase.SearchPendingListKilobytes"/>), no storage parameter that an import could not raise for
/// its own transaction, and an import leaves nothing in them: checked in the server's own settings and catalog.
/// </summary>
public sealed class SearchPendingListTests
{
    private const string Setting = "SELECT current_setting('gin_pending_list_limit') AS \"Value\"";

    [SkippableFact]
    public async Task The_service_s_sessions_keep_64_kB_and_an_import_leaves_the_lists_empty_and_the_indexes_without_a_parameter()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var services = ServiceRegistrationTests.Services(database);
        await using var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();

        (await db.Database.SqlQueryRaw<string>(Setting).SingleAsync()).ShouldBe("64kB");

        var result = await new SurveyImporter(db) { BatchSize = 100 }.ImportAsync(TestData.SampleFolder);
        result.Problems.ShouldBeEmpty();

        // The import's own setting ended with its transaction (SET LOCAL).
        (await db.Database.SqlQueryRaw<string>(Setting).SingleAsync()).ShouldBe("64kB");
        foreach (var index in Data.Migrations.Postgres.SearchIndexesSmallPendingLists.Indexes)
        {
            var options = $"SELECT coalesce(array_to_string(reloptions, ','), '') AS \"Value\" FROM pg_class WHERE oid = to_regclass('\"{index}\"')";
            (await db.Database.SqlQueryRaw<string>(options).SingleAsync()).ShouldBe("", index);
            // The pages still pending, moved into the index by this call: none, the import moved them before its commit.
            var pending = $"SELECT gin_clean_pending_list(to_regclass('\"{index}\"'))::int AS \"Value\"";
            (await db.Database.SqlQueryRaw<int>(pending).SingleAsync()).ShouldBe(0, index);
        }
    }

    [SkippableFact]
    public async Task An_operator_s_own_pending_list_setting_is_kept()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        await using var services = ServiceRegistrationTests.Services(database, connectionStringSettings: ";Options=-c gin_pending_list_limit=1024");
        await using var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();

        (await db.Database.SqlQueryRaw<string>(Setting).SingleAsync()).ShouldBe("1MB");
        // Its statement timeout is still added beside it.
        (await db.Database.SqlQueryRaw<string>("SELECT current_setting('statement_timeout') AS \"Value\"").SingleAsync()).ShouldBe("30s");
    }
}
