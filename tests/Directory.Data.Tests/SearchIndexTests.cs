using Directory.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests;

/// <summary>
/// The search indexes follow every write without code in the write paths: FTS5's own integrity check (which, for an
/// external-content table, compares the index with the table) passes after an import, a rename and a delete; and a
/// rename reaches the contacts' indexed text in the same save, without bumping their versions.
/// </summary>
public sealed class SearchIndexTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_indexes_follow_imports_renames_and_deletes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        await using (var db = database.NewContext())
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Code == "E10000024");
            var versions = await db.Contacts.Where(c => c.OrganisationId == organisation.Id).ToDictionaryAsync(c => c.Id, c => c.Version);
            versions.Count.ShouldBeGreaterThan(0);
            organisation.Name = "Qwertyuiopshire County Council";
            await db.SaveChangesAsync();

            await using var check = database.NewContext();
            var renamed = await check.Contacts.Where(c => c.OrganisationId == organisation.Id).ToListAsync();
            renamed.ShouldAllBe(c => c.OrganisationSearchText.StartsWith("qwertyuiopshire county council local authority", StringComparison.Ordinal));
            renamed.ShouldAllBe(c => c.OrganisationName == "Qwertyuiopshire County Council");
            renamed.ToDictionary(c => c.Id, c => c.Version).ShouldBe(versions);
            (await check.Organisations.SingleAsync(o => o.Id == organisation.Id)).SearchText.ShouldContain("qwertyuiopshire");
            (await db.Contacts.Where(c => c.OrganisationSearchText == "").CountAsync()).ShouldBe(0, "every contact's text filled by the import");
            (await check.Contacts.CountAsync(c => c.OrganisationName != c.Organisation.Name)).ShouldBe(0, "every contact's organisation name kept");

            var unmanaged = await check.Contacts.Where(c => c.OrganisationId == organisation.Id && !check.Contacts.Any(m => m.ManagerId == c.Id)).Select(c => c.Id).FirstAsync();
            db.Contacts.Remove((await db.Contacts.FindAsync(unmanaged))!);
            await db.SaveChangesAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                var matches = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM contacts_search WHERE contacts_search MATCH {0}", EveryTrigram("qwertyuiopshire")).SingleAsync();
                matches.ShouldBe(renamed.Count - 1);
                // Throws (SQLITE_CORRUPT_VTAB) when the index and the table disagree.
                await db.Database.ExecuteSqlRawAsync("INSERT INTO contacts_search(contacts_search, rank) VALUES ('integrity-check', 1)");
                await db.Database.ExecuteSqlRawAsync("INSERT INTO organisations_search(organisations_search, rank) VALUES ('integrity-check', 1)");
            }
            else
            {
                (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%'").SingleAsync()).ShouldBe(3);
            }
        }
    }

    /// <summary>
    /// An FTS5 query for the rows holding every trigram of <paramref name="word"/> (ASCII), each a phrase of its own:
    /// the indexes keep no positions (detail=none), so FTS5 refuses a phrase of several trigrams such as the whole word.
    /// </summary>
    internal static string EveryTrigram(string word) =>
        string.Join(" AND ", Enumerable.Range(0, word.Length - 2).Select(i => "\"" + word.Substring(i, 3) + "\"").Distinct(StringComparer.Ordinal));

    /// <summary>
    /// The import's direct writer renames organisations without the context's save: the contacts it did not rewrite
    /// get their organisation's new name (the contacts list's order) in the same import, as their search text.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rename_by_import_reaches_the_contacts_organisation_name(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = Path.Combine(Path.GetTempPath(), "contact-organisation-name-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in System.IO.Directory.GetFiles(TestData.SampleFolder))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            await using (var db = database.NewContext())
            {
                (await new SurveyImporter(db).ImportAsync(folder)).Succeeded.ShouldBeTrue();
            }
            var organisations = Path.Combine(folder, "organisations.csv");
            var renamedCsv = File.ReadAllText(organisations).Replace("E06000002,Middlesbrough Borough Council,", "E06000002,Asdfghjklborough Borough Council,", StringComparison.Ordinal);
            renamedCsv.ShouldContain("Asdfghjklborough");
            File.WriteAllText(organisations, renamedCsv);
            await using (var db = database.NewContext())
            {
                (await new SurveyImporter(db).ImportAsync(folder)).Succeeded.ShouldBeTrue();
            }

            await using var check = database.NewContext();
            var names = await check.Contacts.Where(c => c.Organisation.Code == "E06000002").Select(c => c.OrganisationName).ToListAsync();
            names.ShouldNotBeEmpty();
            names.ShouldAllBe(n => n == "Asdfghjklborough Borough Council");
            (await check.Contacts.CountAsync(c => c.OrganisationName != c.Organisation.Name)).ShouldBe(0);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
