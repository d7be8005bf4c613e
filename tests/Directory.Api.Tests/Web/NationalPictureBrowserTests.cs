using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The national picture shows exactly the API's numbers. The test asks the API itself (from the page, with the
/// same origin and headers as the dashboard) and compares every table cell with the response. It is skipped while
/// the GraphQL endpoint does not serve <c>mappingReport</c> yet.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NationalPictureBrowserTests(BrowserFixture browser)
{
    private const string ReportQuery = """
        query ($survey: String!, $orgType: ReportOrganisationType) {
          mappingReport(survey: $survey) {
            coverage { rows { organisationType completed additionalContact notReceived total } }
            departmentBreakdown(orgType: $orgType) { category count percent }
            activities(orgType: $orgType) { rows { option count percent } }
            leadStatus(orgType: $orgType) { rows { option count percent } }
            staffing(orgType: $orgType) { rows { responsibility staff fte estimatedFte } total { staff fte estimatedFte } }
            ftePerHead(limit: 10) {
              highest { organisation { code } fte population ftePer100k }
              lowest { organisation { code } fte population ftePer100k }
            }
          }
        }
        """;

    [SkippableTheory]
    [InlineData("")]
    [InlineData("PCC")]
    public async Task Every_number_in_the_national_picture_equals_the_APIs(string orgType)
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync(orgType.Length == 0 ? "#/" : $"#/?orgType={orgType}");
        var report = await AskTheApiAsync(session.Page, orgType);
        Skip.If(report is null, "The GraphQL endpoint does not serve mappingReport yet (resolvers: issue 5).");
        var api = report.Value;

        var compared = 0;
        var coverageRows = api.GetProperty("coverage").GetProperty("rows").EnumerateArray()
            .Where(r => orgType.Length == 0 || r.GetProperty("organisationType").GetString() == orgType);
        compared += await CompareAsync(session.Page, "coverage", coverageRows, r => r.GetProperty("organisationType").GetString()!, new()
        {
            ["Completed"] = "completed",
            ["Additional contact"] = "additionalContact",
            ["Not received"] = "notReceived",
            ["Total"] = "total",
        });
        compared += await CompareAsync(session.Page, "departments", api.GetProperty("departmentBreakdown").EnumerateArray(),
            r => r.GetProperty("category").GetString()!, new() { ["Commissioners"] = "count", ["Share"] = "percent" });
        foreach (var (section, field) in new[] { ("activities", "activities"), ("leadStatus", "leadStatus") })
        {
            compared += await CompareAsync(session.Page, section, api.GetProperty(field).GetProperty("rows").EnumerateArray(),
                r => r.GetProperty("option").GetString()!, new() { ["Count"] = "count", ["Share"] = "percent" });
        }

        var staffing = api.GetProperty("staffing");
        var staffColumns = new Dictionary<string, string> { ["Staff"] = "staff", ["FTE reported"] = "fte", ["FTE estimated"] = "estimatedFte" };
        compared += await CompareAsync(session.Page, "staffing", staffing.GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("responsibility").GetString()!, staffColumns);
        compared += await CompareAsync(session.Page, "staffing", [staffing.GetProperty("total")], _ => "TOTAL", staffColumns);

        var ftePerHead = api.GetProperty("ftePerHead");
        var fteColumns = new Dictionary<string, string> { ["FTE"] = "fte", ["Population"] = "population", ["FTE per 100,000"] = "ftePer100k" };
        compared += await CompareAsync(session.Page, "ftePerHeadHighest", ftePerHead.GetProperty("highest").EnumerateArray(),
            r => r.GetProperty("organisation").GetProperty("code").GetString()!, fteColumns);
        compared += await CompareAsync(session.Page, "ftePerHeadLowest", ftePerHead.GetProperty("lowest").EnumerateArray(),
            r => r.GetProperty("organisation").GetProperty("code").GetString()!, fteColumns);

        // No table row that the API did not return.
        (await RowCountAsync(session.Page, "coverage")).ShouldBe(coverageRows.Count());
        (await RowCountAsync(session.Page, "departments")).ShouldBe(api.GetProperty("departmentBreakdown").GetArrayLength());
        (await RowCountAsync(session.Page, "activities")).ShouldBe(api.GetProperty("activities").GetProperty("rows").GetArrayLength());
        (await RowCountAsync(session.Page, "leadStatus")).ShouldBe(api.GetProperty("leadStatus").GetProperty("rows").GetArrayLength());
        (await RowCountAsync(session.Page, "staffing")).ShouldBe(staffing.GetProperty("rows").GetArrayLength() + 1);
        (await RowCountAsync(session.Page, "ftePerHeadHighest")).ShouldBe(ftePerHead.GetProperty("highest").GetArrayLength());
        (await RowCountAsync(session.Page, "ftePerHeadLowest")).ShouldBe(ftePerHead.GetProperty("lowest").GetArrayLength());
        compared.ShouldBeGreaterThan(0, "the API returned no numbers to compare");
        await session.ScreenshotAsync(orgType.Length == 0 ? "national-picture" : $"national-picture-{orgType}");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    /// <summary>Rows of a section's table; a section whose API list is empty shows no table at all.</summary>
    private static Task<int> RowCountAsync(IPage page, string section) =>
        page.Locator($"[data-section={section}] table tbody tr").CountAsync();

    private static async Task<JsonElement?> AskTheApiAsync(IPage page, string orgType)
    {
        var body = await page.EvaluateAsync<string?>(
            """
            async ([query, orgType]) => {
              const response = await fetch('/graphql', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json' },
                body: JSON.stringify({ query, variables: { survey: 'STADV-2020', orgType: orgType || null } }),
              });
              return (response.headers.get('Content-Type') ?? '').includes('json') ? await response.text() : null;
            }
            """,
            new object[] { ReportQuery, orgType });
        if (body is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("mappingReport", out var report) && report.ValueKind == JsonValueKind.Object
            ? report.Clone()
            : null;
    }

    /// <summary>Compares each API row with the table row whose header cell holds the same key; returns cells compared.</summary>
    private static async Task<int> CompareAsync(
        IPage page, string section, IEnumerable<JsonElement> apiRows, Func<JsonElement, string> key, Dictionary<string, string> columns)
    {
        var table = page.Locator($"[data-section={section}] table");
        var compared = 0;
        foreach (var apiRow in apiRows)
        {
            var rowKey = key(apiRow);
            var row = table.Locator($"tbody tr:has(th[data-value=\"{rowKey}\"])");
            (await row.CountAsync()).ShouldBe(1, $"{section}: one table row for {rowKey}");
            foreach (var (header, field) in columns)
            {
                var shown = await row.Locator($"td[data-column=\"{header}\"]").GetAttributeAsync("data-value");
                var expected = apiRow.GetProperty(field).GetDouble();
                double.Parse(shown.ShouldNotBeNull(), CultureInfo.InvariantCulture)
                    .ShouldBe(expected, $"{section} {rowKey} {header}");
                compared++;
            }
        }

        return compared;
    }
}
