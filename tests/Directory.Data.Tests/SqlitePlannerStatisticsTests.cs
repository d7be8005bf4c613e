using System.Globalization;
using Directory.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests;

/// <summary>
/// SQLite chooses its plans from statistics only once the tables have been analysed: an import that changes rows
/// leaves <c>sqlite_stat1</c> describing what it committed, and a re-import that changes nothing leaves it alone.
/// </summary>
public sealed class SqlitePlannerStatisticsTests
{
    [Fact]
    public async Task An_import_leaves_statistics_of_the_rows_it_committed_and_an_unchanged_one_leaves_them_alone()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        await using var check = database.NewContext();
        var contactStatistics = await TableStatisticsAsync(check, "contacts");
        // Each index's line starts with the rows it covers: every contact, for the index on their organisation.
        contactStatistics.ShouldContainKey("IX_contacts_organisation_id");
        contactStatistics["IX_contacts_organisation_id"].Split(' ')[0].ShouldBe(TestData.RowCount("contacts.csv").ToString(CultureInfo.InvariantCulture));
        (await TableStatisticsAsync(check, "organisations")).ShouldContainKey("IX_organisations_name_id_all");

        await check.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1 WHERE tbl = 'contacts'");
        await using (var db = database.NewContext())
        {
            var again = await new SurveyImporter(db).ImportAsync(TestData.SampleFolder);
            again.Counts.ShouldAllBe(c => c.Inserted == 0 && c.Updated == 0 && c.Deleted == 0);
        }
        (await TableStatisticsAsync(check, "contacts")).ShouldBeEmpty();
    }

    private static async Task<Dictionary<string, string>> TableStatisticsAsync(DirectoryDbContext db, string table) =>
        await db.Database.SqlQueryRaw<IndexStatistics>("SELECT idx AS \"Index\", stat AS \"Stat\" FROM sqlite_stat1 WHERE tbl = {0} AND idx IS NOT NULL", table)
            .ToDictionaryAsync(s => s.Index, s => s.Stat);

    private sealed record IndexStatistics(string Index, string Stat);
}
