using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The map (<c>#/map</c>): one hexagon per lower-tier council carrying <c>data-code</c>, coloured by the chosen
/// measure, each hexagon's value equal to what the API answers (asked here over HTTP and computed as issue 17's
/// "Precisely" list says), with hover, keyboard focus, click-through, the table and axe at both widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MapBrowserTests(BrowserFixture browser)
{
    private const string CouncilsQuery = """
        query ($after: String) {
          organisations(where: { type: { eq: LOCAL_AUTHORITY } }, first: 100, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes {
              code name tier population surveyStatus(survey: "STADV-2020")
              county { code population }
              servicesCommissioned(survey: "STADV-2020") { serviceType { code } commissioning }
            }
          }
        }
        """;

    [SkippableTheory]
    [InlineData("status")]
    [InlineData("fte")]
    [InlineData("service")]
    [InlineData("funding")]
    [InlineData("contracts")]
    public async Task Every_hexagon_shows_the_APIs_value_of_the_measure(string measure)
    {
        await using var session = await browser.OpenAsync();
        var councils = await LowerTierCouncilsAsync();
        var asOf = await ContractDateAsync();
        var expected = await ExpectedAsync(measure, councils, asOf);

        await session.OpenDashboardAsync($"#/map?measure={measure}&serviceType=REFUGE&asOf={asOf}");

        var hexes = await HexesAsync(session.Page);
        hexes.Keys.ShouldBe(councils.Select(c => c.GetProperty("code").GetString()!), ignoreOrder: true,
            "one hexagon per lower-tier council of the API");
        foreach (var (code, value) in expected)
        {
            if (value is double number)
            {
                double.Parse(hexes[code], CultureInfo.InvariantCulture).ShouldBe(number, Math.Abs(number) * 1e-9, code);
            }
            else
            {
                hexes[code].ShouldBe(value?.ToString() ?? "", code);
            }
        }
        // Not a map of one colour: the measure tells councils apart.
        hexes.Values.Distinct().Count().ShouldBeGreaterThan(1);
        (await session.Page.Locator("[data-section=map-table] tbody tr").CountAsync()).ShouldBe(councils.Count);
        (await session.Page.Locator("[data-legend] li").CountAsync()).ShouldBeGreaterThan(1);
        await session.ScreenshotAsync($"map-{measure}");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Hover_and_keyboard_show_a_councils_name_and_value_and_open_its_page()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/map");
        var first = page.Locator("polygon[data-code]").First;
        var code = (await first.GetAttributeAsync("data-code"))!;
        var name = (await browser.GraphQLAsync("query ($code: String!) { organisation(code: $code) { name surveyStatus } }", new { code }))
            .GetProperty("organisation");

        await first.HoverAsync();
        var tooltip = page.Locator("[data-map-tooltip]");
        (await tooltip.IsVisibleAsync()).ShouldBeTrue();
        (await tooltip.TextContentAsync()).ShouldStartWith(name.GetProperty("name").GetString()! + ":");

        // One tab stop for the whole map; the arrow keys move between hexagons, Enter opens the council.
        await first.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var moved = await page.EvaluateAsync<string>("document.activeElement.getAttribute('data-code')");
        moved.ShouldNotBe(code);
        (await page.Locator("polygon[tabindex='0']").CountAsync()).ShouldBe(1);
        (await tooltip.TextContentAsync() ?? "").ShouldContain(":");
        await page.Keyboard.PressAsync("Enter");
        await session.WaitForViewAsync();
        new Uri(page.Url).Fragment.ShouldBe($"#/organisation/{moved}");

        await page.GoBackAsync();
        await session.WaitForViewAsync();
        await page.Locator($"polygon[data-code='{code}']").ClickAsync();
        await session.WaitForViewAsync();
        new Uri(page.Url).Fragment.ShouldBe($"#/organisation/{code}");
        session.PageErrors.ShouldBeEmpty();
    }

    [SkippableTheory]
    [InlineData("county")]
    [InlineData("pfa")]
    [InlineData("region")]
    public async Task Boundaries_are_drawn_as_outlines(string boundaries)
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync($"#/map?boundaries={boundaries}");
        var outline = await session.Page.Locator($"path[data-boundaries={boundaries}]").GetAttributeAsync("d");
        outline.ShouldNotBeNullOrEmpty();
        outline.ShouldStartWith("M");
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_map_has_no_serious_accessibility_violations_and_fits_the_screen(int width)
    {
        await using var session = await browser.OpenAsync(width: width, height: 900);
        await session.OpenDashboardAsync("#/map?measure=service&serviceType=REFUGE");
        await session.AssertAccessibleAsync("map");
        await session.AssertNoSidewaysScrollAsync("map");
        await session.ScreenshotAsync($"axe-map-{width}");
    }

    private static async Task<Dictionary<string, string>> HexesAsync(IPage page) =>
        (await page.EvaluateAsync<string[][]>(
            "[...document.querySelectorAll('polygon[data-code]')].map(p => [p.getAttribute('data-code'), p.getAttribute('data-value')])"))
        .ToDictionary(p => p[0], p => p[1]);

    private async Task<List<JsonElement>> LowerTierCouncilsAsync() =>
        [.. (await browser.AllNodesAsync(CouncilsQuery, "organisations")).Where(c => c.GetProperty("tier").GetString() != "COUNTY")];

    /// <summary>An as-of date with contracts ending within the year after it: the earliest end date the API has.</summary>
    private async Task<string> ContractDateAsync()
    {
        var data = await browser.GraphQLAsync(
            "{ contracts(first: 1, where: { endDate: { gte: \"1900-01-01\" } }, order: [{ endDate: ASC }]) { nodes { endDate } } }");
        return data.GetProperty("contracts").GetProperty("nodes")[0].GetProperty("endDate").GetString()!;
    }

    /// <summary>Each council's value of the measure, computed from the API's answers as issue 17 defines it.</summary>
    private async Task<Dictionary<string, object?>> ExpectedAsync(string measure, List<JsonElement> councils, string asOf)
    {
        static string Code(JsonElement e) => e.GetProperty("code").GetString()!;
        switch (measure)
        {
            case "status":
                return councils.ToDictionary(Code, c => (object?)c.GetProperty("surveyStatus").GetString());
            case "fte":
                {
                    var rows = (await browser.GraphQLAsync("{ mappingReport { ftePerHead { councils { organisation { code } ftePer100k } } } }"))
                        .GetProperty("mappingReport").GetProperty("ftePerHead").GetProperty("councils").EnumerateArray()
                        .ToDictionary(r => Code(r.GetProperty("organisation")), r => r.GetProperty("ftePer100k").GetDouble());
                    return councils.ToDictionary(Code, c => rows.TryGetValue(Code(c), out var v) ? (object?)v : null);
                }
            case "service":
                return councils.ToDictionary(Code, c =>
                {
                    if (c.GetProperty("surveyStatus").GetString() != "COMPLETED")
                    {
                        return (object?)"NO_RESPONSE";
                    }

                    var modes = c.GetProperty("servicesCommissioned").EnumerateArray()
                        .Where(s => s.GetProperty("serviceType").GetProperty("code").GetString() == "REFUGE")
                        .Select(s => s.GetProperty("commissioning").GetString()).ToList();
                    return modes.Contains("SOLE") ? "SOLE" : modes.Contains("JOINT") ? "JOINT" : "NO";
                });
            case "funding":
                {
                    const string Programme = "{ programme: { eq: PART4_SAFE_ACCOMMODATION_DUTY } }";
                    // The default year: the one with the most Part 4 awards, the latest of equals.
                    var year = (await browser.GraphQLAsync($"{{ fundingSummary(where: {Programme}, groupBy: FINANCIAL_YEAR) {{ key awards }} }}"))
                        .GetProperty("fundingSummary").EnumerateArray()
                        .OrderByDescending(r => r.GetProperty("awards").GetInt32()).ThenByDescending(r => r.GetProperty("key").GetString(), StringComparer.Ordinal)
                        .First().GetProperty("key").GetString();
                    var awards = (await browser.GraphQLAsync(
                            "query ($year: String) { fundingSummary(where: { programme: { eq: PART4_SAFE_ACCOMMODATION_DUTY }, financialYear: { eq: $year } }, groupBy: RECIPIENT) { key amountGbp } }",
                            new { year }))
                        .GetProperty("fundingSummary").EnumerateArray()
                        .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("amountGbp").GetDouble());
                    return councils.ToDictionary(Code, c =>
                    {
                        // A district shows its county's award per head of the county's population.
                        var holder = c.GetProperty("tier").GetString() == "DISTRICT" ? c.GetProperty("county") : c;
                        return awards.TryGetValue(Code(holder), out var amount) && holder.GetProperty("population").GetInt32() > 0
                            ? (object?)(amount / holder.GetProperty("population").GetInt32())
                            : null;
                    });
                }
            default:
                {
                    var to = DateOnly.Parse(asOf, CultureInfo.InvariantCulture).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var counts = new Dictionary<string, int>();
                    var contracts = await browser.AllNodesAsync(
                        "query ($from: Date!, $to: Date!, $after: String) { contracts(where: { endDate: { gte: $from, lt: $to } }, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { leadCommissioner { code } coCommissioners { code } } } }",
                        "contracts", new() { ["from"] = asOf, ["to"] = to });
                    foreach (var contract in contracts)
                    {
                        foreach (var code in contract.GetProperty("coCommissioners").EnumerateArray().Select(Code)
                                     .Append(Code(contract.GetProperty("leadCommissioner"))).Distinct())
                        {
                            counts[code] = counts.GetValueOrDefault(code) + 1;
                        }
                    }
                    counts.Values.Sum().ShouldBeGreaterThan(0, "some contract ends within the year");
                    return councils.ToDictionary(Code, c => (object?)counts.GetValueOrDefault(Code(c)));
                }
        }
    }
}
