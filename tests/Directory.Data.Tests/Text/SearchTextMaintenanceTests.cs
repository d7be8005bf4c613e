using Directory.Data.Import;
using Directory.Data.Text;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Text;

public sealed class SearchTextMaintenanceTests
{
    /// <summary>
    /// FillEmptyAsync first asks, by one plain command, whether any search column is empty, and does nothing more when
    /// none is: an organisation's and a contact's columns emptied behind its back (as a migration adding them leaves
    /// them) must still be found and filled with what they held.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Fill_empty_finds_and_fills_an_emptied_organisation_and_contact(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Problems.ShouldBeEmpty();
        }

        string filled;
        await using (var db = database.NewContext())
        {
            filled = await database.DumpAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE organisations SET search_text = '' WHERE code = 'E06000001'");
            await db.Database.ExecuteSqlRawAsync("UPDATE contacts SET organisation_search_text = '' WHERE key = 'C00002'");
            (await database.DumpAsync()).ShouldNotBe(filled);
        }

        await using (var db = database.NewContext())
        {
            await SearchTextMaintenance.FillEmptyAsync(db, CancellationToken.None);
        }

        (await database.DumpAsync()).ShouldBe(filled);
    }
}
