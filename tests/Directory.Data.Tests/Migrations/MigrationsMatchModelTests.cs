using System.Data.Common;
using Directory.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Migrations;

/// <summary>
/// The hand-written migrations must create exactly the schema the model describes. EF Core Design (which would keep a
/// model snapshot) is unavailable, so a real database migrated from empty is compared, object by object in the
/// database's own catalog, with one created straight from the model; and migrating must leave nothing pending.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    private static readonly string[] AllMigrations = ["20261122000000_Initial", "20261122180000_InScopeOrganisationsByName", CompleteErasureMigration.Id, "20261205120000_HealthGeography", FundingAwardsMigration.Id, ContractLatestEndMigration.Id, SearchIndexesMigration.Id, PageOrderIndexesMigration.Id, ContactOrganisationNameMigration.Id];

    // PostgreSQL's indexes are unaffected by the FTS5 options of SQLite's (issue 18 §4): that migration is SQLite's alone.
    private static string[] MigrationsOf(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite
            ? [.. AllMigrations, Data.Migrations.Sqlite.SearchIndexesWithoutPositions.Id, DropContactNameSearchMigration.Id]
            : [.. AllMigrations, Data.Migrations.Postgres.SearchIndexesSmallPendingLists.Id, Data.Migrations.Postgres.SearchIndexesPendingListsPerSession.Id, DropContactNameSearchMigration.Id];

    // Tables that migrations after the Initial one create and drop (erasure 20261205100000, health geography 20261205120000, funding 20261205130000).
    private static readonly string[] TablesOfLaterMigrations = [.. CompleteErasureMigration.Tables, "ccg_coverage", "ccg_health_links", "funding_awards"];

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_from_empty_gives_the_schema_the_model_describes(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateMigratedAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider);
        await using (var db = fromModel.NewContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await CatalogAsync(fromModel);
        var actual = await CatalogAsync(migrated);
        // SQLite's search indexes are FTS5 tables (with shadow tables name_data, name_idx, …), which no model can
        // describe: the migration alone creates them. They must exist; they are not compared with the model.
        if (provider == DatabaseProvider.Sqlite)
        {
            foreach (var table in SearchIndexesMigration.SqliteSearchTables)
            {
                actual.ShouldContain(o => o.StartsWith($"table {table} CREATE VIRTUAL TABLE {table} USING fts5(", StringComparison.Ordinal)
                    && o.EndsWith(Data.Migrations.Sqlite.SearchIndexesWithoutPositions.Options + ")", StringComparison.Ordinal));
                actual.RemoveWhere(o => o.StartsWith($"table {table} ", StringComparison.Ordinal) || o.StartsWith($"table {table}_", StringComparison.Ordinal)
                    || o.StartsWith($"index sqlite_autoindex_{table}_", StringComparison.Ordinal));
            }
        }
        else
        {
            // Their pending lists are bounded by the service's sessions, not by a storage parameter (SearchPendingListTests).
            actual.ShouldContain(o => o.StartsWith("index IX_contacts_organisation_search_text ", StringComparison.Ordinal) && o.Contains("gin_trgm_ops", StringComparison.Ordinal)
                && !o.Contains("gin_pending_list_limit", StringComparison.Ordinal));
        }

        expected.Count.ShouldBeGreaterThan(50, "the catalog query found the tables, columns and indexes");
        actual.Except(expected).ShouldBeEmpty("objects the migrations create that the model does not describe");
        expected.Except(actual).ShouldBeEmpty("objects of the model that no migration creates: add a migration");
        actual.ShouldContain(o => o.Contains("IX_organisations_name_id", StringComparison.Ordinal) && o.Contains("in_scope", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, MigrationScripts.InitialSqlite)]
    [InlineData(DatabaseProvider.Postgres, MigrationScripts.InitialPostgres)]
    public void The_initial_migration_creates_every_table_of_the_model(DatabaseProvider provider, string script)
    {
        // Generating a script opens no connection, so this runs without a PostgreSQL server.
        using var db = DirectoryDatabase.CreateContext(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1");
        var initial = MigrationScripts.Read(script);
        // SQLite's FTS5 search indexes are in its model as views (SearchIndexRow): no table of the model's.
        var initialModelTables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Except(TablesOfLaterMigrations).ToList();

        foreach (var table in initialModelTables)
        {
            System.Text.RegularExpressions.Regex.IsMatch(initial, $"CREATE TABLE \"?{table}\"? \\(").ShouldBeTrue(table);
        }
        MigrationScripts.InitialTables.Order().ShouldBe(initialModelTables.Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Each_provider_finds_only_its_own_migrations(DatabaseProvider provider)
    {
        using var db = DirectoryDatabase.CreateContext(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1");

        db.Database.GetMigrations().ShouldBe(MigrationsOf(provider));
        db.Provider.ShouldBe(provider);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_an_empty_database_applies_everything_and_is_repeatable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBe(MigrationsOf(provider));
        await db.Database.MigrateAsync();
        await db.Database.MigrateAsync();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(MigrationsOf(provider));
        (await db.Organisations.CountAsync()).ShouldBe(0);
        (await db.AuditLog.CountAsync()).ShouldBe(0);
    }

    /// <summary>
    /// Tables, columns, indexes and constraints as the database reports them, one line each; the migrations' own
    /// bookkeeping tables and the audit log's append-only triggers (migration-only, tested with the audit log) aside.
    /// </summary>
    internal static async Task<HashSet<string>> CatalogAsync(TestDatabase database)
    {
        var query = database.Provider == DatabaseProvider.Sqlite
            ? """
              SELECT m.type || ' ' || m.name || ' ' || COALESCE(m.sql, '') FROM sqlite_master AS m
              WHERE m.name NOT LIKE 'sqlite_%' AND m.tbl_name NOT LIKE '__EFMigrations%' AND m.type <> 'trigger'
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
                  || ' ' || COALESCE(character_maximum_length::text, '') || ' ' || COALESCE(identity_generation, '')
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__EFMigrations%'
              UNION ALL
              SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
              WHERE schemaname = 'public' AND tablename NOT LIKE '__EFMigrations%'
              UNION ALL
              SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
              FROM pg_constraint AS c JOIN pg_namespace AS n ON n.oid = c.connamespace
              WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT LIKE '"__EFMigrations%'
              """;
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        var lines = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // Whitespace collapsed: SQLite's ALTER TABLE ADD COLUMN splices the column into the stored CREATE TABLE
            // text without the line break a table created with the column has.
            lines.Add(System.Text.RegularExpressions.Regex.Replace(reader.GetString(0), @"\s+", " "));
        }
        return lines;
    }
}
