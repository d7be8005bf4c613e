using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Contacts;

/// <summary>
/// The contacts list's default order (organisation name, full name, id) is read from the contact's own copy of its
/// organisation's name, so that an index gives it: the list must be the one the join to organisations gives, on both
/// providers, and a rename must re-order the organisation's contacts in the same save, with keyset pages across the
/// change neither skipping nor repeating anyone.
/// </summary>
public sealed class ContactOrderTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    private sealed record Row(string Code, string Organisation, string FullName);

    private static IEnumerable<DirectoryApiFactory> Both(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    {
        yield return sqlite;
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        yield return postgres;
    }

    [SkippableFact]
    public async Task The_default_order_is_the_order_through_the_organisation_on_both_providers()
    {
        var lists = new List<List<Row>>();
        foreach (var api in Both(sqlite, postgres))
        {
            var byDefault = await WalkAsync(api, "first: 100", null);
            // The same order asked for explicitly, which sorts through the join to organisations.
            var throughJoin = await WalkAsync(api, "first: 100", "order: [{ organisation: { name: ASC } }, { fullName: ASC }]");

            byDefault.Count.ShouldBeGreaterThan(500);
            byDefault.ShouldBe(throughJoin, api.GetType().Name);
            byDefault.ShouldBe([.. byDefault.OrderBy(r => r.Organisation, StringComparer.Ordinal).ThenBy(r => r.FullName, StringComparer.Ordinal)], api.GetType().Name);
            (await WalkAsync(api, "first: 25", null)).ShouldBe(byDefault, "small pages");
            lists.Add(byDefault);
        }
        lists.ShouldAllBe(list => list.SequenceEqual(lists[0]));
    }

    [SkippableFact]
    public async Task Renaming_an_organisation_reorders_its_contacts_at_once_and_keyset_pages_across_it_stay_whole()
    {
        foreach (var api in Both(sqlite, postgres))
        {
            var before = await WalkAsync(api, "first: 100", null);
            var first = await PageAsync(api, "first: 25", null, null);
            first.Rows.ShouldBe(before[..25]);
            // An organisation whose contacts come after the first page, renamed to sort before everyone.
            var moved = before[^1].Organisation;
            var movedCodes = before.Where(r => r.Organisation == moved).Select(r => r.Code).ToHashSet();
            var organisation = (await api.DataAsync("{ contacts(last: 1) { nodes { organisation { id version name } } } }", token: api.OfficeToken))
                .GetProperty("contacts").GetProperty("nodes")[0].GetProperty("organisation");
            organisation.GetProperty("name").GetString().ShouldBe(moved);
            var renamed = await api.DataAsync(
                "mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { errors { message } } }",
                new { input = new { id = organisation.GetProperty("id").GetString(), version = organisation.GetProperty("version").GetInt32(), name = "0000 Renamed Council" } },
                api.OfficeToken);
            renamed.GetProperty("updateOrganisation").GetProperty("errors").GetArrayLength().ShouldBe(0);

            var after = await WalkAsync(api, "first: 100", null);
            after.Take(movedCodes.Count).Select(r => r.Code).ToHashSet().ShouldBe(movedCodes, api.GetType().Name + ": the renamed organisation's contacts first, at once");
            after.Select(r => r.Code).Order().ShouldBe(before.Select(r => r.Code).Order());

            // The pages after the first page's cursor, read after the rename: exactly the rows after that cursor in the
            // new order (the moved contacts now lie before it), none of the first page again, no one else missing.
            var rest = new List<Row>();
            var cursor = first.EndCursor;
            while (cursor is not null)
            {
                var page = await PageAsync(api, "first: 25", cursor, null);
                rest.AddRange(page.Rows);
                cursor = page.EndCursor;
            }
            var cursorRow = after.FindIndex(r => r.Code == first.Rows[^1].Code);
            rest.ShouldBe(after[(cursorRow + 1)..], api.GetType().Name);
            rest.Select(r => r.Code).Intersect(first.Rows.Select(r => r.Code)).ShouldBeEmpty("no repeat");
            first.Rows.Concat(rest).Select(r => r.Code).Concat(movedCodes).ToHashSet()
                .ShouldBe(before.Select(r => r.Code).ToHashSet(), "no one skipped but the moved contacts, now before the cursor");
        }
    }

    private const string Fields = "code fullName organisation { name }";

    private static async Task<List<Row>> WalkAsync(DirectoryApiFactory api, string size, string? order)
    {
        var rows = new List<Row>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(api, size, cursor, order);
            rows.AddRange(page.Rows);
            cursor = page.EndCursor;
        }
        while (cursor is not null);
        rows.Select(r => r.Code).ShouldBeUnique();
        return rows;
    }

    /// <summary>A page after <paramref name="after"/>; its end cursor only when a next page exists.</summary>
    private static async Task<(List<Row> Rows, string? EndCursor)> PageAsync(DirectoryApiFactory api, string size, string? after, string? order)
    {
        var page = (await api.DataAsync(
            $"query ($after: String) {{ contacts({size}, after: $after{(order is null ? "" : ", " + order)}) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {Fields} }} }} }}",
            new { after }, api.OfficeToken)).GetProperty("contacts");
        var rows = page.GetProperty("nodes").EnumerateArray().Select(ToRow).ToList();
        var info = page.GetProperty("pageInfo");
        return (rows, info.GetProperty("hasNextPage").GetBoolean() ? info.GetProperty("endCursor").GetString() : null);
    }

    private static Row ToRow(JsonElement node) => new(
        node.GetProperty("code").GetString()!,
        node.GetProperty("organisation").GetProperty("name").GetString()!,
        node.GetProperty("fullName").GetString()!);
}
