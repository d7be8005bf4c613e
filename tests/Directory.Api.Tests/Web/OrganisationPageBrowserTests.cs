using System.Globalization;
using System.Text.Json;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The organisation page (<c>#/organisation/CODE</c>) shows what the API returns for the viewer: contracts with
/// co-commissioners, extensions, refuge units and ended contracts greyed; partnership members; survey answers and
/// staff FTE for a signed-in viewer only; funding; the place's other commissioners; and no survey status for an
/// organisation the survey never covered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationPageBrowserTests(BrowserFixture browser)
{
    private const string OrganisationQuery = """
        query ($code: String!) {
          organisation(code: $code) {
            code name type inScope
            contractsAsCommissioner { ...C }
            contractsAsProvider { ...C }
            partnerships { partnership { members { organisation { code } } } }
            responses(survey: "STADV-2020") { code staffLines { fte } }
            funding { code }
          }
          whoCommissions(place: $code) { organisation { code } }
        }
        fragment C on Contract { code status latestPossibleEndDate refugeUnits leadCommissioner { code } coCommissioners { code } }
        """;

    /// <summary>A council that commissions an ended contract, from the API (issue 17: ended contracts greyed).</summary>
    private async Task<string> CouncilWithAnEndedContractAsync()
    {
        var contracts = (await browser.GraphQLAsync(
                "{ contracts(first: 100, where: { latestPossibleEndDate: { lt: \"" + DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\" } }) { nodes { leadCommissioner { code type } } } }"))
            .GetProperty("contracts").GetProperty("nodes").EnumerateArray()
            .Select(c => c.GetProperty("leadCommissioner"))
            .Where(o => o.GetProperty("type").GetString() == "LOCAL_AUTHORITY")
            .ToList();
        contracts.ShouldNotBeEmpty("the sample data has an ended contract led by a council");
        return contracts[0].GetProperty("code").GetString()!;
    }

    [SkippableFact]
    public async Task The_office_sees_contracts_partnerships_answers_staff_funding_and_the_places_commissioners_as_the_API_gives_them()
    {
        await using var session = await browser.OpenAsync();
        var token = browser.Token("commissioner-office");
        var code = await CouncilWithAnEndedContractAsync();
        var api = await browser.GraphQLAsync(OrganisationQuery, new { code }, token);
        var org = api.GetProperty("organisation");

        await session.OpenDashboardAsync();
        await session.SignInAsync(token);
        await session.OpenDashboardAsync($"#/organisation/{code}");
        var page = session.Page;

        var contracts = org.GetProperty("contractsAsCommissioner").EnumerateArray().Concat(org.GetProperty("contractsAsProvider").EnumerateArray()).ToList();
        var rows = page.Locator("table[data-table=contracts] tbody tr");
        (await rows.CountAsync()).ShouldBe(contracts.Count);
        for (var i = 0; i < contracts.Count; i++)
        {
            var contract = contracts[i];
            var row = rows.Nth(i);
            (await row.Locator("th").GetAttributeAsync("data-value")).ShouldBe(contract.GetProperty("code").GetString());
            (await row.Locator("[data-column=Status]").GetAttributeAsync("data-value")).ShouldBe(contract.GetProperty("status").GetString());
            var commissioners = contract.GetProperty("coCommissioners").EnumerateArray().Select(o => o.GetProperty("code").GetString())
                .Prepend(contract.GetProperty("leadCommissioner").GetProperty("code").GetString());
            (await row.Locator("[data-column=Commissioners]").GetAttributeAsync("data-value")).ShouldBe(string.Join(" ", commissioners));
            (await row.Locator("[data-column=Extensions]").GetAttributeAsync("data-value"))
                .ShouldBe(contract.GetProperty("latestPossibleEndDate").ValueKind == JsonValueKind.String ? contract.GetProperty("latestPossibleEndDate").GetString() : null);
            (await row.Locator("[data-column='Refuge units']").GetAttributeAsync("data-value"))
                .ShouldBe(contract.GetProperty("refugeUnits").ValueKind == JsonValueKind.Number ? contract.GetProperty("refugeUnits").GetInt32().ToString(CultureInfo.InvariantCulture) : null);
            // Ended contracts are greyed (and say so in words).
            var ended = contract.GetProperty("status").GetString() == "ENDED";
            (await row.EvaluateAsync<bool>("r => r.classList.contains('ended')")).ShouldBe(ended);
            if (ended)
            {
                (await row.Locator("th").TextContentAsync()).ShouldEndWith("(ended)");
            }
        }
        contracts.ShouldContain(c => c.GetProperty("status").GetString() == "ENDED");

        var memberCells = await page.Locator("table[data-table=partnerships] [data-column=Members]").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.value)");
        memberCells.ShouldBe(org.GetProperty("partnerships").EnumerateArray()
            .Select(p => string.Join(" ", p.GetProperty("partnership").GetProperty("members").EnumerateArray().Select(m => m.GetProperty("organisation").GetProperty("code").GetString()))).ToArray());

        var responses = org.GetProperty("responses").EnumerateArray().ToList();
        (await page.Locator("[data-section=answers] [data-response]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.response)"))
            .ShouldBe(responses.Select(r => r.GetProperty("code").GetString()!).ToArray());
        var fte = responses.SelectMany(r => r.GetProperty("staffLines").EnumerateArray()).Sum(l => l.GetProperty("fte").GetDouble());
        var staffLines = responses.Sum(r => r.GetProperty("staffLines").GetArrayLength());
        (await page.Locator("table[data-table=staff] tbody tr").CountAsync()).ShouldBe(staffLines);
        if (staffLines > 0)
        {
            double.Parse((await page.Locator("[data-section=staff] .table-scroll").GetAttributeAsync("data-total-fte"))!, CultureInfo.InvariantCulture)
                .ShouldBe(fte, 1e-9);
        }

        (await page.Locator("table[data-table=funding] tbody th").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.value)"))
            .ShouldBe(org.GetProperty("funding").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray());

        (await page.Locator("[data-section=who-commissions] [data-card]").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.card)"))
            .ShouldBe(api.GetProperty("whoCommissions").EnumerateArray().Select(r => r.GetProperty("organisation").GetProperty("code").GetString()!)
                .Where(c => c != code).ToArray());
        await session.ScreenshotAsync("organisation-office");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Anonymous_visitors_see_no_survey_answers_but_a_councils_survey_status()
    {
        await using var session = await browser.OpenAsync();
        var code = await CouncilWithAnEndedContractAsync();
        await session.OpenDashboardAsync($"#/organisation/{code}");
        (await session.Page.Locator("[data-section=answers] [data-response]").CountAsync()).ShouldBe(0);
        (await session.Page.Locator("[data-section=answers]").TextContentAsync() ?? "").ShouldContain("signed-in viewers only");
        (await session.VisibleTextAsync()).ShouldContain("Status in STADV-2020");
    }

    [SkippableFact]
    public async Task A_provider_which_was_never_surveyed_shows_no_survey_status()
    {
        await using var session = await browser.OpenAsync();
        var provider = (await browser.GraphQLAsync("{ organisations(where: { type: { eq: PROVIDER } }, first: 1) { nodes { code inScope } } }"))
            .GetProperty("organisations").GetProperty("nodes")[0];
        provider.GetProperty("inScope").GetBoolean().ShouldBeFalse();
        await session.OpenDashboardAsync($"#/organisation/{provider.GetProperty("code").GetString()}");
        (await session.Page.Locator("[data-section=details]").IsVisibleAsync()).ShouldBeTrue();
        (await session.VisibleTextAsync()).ShouldNotContain("Status in STADV-2020");
        (await session.VisibleTextAsync()).ShouldNotContain("Not received");
    }

    [SkippableTheory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task The_page_has_no_serious_accessibility_violations_and_fits_the_screen(int width)
    {
        await using var session = await browser.OpenAsync(width: width, height: 900);
        var code = await CouncilWithAnEndedContractAsync();
        await session.OpenDashboardAsync();
        await session.SignInAsync(browser.Token("commissioner-office"));
        await session.OpenDashboardAsync($"#/organisation/{code}");
        await session.AssertAccessibleAsync("organisation-complete");
        await session.AssertNoSidewaysScrollAsync("organisation-complete");
        await session.ScreenshotAsync($"axe-organisation-complete-{width}");
    }
}
