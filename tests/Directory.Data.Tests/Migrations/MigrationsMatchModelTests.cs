using Directory.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Migrations;

/// <summary>
/// The hand-written migrations must create exactly the schema the model describes. EF Core Design (which would keep a
/// model snapshot) is unavailable, so the Initial migration's DDL is compared with the model's own create script,
/// and migrating a real database must leave nothing pending.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, MigrationScripts.InitialSqlite)]
    [InlineData(DatabaseProvider.Postgres, MigrationScripts.InitialPostgres)]
    public void The_initial_migration_is_the_models_create_script(DatabaseProvider provider, string script)
    {
        // Generating a script opens no connection, so this runs without a PostgreSQL server.
        using var db = DirectoryDatabase.CreateContext(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1");

        var expected = db.Database.GenerateCreateScript();

        MigrationScripts.Read(script).ReplaceLineEndings().ShouldBe(expected.ReplaceLineEndings(),
            "the model changed: regenerate the script (bench/Directory.DataGen schema) or add a migration");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Each_provider_finds_only_its_own_migrations(DatabaseProvider provider)
    {
        using var db = DirectoryDatabase.CreateContext(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1");

        db.Database.GetMigrations().ShouldBe(["20261122000000_Initial"]);
        db.Provider.ShouldBe(provider);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_an_empty_database_applies_everything_and_is_repeatable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBe(["20261122000000_Initial"]);
        await db.Database.MigrateAsync();
        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(["20261122000000_Initial"]);
        (await db.Organisations.CountAsync()).ShouldBe(0);
        (await db.AuditLog.CountAsync()).ShouldBe(0);
    }
}
