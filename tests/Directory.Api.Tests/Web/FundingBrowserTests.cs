using System.Text.Json;
using Directory.Api.Auth;

namespace Directory.Api.Tests.Web;

/// <summary>
/// <c>#/funding</c> against the running service with real tokens: every total by programme, region and year equals
/// <c>fundingSummary</c> over HTTP, and the synthetic (invented) part of each is shown apart and labelled as such.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FundingBrowserTests(BrowserFixture browser)
{
    private const string SummaryQuery = """
        query ($where: FundingAwardFilterInput, $groupBy: FundingGrouping!) {
          fundingSummary(where: $where, groupBy: $groupBy) { key awards amountGbp }
        }
        """;

    private static readonly (string Section, string Grouping)[] Sections =
        [("fundingByProgramme", "PROGRAMME"), ("fundingByRegion", "REGION"), ("fundingByYear", "FINANCIAL_YEAR")];

    [SkippableTheory]
    [InlineData("", "")]
    [InlineData("2021-22", "London")]
    public async Task Every_total_and_its_synthetic_part_equal_the_APIs(string year, string region)
    {
        var token = browser.Token(Roles.VoluntarySector);
        await using var session = await browser.OpenSignedInAsync("#/funding", token);
        var page = session.Page;
        if (year.Length > 0)
        {
            await page.Locator("select[name=year]").SelectOptionAsync(year);
            await page.Locator("select[name=region]").SelectOptionAsync(region);
            await session.ApplyAsync("Apply", "year=");
        }

        (await page.Locator("[data-synthetic-notice]").InnerTextAsync()).ShouldContain("not real allocations");
        var filter = new Dictionary<string, object>();
        if (year.Length > 0)
        {
            filter["financialYear"] = new { eq = year };
            filter["recipient"] = new { region = new { eq = region } };
        }

        var syntheticOnly = new { and = new object[] { filter, new { source = new { eq = "synthetic" } } } };
        var checkedGroups = 0;
        foreach (var (section, grouping) in Sections)
        {
            var all = await SummaryAsync(filter.Count == 0 ? null : filter, grouping, token);
            var synthetic = (await SummaryAsync(syntheticOnly, grouping, token)).ToDictionary(r => r.GetProperty("key").GetString()!);
            (await DashboardTables.RowsAsync(page, section)).Select(r => r[0]).ShouldBe(all.Select(r => r.GetProperty("key").GetString()), section);
            foreach (var group in all)
            {
                var key = group.GetProperty("key").GetString()!;
                (await DashboardTables.CellAsync(page, section, key, "Awards")).ShouldEqualNumber(group.GetProperty("awards"), $"{section} {key} awards");
                (await DashboardTables.CellAsync(page, section, key, "Amount")).ShouldEqualNumber(group.GetProperty("amountGbp"), $"{section} {key} amount");
                var invented = synthetic.TryGetValue(key, out var s) ? s : default;
                (await DashboardTables.CellAsync(page, section, key, "Synthetic awards")).ShouldBe(
                    invented.ValueKind == JsonValueKind.Object ? invented.GetProperty("awards").GetRawText() : "0", $"{section} {key} synthetic awards");
                (await DashboardTables.CellAsync(page, section, key, "Synthetic amount")).ShouldEqualNumber(
                    invented.ValueKind == JsonValueKind.Object ? invented.GetProperty("amountGbp") : JsonDocument.Parse("0").RootElement, $"{section} {key} synthetic amount");
                checkedGroups++;
            }
        }

        checkedGroups.ShouldBeGreaterThan(0);
        var (fileName, _, rows) = await DashboardTables.DownloadCsvAsync(session, "fundingByRegion", $"funding-by-region{year}.csv");
        fileName.ShouldBe("fundingByRegion.csv");
        rows.ShouldBe(await DashboardTables.RowsAsync(page, "fundingByRegion"));
        await session.ScreenshotAsync(year.Length == 0 ? "funding" : $"funding-{year}-{region}");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_funding_view_is_accessible_and_fits_at(int width)
    {
        await using var session = await browser.OpenSignedInAsync("#/funding", browser.Token(Roles.Partner, "E06000001"), width);

        (await session.Page.Locator("[data-section=fundingByProgramme] canvas").CountAsync()).ShouldBe(1);
        await session.AssertAccessibleAndFitsAsync("funding", $"funding-{width}");
    }

    private async Task<List<JsonElement>> SummaryAsync(object? where, string groupBy, string token) =>
        [.. (await browser.GraphQLAsync(SummaryQuery, new { where, groupBy }, token)).GetProperty("fundingSummary").EnumerateArray()];
}
