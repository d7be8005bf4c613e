using Directory.Data.Import;
using Directory.Data.Migrations;
using Directory.Data.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Tests.Migrations;

/// <summary>
/// SQLite's search indexes re-created without positions (issue 18 §4): a database that already holds rows gets both
/// indexes back complete (FTS5's integrity check against the tables, the same rows for each word), with the new
/// options, still kept by their triggers; and migrating down gives the indexes with positions back.
/// </summary>
public sealed class SearchIndexesWithoutPositionsMigrationTests
{
    private static readonly (string Index, string Word)[] Searches =
        [("contacts_search", "hartlepool"), ("contacts_search", "manager"), ("organisations_search", "council"), ("organisations_search", "police")];

    [Fact]
    public async Task Migrating_a_database_with_rows_rebuilds_both_indexes_and_keeps_their_triggers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(ContactOrganisationNameMigration.Id);
        (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        var before = await FoundAsync(db);
        before.ShouldAllBe(f => f.Count > 0);

        await migrator.MigrateAsync();

        (await DefinitionsAsync(db)).ShouldAllBe(sql => sql.EndsWith(SearchIndexesWithoutPositions.Options + ")", StringComparison.Ordinal));
        await IntegrityCheckAsync(db);
        (await FoundAsync(db)).ShouldBe(before);
        // The triggers came back with the tables: a new contact's organisation text is found at once.
        var organisation = await db.Organisations.SingleAsync(o => o.Code == "E06000001");
        organisation.Name = "Qwertyuiopborough Council";
        await db.SaveChangesAsync();
        var renamed = await db.Database.SqlQueryRaw<long>("SELECT rowid AS \"Value\" FROM contacts_search WHERE contacts_search MATCH {0} ORDER BY rowid",
            SearchIndexTests.EveryTrigram("qwertyuiopborough")).ToListAsync();
        renamed.ShouldBe(await db.Contacts.Where(c => c.OrganisationId == organisation.Id).OrderBy(c => c.Id).Select(c => (long)c.Id).ToListAsync());
        renamed.ShouldNotBeEmpty();

        await migrator.MigrateAsync(ContactOrganisationNameMigration.Id);

        (await DefinitionsAsync(db)).ShouldAllBe(sql => sql.EndsWith("tokenize='trigram')", StringComparison.Ordinal));
        await IntegrityCheckAsync(db);
        (await db.Database.SqlQueryRaw<long>("SELECT rowid AS \"Value\" FROM contacts_search WHERE contacts_search MATCH '\"qwertyuiopborough\"'").CountAsync())
            .ShouldBe(renamed.Count, "with positions a phrase of several trigrams is answered again");
    }

    private static async Task<List<string>> DefinitionsAsync(DirectoryDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE name IN ('contacts_search', 'organisations_search')").ToListAsync();

    private static async Task IntegrityCheckAsync(DirectoryDbContext db)
    {
        foreach (var index in SearchIndexesMigration.SqliteSearchTables)
        {
            // Raises SQLITE_CORRUPT_VTAB if the index and its table differ in any row.
            var integrity = "INSERT INTO " + index + "(" + index + ", rank) VALUES ('integrity-check', 1)";
            await Should.NotThrowAsync(() => db.Database.ExecuteSqlRawAsync(integrity));
        }
    }

    private static async Task<List<List<long>>> FoundAsync(DirectoryDbContext db)
    {
        var found = new List<List<long>>();
        foreach (var (index, word) in Searches)
        {
            var sql = "SELECT rowid AS \"Value\" FROM " + index + " WHERE " + index + " MATCH {0} ORDER BY rowid";
            found.Add(await db.Database.SqlQueryRaw<long>(sql, SearchIndexTests.EveryTrigram(word)).ToListAsync());
        }
        return found;
    }
}
