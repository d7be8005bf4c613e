using System.Text.Json;
using Directory.Api.Auth;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The national picture shows exactly the API's numbers, in every section of the mapping report, for the whole
/// country and for a region: the test asks <c>/graphql</c> over HTTP with the same real token the page is signed in
/// with and compares every table cell with the response. Each chart's downloads are the table (CSV) and the chart
/// (PNG).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NationalPictureBrowserTests(BrowserFixture browser)
{
    private const string ReportQuery = """
        query ($survey: String!, $region: String, $orgType: ReportOrganisationType) {
          regions { name }
          national: mappingReport(survey: $survey) { responseCount(orgType: $orgType) }
          mappingReport(survey: $survey, region: $region) {
            responseCount(orgType: $orgType)
            coverage { rows { organisationType completed additionalContact notReceived total } }
            departmentBreakdown(orgType: $orgType) { category count percent }
            activities(orgType: $orgType) { rows { option count percent } }
            leadStatus(orgType: $orgType) { rows { option count percent } }
            focus(orgType: $orgType) { rows { option count percent } }
            seniority(orgType: $orgType) { rows { option count percent } }
            jointCommissioningGroup(orgType: $orgType) { rows { option count percent } }
            servicesCommissioned(orgType: $orgType) { serviceType { code } sole joint womenOnly }
            staffing(orgType: $orgType) {
              rows { responsibility staff fte estimatedFte }
              total { staff fte estimatedFte }
              teamSizes { size organisations percent }
            }
            jobTitles(orgType: $orgType) { category jobTitles { jobTitle count } }
            ftePerHead(limit: 10) {
              highest { organisation { code } fte population ftePer100k }
              lowest { organisation { code } fte population ftePer100k }
            }
          }
        }
        """;

    /// <summary>Every section of the report the page draws, each a chart with its table.</summary>
    private static readonly string[] Sections =
    [
        "coverage", "servicesCommissioned", "jointCommissioningGroup", "focus", "departments", "jobTitles", "seniority",
        "activities", "leadStatus", "staffing", "teamSizes", "ftePerHeadHighest", "ftePerHeadLowest",
    ];

    [SkippableTheory]
    [InlineData("", "")]
    [InlineData("PCC", "")]
    [InlineData("", "South East")]
    [InlineData("LOCAL_AUTHORITY", "London")]
    public async Task Every_number_in_the_national_picture_equals_the_APIs(string orgType, string region)
    {
        var token = browser.Token(Roles.CommissionerOffice);
        await using var session = await browser.OpenSignedInAsync("#/", token);
        var route = new List<string>();
        if (orgType.Length > 0) route.Add($"orgType={orgType}");
        if (region.Length > 0) route.Add($"region={Uri.EscapeDataString(region)}");
        await session.OpenDashboardAsync("#/?" + string.Join('&', route));
        var data = await browser.GraphQLAsync(ReportQuery,
            new { survey = "STADV-2020", region = region.Length == 0 ? null : region, orgType = orgType.Length == 0 ? null : orgType }, token);
        var api = data.GetProperty("mappingReport");
        var page = session.Page;

        // The response count is the region's (and type's), not the survey's national total.
        (await page.Locator("[data-response-count]").GetAttributeAsync("data-value")).ShouldEqualNumber(api.GetProperty("responseCount"), "responses");
        if (region.Length > 0)
        {
            api.GetProperty("responseCount").GetInt32().ShouldBeLessThan(data.GetProperty("national").GetProperty("responseCount").GetInt32());
        }

        var compared = 0;
        var coverageRows = api.GetProperty("coverage").GetProperty("rows").EnumerateArray()
            .Where(r => orgType.Length == 0 || r.GetProperty("organisationType").GetString() == orgType).ToList();
        compared += await CompareAsync(page, "coverage", coverageRows, r => r.GetProperty("organisationType").GetString()!, new()
        {
            ["Completed"] = "completed",
            ["Additional contact"] = "additionalContact",
            ["Not received"] = "notReceived",
            ["Total"] = "total",
        });
        compared += await CompareAsync(page, "departments", [.. api.GetProperty("departmentBreakdown").EnumerateArray()],
            r => r.GetProperty("category").GetString()!, new() { ["Commissioners"] = "count", ["Share"] = "percent" });
        foreach (var question in new[] { "activities", "leadStatus", "focus", "seniority", "jointCommissioningGroup" })
        {
            compared += await CompareAsync(page, question, [.. api.GetProperty(question).GetProperty("rows").EnumerateArray()],
                r => r.GetProperty("option").GetString()!, new() { ["Count"] = "count", ["Share"] = "percent" });
        }

        compared += await CompareAsync(page, "servicesCommissioned", [.. api.GetProperty("servicesCommissioned").EnumerateArray()],
            r => r.GetProperty("serviceType").GetProperty("code").GetString()!, new() { ["Alone"] = "sole", ["Jointly"] = "joint", ["Women only"] = "womenOnly" });

        var staffing = api.GetProperty("staffing");
        var staffColumns = new Dictionary<string, string> { ["Staff"] = "staff", ["FTE reported"] = "fte", ["FTE estimated"] = "estimatedFte" };
        compared += await CompareAsync(page, "staffing", [.. staffing.GetProperty("rows").EnumerateArray()],
            r => r.GetProperty("responsibility").GetString()!, staffColumns);
        compared += await CompareAsync(page, "staffing", [staffing.GetProperty("total")], _ => "TOTAL", staffColumns);
        compared += await CompareAsync(page, "teamSizes", [.. staffing.GetProperty("teamSizes").EnumerateArray()],
            r => r.GetProperty("size").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            new() { ["Organisations"] = "organisations", ["Share"] = "percent" });

        var jobTitles = api.GetProperty("jobTitles").EnumerateArray().SelectMany(group => group.GetProperty("jobTitles").EnumerateArray()
            .Select(title => (Key: $"{group.GetProperty("category").GetString()}/{title.GetProperty("jobTitle").GetString()}", Count: title.GetProperty("count")))).ToList();
        foreach (var (key, count) in jobTitles)
        {
            (await DashboardTables.CellAsync(page, "jobTitles", key, "Commissioners")).ShouldEqualNumber(count, $"job title {key}");
            compared++;
        }

        var ftePerHead = api.GetProperty("ftePerHead");
        var fteColumns = new Dictionary<string, string> { ["FTE"] = "fte", ["Population"] = "population", ["FTE per 100,000"] = "ftePer100k" };
        compared += await CompareAsync(page, "ftePerHeadHighest", [.. ftePerHead.GetProperty("highest").EnumerateArray()],
            r => r.GetProperty("organisation").GetProperty("code").GetString()!, fteColumns);
        compared += await CompareAsync(page, "ftePerHeadLowest", [.. ftePerHead.GetProperty("lowest").EnumerateArray()],
            r => r.GetProperty("organisation").GetProperty("code").GetString()!, fteColumns);

        // No table row that the API did not return.
        (await RowCountAsync(page, "coverage")).ShouldBe(coverageRows.Count);
        (await RowCountAsync(page, "departments")).ShouldBe(api.GetProperty("departmentBreakdown").GetArrayLength());
        foreach (var question in new[] { "activities", "leadStatus", "focus", "seniority", "jointCommissioningGroup" })
        {
            (await RowCountAsync(page, question)).ShouldBe(api.GetProperty(question).GetProperty("rows").GetArrayLength(), question);
        }

        (await RowCountAsync(page, "servicesCommissioned")).ShouldBe(api.GetProperty("servicesCommissioned").GetArrayLength());
        (await RowCountAsync(page, "staffing")).ShouldBe(staffing.GetProperty("rows").GetArrayLength() + 1);
        (await RowCountAsync(page, "teamSizes")).ShouldBe(staffing.GetProperty("teamSizes").GetArrayLength());
        (await RowCountAsync(page, "jobTitles")).ShouldBe(jobTitles.Count);
        (await RowCountAsync(page, "ftePerHeadHighest")).ShouldBe(ftePerHead.GetProperty("highest").GetArrayLength());
        (await RowCountAsync(page, "ftePerHeadLowest")).ShouldBe(ftePerHead.GetProperty("lowest").GetArrayLength());
        compared.ShouldBeGreaterThan(0, "the API returned no numbers to compare");
        var name = string.Join('-', new[] { "national-picture", orgType, region.Replace(' ', '-') }.Where(p => p.Length > 0));
        await session.ScreenshotAsync(name);
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Choosing_a_region_in_the_form_changes_every_figure_including_the_response_count()
    {
        var token = browser.Token(Roles.Government);
        await using var session = await browser.OpenSignedInAsync("#/", token);
        var page = session.Page;
        const string region = "North West";
        var national = (await browser.GraphQLAsync(ReportQuery, new { survey = "STADV-2020" }, token)).GetProperty("mappingReport");
        var data = await browser.GraphQLAsync(ReportQuery, new { survey = "STADV-2020", region }, token);
        var regional = data.GetProperty("mappingReport");

        // The picker offers every region the API knows (not only the police force areas' regions).
        var offered = await page.Locator("select[name=region] option").AllTextContentsAsync();
        offered.Skip(1).ShouldBe(data.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        (await page.Locator("[data-response-count]").GetAttributeAsync("data-value")).ShouldEqualNumber(national.GetProperty("responseCount"), "national responses");

        await page.GetByLabel("Region").SelectOptionAsync(region);
        await session.ApplyAsync("Show", "region=North");

        (await page.Locator("[data-response-count]").GetAttributeAsync("data-value")).ShouldEqualNumber(regional.GetProperty("responseCount"), "the region's responses");
        regional.GetProperty("responseCount").GetInt32().ShouldNotBe(national.GetProperty("responseCount").GetInt32());
        var localAuthorities = regional.GetProperty("coverage").GetProperty("rows")[0];
        (await DashboardTables.CellAsync(page, "coverage", "LOCAL_AUTHORITY", "Total")).ShouldEqualNumber(localAuthorities.GetProperty("total"), "councils in the region");
        (await DashboardTables.CellAsync(page, "staffing", "TOTAL", "FTE reported"))
            .ShouldEqualNumber(regional.GetProperty("staffing").GetProperty("total").GetProperty("fte"), "the region's FTE");
        var firstService = regional.GetProperty("servicesCommissioned")[0];
        (await DashboardTables.CellAsync(page, "servicesCommissioned", firstService.GetProperty("serviceType").GetProperty("code").GetString()!, "Alone"))
            .ShouldEqualNumber(firstService.GetProperty("sole"), "the region's sole commissioners");
        (await page.Locator("[data-summary]").TextContentAsync()).ShouldNotBeNull().ShouldContain(region);
        await session.ScreenshotAsync("national-picture-region-chosen");
    }

    [SkippableFact]
    public async Task Every_chart_downloads_its_table_as_CSV_and_itself_as_PNG()
    {
        await using var session = await browser.OpenSignedInAsync("#/?region=London", browser.Token(Roles.CommissionerOffice));
        var page = session.Page;

        foreach (var section in Sections)
        {
            var shown = await DashboardTables.RowsAsync(page, section);
            var (fileName, header, rows) = await DashboardTables.DownloadCsvAsync(session, section, $"national-{section}.csv");
            fileName.ShouldBe($"{section}.csv");
            header.ShouldBe(await DashboardTables.HeadersAsync(page, section), section);
            rows.ShouldBe(shown, section);
            rows.ShouldNotBeEmpty(section);

            var (pngName, bytes) = await DashboardTables.DownloadPngAsync(session, section, $"national-{section}.png");
            pngName.ShouldBe($"{section}.png");
            bytes.Take(8).ShouldBe(DashboardTables.PngSignature, section);
            bytes.Length.ShouldBeGreaterThan(1000, $"{section}: the PNG holds a drawn chart");
        }

        (await page.Locator("[data-section] canvas").CountAsync()).ShouldBe(Sections.Length, "every chart has been checked");
        session.PageErrors.ShouldBeEmpty();
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_complete_national_picture_is_accessible_and_fits_at(int width)
    {
        await using var session = await browser.OpenSignedInAsync("#/?region=London", browser.Token(Roles.Partner, "E06000001"), width);

        await session.AssertAccessibleAndFitsAsync("national picture (London)", $"national-picture-complete-{width}");
    }

    /// <summary>Rows of a section's table; a section whose API list is empty shows no table at all.</summary>
    private static Task<int> RowCountAsync(IPage page, string section) =>
        page.Locator($"[data-section={section}] table tbody tr").CountAsync();

    /// <summary>Compares each API row with the table row whose header cell holds the same key; returns cells compared.</summary>
    private static async Task<int> CompareAsync(
        IPage page, string section, List<JsonElement> apiRows, Func<JsonElement, string> key, Dictionary<string, string> columns)
    {
        var compared = 0;
        foreach (var apiRow in apiRows)
        {
            var rowKey = key(apiRow);
            (await page.Locator($"[data-section={section}] table tbody tr:has(th[data-value=\"{rowKey}\"])").CountAsync())
                .ShouldBe(1, $"{section}: one table row for {rowKey}");
            foreach (var (header, field) in columns)
            {
                (await DashboardTables.CellAsync(page, section, rowKey, header)).ShouldEqualNumber(apiRow.GetProperty(field), $"{section} {rowKey} {header}");
                compared++;
            }
        }

        return compared;
    }
}
