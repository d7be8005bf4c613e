using System.Text.Json;
using Directory.Api.Auth;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// <c>#/contracts</c> against the running service with real tokens: the table, the renewal timeline and the totals
/// equal what <c>contracts</c> and <c>contractSummary</c> answer over HTTP for the same filter.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContractsBrowserTests(BrowserFixture browser)
{
    private const string ContractsQuery = """
        query ($where: ContractFilterInput, $groupBy: ContractGrouping!, $after: String) {
          contracts(where: $where, order: [{ endDate: ASC }, { code: ASC }], first: 25, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              code leadCommissioner { code } provider { code } startDate endDate latestPossibleEndDate annualValueGbp status
              extensionOptions { number startDate endDate }
            }
          }
          contractSummary(where: $where, groupBy: $groupBy) { key contracts annualValueGbp refugeUnits }
        }
        """;

    [SkippableFact]
    public async Task The_table_the_renewal_timeline_and_the_totals_equal_the_APIs_answers_for_a_region()
    {
        var token = browser.Token(Roles.CommissionerOffice);
        var byRegion = (await browser.GraphQLAsync("{ contractSummary(groupBy: REGION) { key contracts } }", token: token))
            .GetProperty("contractSummary").EnumerateArray().Where(r => r.GetProperty("key").GetString() != "")
            .OrderByDescending(r => r.GetProperty("contracts").GetInt32()).First();
        var region = byRegion.GetProperty("key").GetString()!;
        byRegion.GetProperty("contracts").GetInt32().ShouldBeGreaterThan(25, "the region has more than a page of contracts");
        var where = new { leadCommissioner = new { region = new { eq = region } } };

        await using var session = await browser.OpenSignedInAsync("#/contracts", token);
        await session.OpenDashboardAsync($"#/contracts?region={Uri.EscapeDataString(region)}&groupBy=LEAD_COMMISSIONER");
        var page = session.Page;
        var api = await browser.GraphQLAsync(ContractsQuery, new { where, groupBy = "LEAD_COMMISSIONER" }, token);
        var contracts = api.GetProperty("contracts");
        var nodes = contracts.GetProperty("nodes").EnumerateArray().ToList();

        (await page.Locator("[data-results=contracts] [data-total]").GetAttributeAsync("data-total"))
            .ShouldEqualNumber(contracts.GetProperty("totalCount"), "contracts matching");
        var rows = await DashboardTables.RowsAsync(page, "contracts");
        rows.Select(r => r[0]).ShouldBe(nodes.Select(n => n.GetProperty("code").GetString()));
        var headers = await DashboardTables.HeadersAsync(page, "contracts");
        foreach (var (row, node) in rows.Zip(nodes))
        {
            row[Array.IndexOf(headers, "Lead commissioner")].ShouldBe(node.GetProperty("leadCommissioner").GetProperty("code").GetString());
            row[Array.IndexOf(headers, "Provider")].ShouldBe(node.GetProperty("provider").GetProperty("code").GetString());
            row[Array.IndexOf(headers, "End")].ShouldBe(node.GetProperty("endDate").GetString());
            row[Array.IndexOf(headers, "Latest possible end")].ShouldBe(node.GetProperty("latestPossibleEndDate").GetString());
            row[Array.IndexOf(headers, "Status")].ShouldBe(node.GetProperty("status").GetString());
            if (node.GetProperty("annualValueGbp").ValueKind == JsonValueKind.Number)
            {
                row[Array.IndexOf(headers, "Annual value")].ShouldEqualNumber(node.GetProperty("annualValueGbp"), "annual value");
            }
        }

        // The timeline: a bar per contract from its start to its end under its lead commissioner, one outlined bar per
        // extension option with the API's dates, and today marked on every row.
        var extensionsDrawn = 0;
        foreach (var node in nodes.Where(n => n.GetProperty("startDate").ValueKind == JsonValueKind.String && n.GetProperty("endDate").ValueKind == JsonValueKind.String))
        {
            var code = node.GetProperty("code").GetString();
            var bar = page.Locator($"[data-timeline] [data-lead=\"{node.GetProperty("leadCommissioner").GetProperty("code").GetString()}\"] [data-contract=\"{code}\"]");
            (await bar.CountAsync()).ShouldBe(1, $"{code} is drawn once, under its lead commissioner");
            (await bar.Locator(".timeline-term").GetAttributeAsync("data-start")).ShouldBe(node.GetProperty("startDate").GetString());
            (await bar.Locator(".timeline-term").GetAttributeAsync("data-end")).ShouldBe(node.GetProperty("endDate").GetString());
            var options = node.GetProperty("extensionOptions").EnumerateArray().ToList();
            (await bar.Locator("[data-extension]").CountAsync()).ShouldBe(options.Count, $"{code}'s extension options");
            foreach (var option in options)
            {
                var drawn = bar.Locator($"[data-extension=\"{option.GetProperty("number").GetInt32()}\"]");
                (await drawn.GetAttributeAsync("data-start")).ShouldBe(option.GetProperty("startDate").GetString());
                (await drawn.GetAttributeAsync("data-end")).ShouldBe(option.GetProperty("endDate").GetString());
                extensionsDrawn++;
            }

            (await bar.Locator(".timeline-today").CountAsync()).ShouldBe(1);
            // Extensions start where the term ends: drawn after the bar, never before it.
            var boxes = await bar.Locator(".timeline-term, [data-extension]").EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBoundingClientRect().left)");
            boxes.ShouldBe(boxes.Order().ToArray(), $"{code}: extensions drawn after the term");
        }

        extensionsDrawn.ShouldBeGreaterThan(0, "the page has contracts with extension options");
        (await page.Locator("[data-timeline] .timeline-today-label").TextContentAsync()).ShouldBe("Today");

        // Totals over every matching contract (not only the page), by the chosen grouping.
        var summary = api.GetProperty("contractSummary").EnumerateArray().ToList();
        (await DashboardTables.RowsAsync(page, "contractTotals")).Count.ShouldBe(summary.Count);
        foreach (var group in summary)
        {
            var key = group.GetProperty("key").GetString()!;
            (await DashboardTables.CellAsync(page, "contractTotals", key, "Contracts")).ShouldEqualNumber(group.GetProperty("contracts"), $"{key} contracts");
            (await DashboardTables.CellAsync(page, "contractTotals", key, "Annual value")).ShouldEqualNumber(group.GetProperty("annualValueGbp"), $"{key} value");
            (await DashboardTables.CellAsync(page, "contractTotals", key, "Refuge units")).ShouldEqualNumber(group.GetProperty("refugeUnits"), $"{key} units");
        }

        // The totals chart downloads as its table.
        var (_, _, csvRows) = await DashboardTables.DownloadCsvAsync(session, "contractTotals", "contract-totals.csv");
        csvRows.ShouldBe(await DashboardTables.RowsAsync(page, "contractTotals"));

        // The second page is the API's second page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        var second = await browser.GraphQLAsync(ContractsQuery,
            new { where, groupBy = "LEAD_COMMISSIONER", after = contracts.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, token);
        var secondCodes = second.GetProperty("contracts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ToList();
        await Assertions.Expect(page.Locator("[data-section=contracts] tbody tr th").First).ToHaveAttributeAsync("data-value", secondCodes[0]!);
        (await DashboardTables.RowsAsync(page, "contracts")).Select(r => r[0]).ShouldBe(secondCodes);
        await session.ScreenshotAsync("contracts-region");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Filtering_by_service_type_commissioner_end_dates_and_value_in_the_form_shows_the_APIs_contracts()
    {
        var token = browser.Token(Roles.Partner, "E06000001");
        var serviceType = (await browser.GraphQLAsync("{ contractSummary(groupBy: SERVICE_TYPE) { key contracts } }", token: token))
            .GetProperty("contractSummary").EnumerateArray().OrderByDescending(r => r.GetProperty("contracts").GetInt32()).First().GetProperty("key").GetString()!;
        await using var session = await browser.OpenSignedInAsync("#/contracts", token);
        var page = session.Page;

        await page.GetByLabel("Service type", new() { Exact = true }).SelectOptionAsync(serviceType);
        await page.GetByLabel("Ending on or after", new() { Exact = true }).FillAsync("2022-01-01");
        await page.GetByLabel("Ending on or before", new() { Exact = true }).FillAsync("2027-12-31");
        await page.GetByLabel("Annual value at least (£)", new() { Exact = true }).FillAsync("200000");
        await page.GetByLabel("Totals by", new() { Exact = true }).SelectOptionAsync("END_YEAR");
        await session.ApplyAsync("Apply", "minValue=200000");

        var where = new
        {
            and = new object[]
            {
                new { serviceTypes = new { some = new { code = new { eq = serviceType } } } },
                new { endDate = new { gte = "2022-01-01", lte = "2027-12-31" } },
                new { annualValueGbp = new { gte = 200000 } },
            },
        };
        var api = await browser.GraphQLAsync(ContractsQuery, new { where, groupBy = "END_YEAR" }, token);
        var contracts = api.GetProperty("contracts");
        contracts.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0, "the filter matches some contracts");
        (await page.Locator("[data-results=contracts] [data-total]").GetAttributeAsync("data-total"))
            .ShouldEqualNumber(contracts.GetProperty("totalCount"), "contracts matching");
        (await DashboardTables.RowsAsync(page, "contracts")).Select(r => r[0])
            .ShouldBe(contracts.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        (await DashboardTables.RowsAsync(page, "contractTotals")).Select(r => r[0])
            .ShouldBe(api.GetProperty("contractSummary").EnumerateArray().Select(r => r.GetProperty("key").GetString()));

        // A commissioner typed by name narrows the same filter further (lead or co-commissioner).
        var lead = (await browser.GraphQLAsync("query ($where: ContractFilterInput) { contracts(where: $where, first: 1) { nodes { leadCommissioner { name } } } }", new { where }, token))
            .GetProperty("contracts").GetProperty("nodes")[0].GetProperty("leadCommissioner").GetProperty("name").GetString()!;
        await page.GetByLabel("Commissioner (name or code)", new() { Exact = true }).FillAsync(lead);
        await session.ApplyAsync("Apply", "commissioner=");
        var narrowed = new
        {
            and = new object[]
            {
                where.and[0],
                new { commissioners = new { some = new { or = new object[] { new { code = new { eq = lead } }, new { name = new { contains = lead } } } } } },
                where.and[1],
                where.and[2],
            },
        };
        var narrowedApi = (await browser.GraphQLAsync(ContractsQuery, new { where = narrowed, groupBy = "END_YEAR" }, token)).GetProperty("contracts");
        narrowedApi.GetProperty("totalCount").GetInt32().ShouldBeLessThan(contracts.GetProperty("totalCount").GetInt32());
        (await DashboardTables.RowsAsync(page, "contracts")).Select(r => r[0])
            .ShouldBe(narrowedApi.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        session.PageErrors.ShouldBeEmpty();
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_contracts_view_is_accessible_and_fits_at(int width)
    {
        await using var session = await browser.OpenSignedInAsync("#/contracts", browser.Token(Roles.CommissionerOffice), width);

        (await session.Page.Locator("[data-timeline] [data-contract]").CountAsync()).ShouldBeGreaterThan(0);
        await session.AssertAccessibleAndFitsAsync("contracts", $"contracts-{width}");
    }
}
