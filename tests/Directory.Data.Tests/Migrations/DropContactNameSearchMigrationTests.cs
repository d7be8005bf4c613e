using Directory.Data.Migrations;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Tests.Migrations;

/// <summary>
/// <c>contacts.name_search</c> dropped in place: a database holding contacts keeps every one of them with its other
/// columns, loses the column and its index, and on SQLite keeps the search index's triggers (a table rebuild for the
/// dropped column would have dropped them); migrating down puts the column back filled and indexed.
/// </summary>
public sealed class DropContactNameSearchMigrationTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_a_database_with_contacts_drops_the_column_and_keeps_the_rows_and_the_search_triggers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var migrator = db.GetService<IMigrator>();
        var before = provider == DatabaseProvider.Sqlite
            ? Data.Migrations.Sqlite.SearchIndexesWithoutPositions.Id
            : Data.Migrations.Postgres.SearchIndexesPendingListsPerSession.Id;
        await migrator.MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO organisations (code, name, type, in_scope, version) VALUES ('E06000001', 'Hartlepool Borough Council', 'LOCAL_AUTHORITY', TRUE, 0)");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO contacts (key, organisation_id, role, full_name, job_title, name_search, search_text, organisation_search_text, organisation_name, version)
            SELECT 'C00001', id, 'COMMISSIONER', 'Zoë Núñez', 'VAWG Lead', 'zoe nunez', 'zoe nunez vawg lead', 'hartlepool borough council local authority', name, 3
            FROM organisations
            """);
        (await NameSearchAsync(database)).ShouldBe((Column: true, Index: true));

        await migrator.MigrateAsync();

        (await NameSearchAsync(database)).ShouldBe((Column: false, Index: false));
        var kept = await db.Contacts.AsNoTracking().SingleAsync();
        (kept.Key, kept.FullName, kept.JobTitle, kept.SearchText, kept.OrganisationName, kept.Version)
            .ShouldBe(("C00001", "Zoë Núñez", (string?)"VAWG Lead", "zoe nunez vawg lead", "Hartlepool Borough Council", 3));
        if (provider == DatabaseProvider.Sqlite)
        {
            // The insert trigger still feeds the index: a contact saved now is found by a word of its name.
            db.Contacts.Add(new Contact { Key = "C00002", OrganisationId = kept.OrganisationId, FullName = "Qwertyuiop Person", Role = ContactRole.COMMISSIONER });
            await db.SaveChangesAsync();
            var found = await db.Database.SqlQueryRaw<long>("SELECT rowid AS \"Value\" FROM contacts_search WHERE contacts_search MATCH {0}",
                SearchIndexTests.EveryTrigram("qwertyuiop")).ToListAsync();
            found.ShouldBe([(long)(await db.Contacts.SingleAsync(c => c.Key == "C00002")).Id]);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO contacts_search(contacts_search, rank) VALUES ('integrity-check', 1)");
        }

        await migrator.MigrateAsync(before);

        (await NameSearchAsync(database)).ShouldBe((Column: true, Index: true));
        (await db.Database.SqlQueryRaw<string>("SELECT name_search AS \"Value\" FROM contacts WHERE key = 'C00001'").SingleAsync()).ShouldBe("zoë núñez");
    }

    /// <summary>Whether the database's own catalog (as MigrationsMatchModelTests reads it) has the column and its index.</summary>
    private static async Task<(bool Column, bool Index)> NameSearchAsync(TestDatabase database)
    {
        var catalog = await MigrationsMatchModelTests.CatalogAsync(database);
        // SQLite lists a table with its CREATE TABLE text, PostgreSQL each column on a line of its own.
        var column = catalog.Any(o => o.StartsWith("column contacts.name_search ", StringComparison.Ordinal)
            || (o.StartsWith("table contacts ", StringComparison.Ordinal) && o.Contains("\"name_search\"", StringComparison.Ordinal)));
        return (column, catalog.Any(o => o.StartsWith("index IX_contacts_name_search ", StringComparison.Ordinal)));
    }
}
