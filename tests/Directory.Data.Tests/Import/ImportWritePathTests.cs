using System.Text.RegularExpressions;
using Directory.Data.Import;
using Directory.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Import;

/// <summary>
/// The direct writer (prepared commands, binary COPY on PostgreSQL) against the change tracker it replaced: the same
/// folders imported through each into databases of their own must leave the same rows — ids, versions, derived
/// search text, child sets, deletions and audit entries — and report the same counts.
/// </summary>
public sealed partial class ImportWritePathTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Direct_writer_leaves_the_same_database_as_the_change_tracker(DatabaseProvider provider)
    {
        using var corrected = TestData.CopyOfSample();
        File.Copy(TestData.FundingFile, corrected.File("funding_awards.csv"));
        corrected.ReplaceOnLine("organisations.csv", 2, "Hartlepool Borough Council", "Hartlepool Borough Council (renamed)");
        corrected.ReplaceOnLine("contacts.csv", 3, "Alan James", "Alán Jones");       // search columns follow the name
        corrected.ReplaceOnLine("contacts.csv", 3, ",C00001,", ",,");                  // loses their manager
        corrected.ReplaceOnLine("contracts.csv", 2, "E06000001,E23000013", "E06000001,E23000013;E06000002");
        corrected.ReplaceOnLine("contracts.csv", 2, "2022-03-30", "2023-03-30");      // latest possible end follows
        corrected.ReplaceOnLine("responses.csv", 2, "STRATEGIC_BOARDS;CONTRACT_MANAGEMENT", "STRATEGIC_BOARDS;MARACS");
        corrected.ReplaceOnLine("staff.csv", 2, "0.25", "0.3");
        corrected.RemoveLine("services.csv", 3);
        corrected.RemoveLine("partnership_members.csv", 3);
        File.AppendAllLines(corrected.File("contacts.csv"),
            ["C99999,E06000001,R0001,ADDITIONAL_CONTACT,Zoë Example,Analyst,Data Team,,OFFICER,zoe@example.org,,,C00002,"]);

        var steps = new[] { TestData.SampleFolder, corrected.Path, corrected.Path };
        var dumps = new Dictionary<ImportWritePath, List<string>>();
        foreach (var path in new[] { ImportWritePath.ChangeTracker, ImportWritePath.Direct })
        {
            await using var database = await TestDatabase.CreateAsync(provider);
            dumps[path] = [];
            foreach (var folder in steps)
            {
                await using var db = database.NewContext();
                var result = await new SurveyImporter(db) { WritePath = path, BatchSize = 100 }.ImportAsync(folder);
                result.Problems.ShouldBeEmpty();
                var counts = string.Join("; ", result.Counts.Select(c => $"{c.Entity} {c.Inserted}/{c.Updated}/{c.Unchanged}/{c.Deleted}"));
                dumps[path].Add(counts + "\n" + WithoutAuditTimes(await database.DumpAsync()) + "\n" + await SearchResultsAsync(database, provider));
            }
        }

        for (var step = 0; step < steps.Length; step++)
        {
            dumps[ImportWritePath.Direct][step].ShouldBe(dumps[ImportWritePath.ChangeTracker][step], $"after import {step + 1}");
        }

        dumps[ImportWritePath.Direct][1].ShouldNotBe(dumps[ImportWritePath.Direct][0]);
        dumps[ImportWritePath.Direct][1].ShouldContain("\"SearchText\":\"alan jones "); // the search text followed the name…
        dumps[ImportWritePath.Direct][1].Split("\n")[1].ShouldBe(dumps[ImportWritePath.Direct][2].Split("\n")[1]); // …and the re-import changed nothing
        if (provider == DatabaseProvider.Sqlite)
        {
            dumps[ImportWritePath.Direct][1].ShouldContain("organisations_search renamed: 1 ["); // the index followed the rename
        }
    }

    /// <summary>
    /// The direct writer gives new rows their ids itself on SQLite (nothing is read back): like AUTOINCREMENT and
    /// PostgreSQL's identity, it must never give again the id of a row an earlier import deleted.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_row_added_again_after_its_removal_gets_a_new_id_on_both_writers(DatabaseProvider provider)
    {
        using var withoutLast = TestData.CopyOfSample();
        var lastService = File.ReadAllLines(withoutLast.File("services.csv")).Length;
        withoutLast.RemoveLine("services.csv", lastService); // the highest id of the table

        var ids = new Dictionary<ImportWritePath, (int First, int Again)>();
        foreach (var path in new[] { ImportWritePath.ChangeTracker, ImportWritePath.Direct })
        {
            await using var database = await TestDatabase.CreateAsync(provider);
            var highest = new List<int>();
            foreach (var folder in new[] { TestData.SampleFolder, withoutLast.Path, TestData.SampleFolder })
            {
                await using var db = database.NewContext();
                var result = await new SurveyImporter(db) { WritePath = path, BatchSize = 100 }.ImportAsync(folder);
                result.Problems.ShouldBeEmpty();
                highest.Add(await db.ServicesCommissioned.MaxAsync(s => s.Id));
            }

            highest[1].ShouldBeLessThan(highest[0], path.ToString());
            ids[path] = (highest[0], highest[2]);
        }

        ids[ImportWritePath.Direct].Again.ShouldBeGreaterThan(ids[ImportWritePath.Direct].First);
        ids[ImportWritePath.Direct].ShouldBe(ids[ImportWritePath.ChangeTracker]);
    }

    /// <summary>
    /// On SQLite the direct writer stages new organisations and contacts and moves each file's into its table in one
    /// statement, with FTS5's pending-terms limit ('hashsize') raised for the transaction. Afterwards each search index
    /// must agree with its table row for row (FTS5's integrity check against the external content), have its settings
    /// exactly as before, and no staging table may be left on the connection.
    /// </summary>
    [Fact]
    public async Task Search_indexes_agree_with_their_tables_and_keep_their_settings_after_a_direct_import()
    {
        using var corrected = TestData.CopyOfSample();
        corrected.ReplaceOnLine("organisations.csv", 2, "Hartlepool Borough Council", "Hartlepool Borough Council (renamed)");
        corrected.ReplaceOnLine("contacts.csv", 3, "Alan James", "Alán Jones");
        File.AppendAllLines(corrected.File("contacts.csv"),
            ["C99999,E06000001,R0001,ADDITIONAL_CONTACT,Zoë Example,Analyst,Data Team,,OFFICER,zoe@example.org,,,C00002,"]);
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        string before;
        await using (var db = database.NewContext())
        {
            before = await SearchIndexSettingsAsync(db);
        }

        foreach (var folder in new[] { TestData.SampleFolder, corrected.Path })
        {
            await using var db = database.NewContext();
            var result = await new SurveyImporter(db) { BatchSize = 100 }.ImportAsync(folder);
            result.Problems.ShouldBeEmpty();
            var staging = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM temp.sqlite_schema").SingleAsync();
            staging.ShouldBe(0L);
        }

        await using var check = database.NewContext();
        (await SearchIndexSettingsAsync(check)).ShouldBe(before);
        foreach (var index in SearchIndexesMigration.SqliteSearchTables)
        {
            // Raises SQLITE_CORRUPT_VTAB if the index and its table differ in any row.
            var integrity = "INSERT INTO " + index + "(" + index + ", rank) VALUES ('integrity-check', 1)";
            await Should.NotThrowAsync(() => check.Database.ExecuteSqlRawAsync(integrity));
        }

        (await check.Database.SqlQueryRaw<long>("SELECT rowid AS \"Value\" FROM contacts_search WHERE contacts_search MATCH {0}", SearchIndexTests.EveryTrigram("zoe example")).ToListAsync())
            .ShouldBe(await check.Contacts.Where(c => c.Key == "C99999").Select(c => (long)c.Id).ToListAsync());
    }

    /// <summary>
    /// Every setting of the FTS5 search indexes, as stored in their config tables, but the index's format ('version',
    /// which FTS5 itself raises from 4 to 5 at the first secure delete, here the renamed organisation's old text).
    /// </summary>
    private static async Task<string> SearchIndexSettingsAsync(DirectoryDbContext db)
    {
        var settings = new List<string>();
        foreach (var index in SearchIndexesMigration.SqliteSearchTables)
        {
            var sql = "SELECT k || '=' || v AS \"Value\" FROM " + index + "_config WHERE k <> 'version' ORDER BY k";
            settings.Add(index + ": " + string.Join(", ", await db.Database.SqlQueryRaw<string>(sql).ToListAsync()));
        }

        return string.Join("\n", settings);
    }

    /// <summary>
    /// What SQLite's FTS5 indexes find for a few words, as row ids: the indexes are kept by triggers outside the
    /// model, so the dump does not show them (PostgreSQL's trigram indexes are over the dumped columns).
    /// </summary>
    private static async Task<string> SearchResultsAsync(TestDatabase database, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return "";
        }

        await using var db = database.NewContext();
        var results = new List<string>();
        foreach (var (index, word) in new[] { ("contacts_search", "hartlepool"), ("contacts_search", "jones"), ("contacts_search", "officer"), ("organisations_search", "council"), ("organisations_search", "renamed") })
        {
            var sql = "SELECT rowid AS \"Value\" FROM " + index + " WHERE " + index + " MATCH {0} ORDER BY rowid";
            var ids = await db.Database.SqlQueryRaw<long>(sql, SearchIndexTests.EveryTrigram(word)).ToListAsync();
            results.Add($"{index} {word}: {ids.Count} [{string.Join(",", ids)}]");
        }

        return string.Join("\n", results);
    }

    /// <summary>The dump with each audit entry's time taken out: the two imports ran at different moments.</summary>
    private static string WithoutAuditTimes(string dump) => AuditTime().Replace(dump, "\"OccurredAt\":\"…\"");

    [GeneratedRegex("\"OccurredAt\":\"[^\"]*\"")]
    private static partial Regex AuditTime();
}
