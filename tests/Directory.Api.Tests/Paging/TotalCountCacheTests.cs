using System.Text;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// A search's <c>totalCount</c> is kept for the data version (<see cref="TotalCountCache"/>): asked again it is not
/// counted again, and after any write — a contact added, a consent withdrawn, a contact removed — the next total is
/// the count of the data as it is then, for each caller's visibility. Checked against today's count
/// (<see cref="ContactResolvers.Query"/> counted directly) through the real endpoint on a real SQLite file.
/// </summary>
public sealed class TotalCountCacheTests(PagePlanTests.CommandLogApi api) : IClassFixture<PagePlanTests.CommandLogApi>
{
    private const string Search = "council";

    [Fact]
    public async Task A_repeated_search_counts_its_matches_once()
    {
        var first = await TotalAsync(api.OfficeToken);
        api.Commands.Clear();

        var again = await TotalAsync(api.OfficeToken);

        again.ShouldBe(first);
        api.Commands.ShouldNotBeEmpty("the command log captured nothing");
        api.Commands.ShouldNotContain(c => c.Contains("COUNT(", StringComparison.Ordinal), string.Join("\n---\n", api.Commands));
    }

    [Fact]
    public async Task Every_kind_of_write_changes_the_next_count()
    {
        var government = api.Token(Roles.Government);
        await ShouldBeTodaysCountAsync();

        // A contact added: the office sees one more (no consent answer, so government does not).
        var office = await TotalAsync(api.OfficeToken);
        var somebody = (await api.DataAsync($"query ($s: String) {{ contacts(search: $s, first: 1) {{ nodes {{ code version organisation {{ id }} }} }} }}", new { s = Search }, api.OfficeToken))
            .GetProperty("contacts").GetProperty("nodes")[0];
        var added = await api.DataAsync("mutation ($input: AddContactInput!) { addContact(input: $input) { errors { message } } }",
            new { input = new { organisationId = somebody.GetProperty("organisation").GetProperty("id").GetString(), fullName = "Carys Council-Tester" } }, api.OfficeToken);
        added.GetProperty("addContact").GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await TotalAsync(api.OfficeToken)).ShouldBe(office + 1);
        await ShouldBeTodaysCountAsync();

        // A consent withdrawn: government sees fewer.
        var seen = await TotalAsync(government);
        var visible = (await api.DataAsync("query ($s: String) { contacts(search: $s, first: 1) { nodes { response { id version } } } }", new { s = Search }, government))
            .GetProperty("contacts").GetProperty("nodes")[0].GetProperty("response");
        var changed = await api.DataAsync("mutation ($input: ChangeConsentInput!) { changeConsent(input: $input) { errors { code } } }",
            new { input = new { id = visible.GetProperty("id").GetString(), version = visible.GetProperty("version").GetInt32(), consent = new { partners = true, government = false } } },
            api.OfficeToken);
        changed.GetProperty("changeConsent").GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await TotalAsync(government)).ShouldBeLessThan(seen);
        await ShouldBeTodaysCountAsync();

        // A contact removed: the office sees one fewer.
        office = await TotalAsync(api.OfficeToken);
        var id = Convert.ToBase64String(Encoding.UTF8.GetBytes("Contact:" + somebody.GetProperty("code").GetString()));
        var removed = await api.DataAsync("mutation ($input: VersionedInput!) { removeContact(input: $input) { errors { message } } }",
            new { input = new { id, version = somebody.GetProperty("version").GetInt32() } }, api.OfficeToken);
        removed.GetProperty("removeContact").GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await TotalAsync(api.OfficeToken)).ShouldBe(office - 1);
        await ShouldBeTodaysCountAsync();
    }

    private async Task<int> TotalAsync(string token) =>
        (await api.DataAsync("query ($s: String) { contacts(search: $s, first: 25) { totalCount nodes { code } } }", new { s = Search }, token))
            .GetProperty("contacts").GetProperty("totalCount").GetInt32();

    // Every role's total through the service is the count of the data as it is now.
    private async Task ShouldBeTodaysCountAsync()
    {
        foreach (var (role, organisation) in new[] { (Roles.CommissionerOffice, (string?)null), (Roles.Partner, "E10000024"), (Roles.Government, null), (Roles.VoluntarySector, null) })
        {
            var viewer = new Viewer(Enum.Parse<ViewerRole>(role.Replace("-", "", StringComparison.Ordinal), ignoreCase: true), "tester", organisation);
            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            (await TotalAsync(api.Token(role, organisation))).ShouldBe(await ContactResolvers.Query(db, viewer, Search, null, null).CountAsync(), role);
        }
    }
}
