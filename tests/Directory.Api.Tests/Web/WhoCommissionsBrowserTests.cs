using System.Text.Json;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// "Who commissions this here" (<c>#/who-commissions?place=…&amp;serviceType=…</c>): the place type-ahead asks the API,
/// the cards are the API's <c>whoCommissions</c> for the viewer's token (people for the office, mailboxes for an
/// anonymous visitor), a place by name equals the place by code, and an unknown place shows the API's suggestions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WhoCommissionsBrowserTests(BrowserFixture browser)
{
    private const string WhoCommissionsQuery = """
        query ($place: String!, $serviceType: String) {
          whoCommissions(place: $place, serviceType: $serviceType) {
            organisation { code } relation services { serviceType { code } } contracts { code } contacts { code email } centralEmail
          }
        }
        """;

    /// <summary>A district council (its county and police force area commission there too) from the API.</summary>
    private async Task<(string Code, string Name)> DistrictAsync()
    {
        var node = (await browser.GraphQLAsync("{ organisations(where: { tier: { eq: DISTRICT }, inScope: { eq: true } }, first: 1) { nodes { code name } } }"))
            .GetProperty("organisations").GetProperty("nodes")[0];
        return (node.GetProperty("code").GetString()!, node.GetProperty("name").GetString()!);
    }

    [SkippableFact]
    public async Task The_office_sees_the_APIs_commissioners_with_their_people_and_a_place_by_name_equals_it_by_code()
    {
        await using var session = await browser.OpenAsync();
        var token = browser.Token("commissioner-office");
        var (code, name) = await DistrictAsync();
        var api = (await browser.GraphQLAsync(WhoCommissionsQuery, new { place = code, serviceType = "REFUGE" }, token))
            .GetProperty("whoCommissions").EnumerateArray().ToList();
        api.Count.ShouldBeGreaterThan(1);

        await session.OpenDashboardAsync();
        await session.SignInAsync(token);
        foreach (var place in new[] { code, name })
        {
            await session.OpenDashboardAsync($"#/who-commissions?place={Uri.EscapeDataString(place)}&serviceType=REFUGE");
            await CompareCardsAsync(session.Page, api);
        }

        (await session.Page.Locator("[data-summary] [data-total]").GetAttributeAsync("data-total")).ShouldBe(api.Count.ToString());
        await session.ScreenshotAsync("who-commissions-office");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task An_anonymous_visitor_sees_the_mailboxes_and_can_copy_one()
    {
        await using var session = await browser.OpenAsync();
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var (code, _) = await DistrictAsync();
        var api = (await browser.GraphQLAsync(WhoCommissionsQuery, new { place = code, serviceType = (string?)null }))
            .GetProperty("whoCommissions").EnumerateArray().ToList();
        api.ShouldAllBe(row => row.GetProperty("contacts").GetArrayLength() == 0);

        await session.OpenDashboardAsync($"#/who-commissions?place={code}");
        await CompareCardsAsync(session.Page, api);
        (await session.Page.Locator("[data-sign-in-hint]").IsVisibleAsync()).ShouldBeTrue();

        var withMailbox = api.First(row => row.GetProperty("centralEmail").ValueKind == JsonValueKind.String);
        var mailbox = withMailbox.GetProperty("centralEmail").GetString()!;
        var card = session.Page.Locator($"[data-card='{withMailbox.GetProperty("organisation").GetProperty("code").GetString()}']");
        (await card.Locator("[data-mailbox] [data-email]").TextContentAsync()).ShouldBe(mailbox);
        await card.Locator("[data-mailbox] button[data-copy]").ClickAsync();
        (await session.Page.EvaluateAsync<string>("navigator.clipboard.readText()")).ShouldBe(mailbox);
        await card.GetByText("Copied").WaitForAsync();
    }

    [SkippableFact]
    public async Task The_place_box_offers_the_APIs_councils_commissioners_and_regions_as_one_types()
    {
        await using var session = await browser.OpenAsync();
        var regions = (await browser.GraphQLAsync("{ regions { name } }")).GetProperty("regions").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()!).ToList();
        var typed = regions.First(r => r.StartsWith("North", StringComparison.Ordinal))[..5]; // "North": regions and councils
        var organisations = (await browser.GraphQLAsync(
                "query ($name: String!) { organisations(where: { name: { contains: $name }, type: { in: [LOCAL_AUTHORITY, PCC] } }, first: 10) { nodes { name } } }",
                new { name = typed }))
            .GetProperty("organisations").GetProperty("nodes").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToList();
        organisations.ShouldNotBeEmpty();

        await session.OpenDashboardAsync("#/who-commissions");
        await session.Page.GetByRole(AriaRole.Combobox, new() { Name = "Place" }).PressSequentiallyAsync(typed);
        var options = session.Page.Locator("[data-place-options] option");
        var expected = regions.Where(r => r.Contains(typed, StringComparison.OrdinalIgnoreCase)).Concat(organisations).ToList();
        await Assertions.Expect(options).ToHaveCountAsync(expected.Count);
        (await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).ShouldBe(expected);
    }

    [SkippableFact]
    public async Task An_unknown_place_shows_the_APIs_suggestions()
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync("#/who-commissions?place=Nottinghamshre");
        var alert = session.Page.Locator("[data-error]");
        (await alert.TextContentAsync() ?? "").ShouldContain("Nottinghamshre");
        var suggestions = await alert.Locator("[data-suggestions] a").AllTextContentsAsync();
        suggestions.ShouldNotBeEmpty();
        suggestions.ShouldContain(s => s.Contains("Nottingham", StringComparison.Ordinal));
        await alert.Locator("[data-suggestions] a").First.ClickAsync();
        // The same view with the suggested place: its ready mark alone may still be the misspelt search's, so wait for
        // the place's cards themselves (a timeout if none come).
        await session.Page.Locator("[data-card]").First.WaitForAsync();
        await session.WaitForViewAsync();
        (await session.Page.Locator("[data-card]").CountAsync()).ShouldBeGreaterThan(0);
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_view_has_no_serious_accessibility_violations_and_fits_the_screen(int width)
    {
        await using var session = await browser.OpenAsync(width: width, height: 900);
        var (code, _) = await DistrictAsync();
        await session.OpenDashboardAsync();
        await session.SignInAsync(browser.Token("commissioner-office"));
        await session.OpenDashboardAsync($"#/who-commissions?place={code}&serviceType=REFUGE");
        await session.AssertAccessibleAsync("who-commissions");
        await session.AssertNoSidewaysScrollAsync("who-commissions");
        await session.ScreenshotAsync($"axe-who-commissions-{width}");
    }

    /// <summary>The cards, in order, are the API's rows: organisation, relation, services, contracts, people or mailbox.</summary>
    private static async Task CompareCardsAsync(IPage page, List<JsonElement> api)
    {
        static string[] Codes(JsonElement row, string list, Func<JsonElement, string?> code) =>
            row.GetProperty(list).EnumerateArray().Select(e => code(e)!).ToArray();

        var cards = page.Locator("[data-card]");
        (await cards.EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.card)"))
            .ShouldBe(api.Select(r => r.GetProperty("organisation").GetProperty("code").GetString()!).ToArray());
        for (var i = 0; i < api.Count; i++)
        {
            var row = api[i];
            var card = cards.Nth(i);
            (await card.GetAttributeAsync("data-relation")).ShouldBe(row.GetProperty("relation").GetString());
            (await card.Locator("[data-service]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.service)"))
                .ShouldBe(Codes(row, "services", s => s.GetProperty("serviceType").GetProperty("code").GetString()));
            (await card.Locator("[data-contract]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.contract)"))
                .ShouldBe(Codes(row, "contracts", c => c.GetProperty("code").GetString()));
            (await card.Locator("[data-contact]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.contact)"))
                .ShouldBe(Codes(row, "contacts", c => c.GetProperty("code").GetString()));
            var mailboxShown = await card.Locator("[data-mailbox]").CountAsync() == 1;
            mailboxShown.ShouldBe(row.GetProperty("contacts").GetArrayLength() == 0 && row.GetProperty("centralEmail").ValueKind == JsonValueKind.String);
        }
    }
}
