using Directory.Api.Auth;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// <c>#/partnerships</c> against the running service with real tokens: kind, lead, date established and members equal
/// what <c>partnerships</c> answers over HTTP for the same filter, page by page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnershipsBrowserTests(BrowserFixture browser)
{
    private const string PartnershipsQuery = """
        query ($where: PartnershipFilterInput, $after: String) {
          partnerships(where: $where, first: 25, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { code kind lead { code } establishedOn members { role organisation { code } } }
          }
        }
        """;

    [SkippableFact]
    public async Task A_kind_chosen_in_the_form_lists_the_APIs_partnerships_with_lead_date_and_members()
    {
        var token = browser.Token(Roles.CommissionerOffice);
        await using var session = await browser.OpenSignedInAsync("#/partnerships", token);
        var page = session.Page;
        var everything = (await browser.GraphQLAsync(PartnershipsQuery, token: token)).GetProperty("partnerships");
        (await page.Locator("[data-results=partnerships] [data-total]").GetAttributeAsync("data-total"))
            .ShouldEqualNumber(everything.GetProperty("totalCount"), "all partnerships");

        await page.GetByLabel("Kind").SelectOptionAsync("LOCAL_PARTNERSHIP_BOARD");
        await session.ApplyAsync("Apply", "kind=LOCAL_PARTNERSHIP_BOARD");

        var where = new { kind = new { eq = "LOCAL_PARTNERSHIP_BOARD" } };
        var api = (await browser.GraphQLAsync(PartnershipsQuery, new { where }, token)).GetProperty("partnerships");
        api.GetProperty("totalCount").GetInt32().ShouldBeLessThan(everything.GetProperty("totalCount").GetInt32());
        api.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue("the kind has more than a page");
        (await page.Locator("[data-results=partnerships] [data-total]").GetAttributeAsync("data-total"))
            .ShouldEqualNumber(api.GetProperty("totalCount"), "partnerships of the kind");
        await ShowsAsync(page, api);

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        var second = (await browser.GraphQLAsync(PartnershipsQuery,
            new { where, after = api.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, token)).GetProperty("partnerships");
        await Assertions.Expect(page.Locator("[data-section=partnerships] tbody tr th, [data-table=partnerships] tbody tr th").First)
            .ToHaveAttributeAsync("data-value", second.GetProperty("nodes")[0].GetProperty("code").GetString()!);
        await ShowsAsync(page, second);
        await session.ScreenshotAsync("partnerships-local-partnership-boards");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_member_finds_every_partnership_it_belongs_to()
    {
        var token = browser.Token(Roles.Partner, "E06000001");
        // An organisation that is a member (not the lead) of a joint commissioning group.
        var group = (await browser.GraphQLAsync(PartnershipsQuery, new { where = new { kind = new { eq = "JOINT_COMMISSIONING_GROUP" } } }, token))
            .GetProperty("partnerships").GetProperty("nodes")[0];
        var member = group.GetProperty("members").EnumerateArray().First(m => m.GetProperty("role").GetString() == "MEMBER")
            .GetProperty("organisation").GetProperty("code").GetString()!;
        await using var session = await browser.OpenSignedInAsync("#/partnerships", token);
        await session.OpenDashboardAsync($"#/partnerships?member={member}");

        var where = new { members = new { some = new { organisation = new { or = new object[] { new { code = new { eq = member } }, new { name = new { contains = member } } } } } } };
        var api = (await browser.GraphQLAsync(PartnershipsQuery, new { where }, token)).GetProperty("partnerships");
        await ShowsAsync(session.Page, api);
        (await DataTableCodesAsync(session.Page)).ShouldContain(group.GetProperty("code").GetString());
        (await session.Page.Locator($"[data-member=\"{member}\"]").CountAsync()).ShouldBe(api.GetProperty("nodes").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_partnerships_view_is_accessible_and_fits_at(int width)
    {
        await using var session = await browser.OpenSignedInAsync("#/partnerships", browser.Token(Roles.Government), width);

        (await DataTableCodesAsync(session.Page)).ShouldNotBeEmpty();
        await session.AssertAccessibleAndFitsAsync("partnerships", $"partnerships-{width}");
    }

    private static async Task<List<string>> DataTableCodesAsync(IPage page) =>
        [.. (await page.Locator("[data-table=partnerships] tbody tr th").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)"))];

    /// <summary>The table's rows are the API's page: code, kind, lead, date established and members, in order.</summary>
    private static async Task ShowsAsync(IPage page, System.Text.Json.JsonElement connection)
    {
        var rows = await page.Locator("[data-table=partnerships]").EvaluateAsync<string[][]>(
            "table => [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => cell.dataset.value ?? ''))");
        var nodes = connection.GetProperty("nodes").EnumerateArray().ToList();
        rows.Length.ShouldBe(nodes.Count);
        foreach (var (row, node) in rows.Zip(nodes))
        {
            row[0].ShouldBe(node.GetProperty("code").GetString());
            row[1].ShouldBe(node.GetProperty("kind").GetString());
            row[2].ShouldBe(node.GetProperty("lead").GetProperty("code").GetString());
            row[3].ShouldBe(node.GetProperty("establishedOn").GetString() ?? "");
            row[4].ShouldBe(string.Join(' ', node.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("organisation").GetProperty("code").GetString())));
        }
    }
}
