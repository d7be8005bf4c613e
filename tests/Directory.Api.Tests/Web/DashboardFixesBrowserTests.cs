using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// Issue 17's "Broken" list: the region picker offers the API's regions and a region changes the response count;
/// the national list fits its box at 1,280 px; GraphiQL links back to the dashboard; the coverage chart's colours are
/// colour-blind safe (providers without a survey status: <see cref="OrganisationPageBrowserTests"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardFixesBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_region_picker_offers_the_APIs_regions_and_a_region_changes_the_response_count()
    {
        await using var session = await browser.OpenAsync();
        var regions = (await browser.GraphQLAsync("{ regions { name } }")).GetProperty("regions").EnumerateArray()
            .Select(r => r.GetProperty("name").GetString()!).ToList();
        regions.Count.ShouldBeGreaterThan(2);
        // The summary counts the in-scope organisations' responses of the region shown (MappingReport.responseCount).
        var national = (await browser.GraphQLAsync("{ mappingReport { responseCount } }")).GetProperty("mappingReport").GetProperty("responseCount").GetInt32();

        await session.OpenDashboardAsync("#/");
        var picker = session.Page.GetByLabel("Region");
        (await picker.Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).ShouldBe(regions.Prepend("").ToArray());
        (await session.Page.Locator("[data-response-count]").GetAttributeAsync("data-value")).ShouldBe(national.ToString());

        var region = regions.First(r => r != "Wales");
        await picker.SelectOptionAsync(region);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => url.Contains("region=", StringComparison.Ordinal));
        await session.WaitForViewAsync();
        var inRegion = (await browser.GraphQLAsync(
                "query ($region: String) { mappingReport(region: $region) { responseCount } }", new { region }))
            .GetProperty("mappingReport").GetProperty("responseCount").GetInt32();
        inRegion.ShouldBeLessThan(national);
        (await session.Page.Locator("[data-response-count]").GetAttributeAsync("data-value")).ShouldBe(inRegion.ToString());
        (await session.Page.Locator("[data-summary]").TextContentAsync() ?? "").ShouldContain(region);
    }

    [SkippableFact]
    public async Task At_1280_px_the_national_list_table_fits_its_box()
    {
        await using var session = await browser.OpenAsync(width: 1280, height: 900);
        await session.OpenDashboardAsync();
        await session.SignInAsync(browser.Token("commissioner-office"));
        await session.OpenDashboardAsync("#/national-list");

        var box = session.Page.Locator("[data-results=national-list] .table-scroll");
        var widths = await box.EvaluateAsync<int[]>("b => [b.scrollWidth, b.clientWidth, b.querySelector('table').getBoundingClientRect().width]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], "the table scrolls inside its box");
        (await session.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Central mailbox" }).IsVisibleAsync()).ShouldBeTrue();
        var mailboxRight = await session.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Central mailbox" })
            .EvaluateAsync<double>("h => h.getBoundingClientRect().right");
        mailboxRight.ShouldBeLessThanOrEqualTo(await box.EvaluateAsync<double>("b => b.getBoundingClientRect().right") + 0.5);
        await session.ScreenshotAsync("national-list-1280");
    }

    [SkippableFact]
    public async Task GraphiQL_links_back_to_the_dashboard_and_the_dashboard_to_GraphiQL()
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync();
        await session.Page.Locator("[data-nav=graphiql]").ClickAsync();
        await session.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/graphql");
        var back = session.Page.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" });
        (await back.IsVisibleAsync()).ShouldBeTrue();
        await back.ClickAsync();
        await session.WaitForViewAsync();
        new Uri(session.Page.Url).AbsolutePath.ShouldBe("/");
        (await session.Page.Locator("h1").TextContentAsync()).ShouldBe("The national picture");
    }

    [SkippableFact]
    public async Task The_coverage_charts_colours_stay_apart_for_colour_blind_readers_and_stand_out_on_white()
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync("#/");
        var colours = (await session.Page.Locator("canvas[data-chart=coverage]").GetAttributeAsync("data-series-colours"))!.Split(' ');
        colours.Length.ShouldBe(3);
        foreach (var colour in colours)
        {
            ContrastWithWhite(colour).ShouldBeGreaterThanOrEqualTo(3.0, colour);
        }

        // Every pair stays clearly apart as protanopes and deuteranopes see it (Machado et al. 2009, severity 1): red and
        // green, the old pair, come within 37 of each other for a protanope.
        foreach (var (name, matrix) in new[] { ("protanopia", Protanopia), ("deuteranopia", Deuteranopia) })
        {
            for (var i = 0; i < colours.Length; i++)
            {
                for (var j = i + 1; j < colours.Length; j++)
                {
                    Distance(Simulate(colours[i], matrix), Simulate(colours[j], matrix))
                        .ShouldBeGreaterThan(60, $"{colours[i]} and {colours[j]} under {name}");
                }
            }
        }
    }

    private static readonly double[,] Protanopia =
        { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } };

    private static readonly double[,] Deuteranopia =
        { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } };

    private static double[] Linear(string hex) =>
        [.. new[] { 1, 3, 5 }.Select(i => Convert.ToInt32(hex.Substring(i, 2), 16) / 255.0)
            .Select(c => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4))];

    private static double ContrastWithWhite(string hex)
    {
        var c = Linear(hex);
        var luminance = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>The colour as seen with the deficiency, in sRGB 0–255.</summary>
    private static double[] Simulate(string hex, double[,] matrix)
    {
        var c = Linear(hex);
        return [.. Enumerable.Range(0, 3)
            .Select(i => Math.Clamp(matrix[i, 0] * c[0] + matrix[i, 1] * c[1] + matrix[i, 2] * c[2], 0, 1))
            .Select(v => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055))];
    }

    private static double Distance(double[] a, double[] b) =>
        Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (a[i] - b[i]) * (a[i] - b[i])));
}
