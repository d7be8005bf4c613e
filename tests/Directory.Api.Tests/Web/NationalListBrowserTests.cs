using System.Text.Json;
using Directory.Api.Auth;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The national contact list view (<c>#/national-list</c>): the rows and people it shows are the API's for the same
/// filter and viewer, and its export button downloads the audited national-list export of exactly those rows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NationalListBrowserTests(BrowserFixture browser)
{
    private const string ListQuery = """
        query ($where: NationalContactListFilterInput, $first: Int) {
          nationalContactList(where: $where, first: $first) {
            totalCount
            nodes { organisation { code } status contacts { code fullName } countyContacts { code fullName } centralEmail }
          }
        }
        """;

    private static async Task<List<(string Organisation, string Contacts, string CountyContacts)>> TableAsync(IPage page)
    {
        var rows = page.Locator("[data-table=national-list] tbody tr");
        var result = new List<(string, string, string)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            result.Add((
                (await row.Locator("[data-column='Organisation']").GetAttributeAsync("data-value"))!,
                (await row.Locator("[data-column='Commissioners']").GetAttributeAsync("data-value"))!,
                (await row.Locator("[data-column='County commissioners']").GetAttributeAsync("data-value"))!));
        }
        return result;
    }

    private static List<(string Organisation, string Contacts, string CountyContacts)> Expected(JsonElement list) =>
        [.. list.GetProperty("nodes").EnumerateArray().Take(25).Select(n => (
            n.GetProperty("organisation").GetProperty("code").GetString()!,
            string.Join(' ', n.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("code").GetString())),
            string.Join(' ', n.GetProperty("countyContacts").EnumerateArray().Select(c => c.GetProperty("code").GetString()))))];

    [SkippableFact]
    public async Task Anonymous_visitors_see_the_organisations_and_their_mailboxes_but_no_person()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        await session.OpenDashboardAsync("#/national-list?status=NOT_RECEIVED");

        (await page.Locator("main h1").TextContentAsync()).ShouldBe("National contact list");
        var api = (await browser.GraphQLAsync(ListQuery, new { where = new { status = new { eq = "NOT_RECEIVED" } }, first = 100 })).GetProperty("nationalContactList");
        (await page.Locator("[data-total]").GetAttributeAsync("data-total")).ShouldBe(api.GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await TableAsync(page)).ShouldBe(Expected(api));
        (await page.Locator("[data-table=national-list] [data-column='Central mailbox'] a").CountAsync()).ShouldBe(25);
        (await page.Locator("[data-contact]").CountAsync()).ShouldBe(0);
        (await page.Locator("[data-sign-in-hint]").CountAsync()).ShouldBe(1);
        await session.ScreenshotAsync("national-list-anonymous");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task The_office_sees_the_commissioners_the_API_gives_page_by_page_with_a_filter()
    {
        var token = browser.Token(Roles.CommissionerOffice);
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/national-list");
        await session.SignInAsync(token);

        await page.GetByLabel("Organisation type").SelectOptionAsync("LOCAL_AUTHORITY");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("type=LOCAL_AUTHORITY"));
        await session.WaitForViewAsync();
        await Assertions.Expect(page.Locator("[data-table=national-list]")).ToBeVisibleAsync();

        var where = new { organisation = new { type = new { eq = "LOCAL_AUTHORITY" } } };
        var firstPage = (await browser.GraphQLAsync(ListQuery, new { where, first = 25 }, token)).GetProperty("nationalContactList");
        (await TableAsync(page)).ShouldBe(Expected(firstPage));
        (await page.Locator("[data-contact]").CountAsync()).ShouldBeGreaterThan(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        var bothPages = (await browser.GraphQLAsync(ListQuery, new { where, first = 50 }, token)).GetProperty("nationalContactList");
        await Assertions.Expect(page.Locator("[data-table=national-list] [data-column='Organisation']").First)
            .ToHaveAttributeAsync("data-value", bothPages.GetProperty("nodes")[25].GetProperty("organisation").GetProperty("code").GetString()!);
        var second = await TableAsync(page);
        second.ShouldBe([.. bothPages.GetProperty("nodes").EnumerateArray().Skip(25).Select(n => (
            n.GetProperty("organisation").GetProperty("code").GetString()!,
            string.Join(' ', n.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("code").GetString())),
            string.Join(' ', n.GetProperty("countyContacts").EnumerateArray().Select(c => c.GetProperty("code").GetString()))))]);
        await session.ScreenshotAsync("national-list-office-page-2");
        session.PageErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Export_CSV_downloads_the_audited_national_list_export_of_the_filtered_rows()
    {
        var token = browser.Token(Roles.Government);
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/national-list?type=PCC");
        await session.SignInAsync(token);

        const string purpose = "Browser test: writing to every PCC";
        await page.GetByLabel("Purpose of the export (recorded in the audit log)").FillAsync(purpose);
        var response = page.WaitForResponseAsync(r => r.Url.Contains("/exports/national-contact-list.csv", StringComparison.Ordinal));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var exportKey = (await (await response).HeaderValueAsync("x-export-key")).ShouldNotBeNull();
        var path = Path.Combine(browser.ScreenshotDirectory, "export-national-list.csv");
        await download.SaveAsAsync(path);
        var rows = ExportBrowserTests.ReadCsv(path);

        var api = (await browser.GraphQLAsync(ListQuery, new { where = new { organisation = new { type = new { eq = "PCC" } } }, first = 100 }, token)).GetProperty("nationalContactList");
        api.GetProperty("totalCount").GetInt32().ShouldBe(43);
        var expected = api.GetProperty("nodes").EnumerateArray().SelectMany(n =>
        {
            var code = n.GetProperty("organisation").GetProperty("code").GetString()!;
            var people = n.GetProperty("contacts").EnumerateArray().Concat(n.GetProperty("countyContacts").EnumerateArray())
                .Select(c => $"{code}/{c.GetProperty("code").GetString()}").ToList();
            return people.Count > 0 ? people : [$"{code}/"];
        }).ToList();
        rows.Select(r => $"{r["Organisation code"]}/{r["Contact code"]}").ShouldBe(expected);
        rows.Select(r => r["Organisation type"]).Distinct().ShouldBe(["PCC"]);

        var audit = (await browser.GraphQLAsync("query ($key: String!) { auditLog(where: { entityKey: { eq: $key } }) { nodes { action details } } }",
            new { key = exportKey }, browser.Token(Roles.CommissionerOffice))).GetProperty("auditLog").GetProperty("nodes")[0];
        audit.GetProperty("action").GetString().ShouldBe("export");
        // The stated purpose is read back through the disclosures (kept beside the entry, where an erasure can redact it).
        var disclosed = (await browser.GraphQLAsync("query ($id: ID!) { disclosures(contactId: $id) { exportKey purpose } }",
            new { id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Contact:" + rows.First(r => !string.IsNullOrEmpty(r["Contact code"]))["Contact code"])) }, browser.Token(Roles.CommissionerOffice))).GetProperty("disclosures");
        disclosed.EnumerateArray().ShouldContain(d => d.GetProperty("exportKey").GetString() == exportKey && d.GetProperty("purpose").GetString() == purpose);
        audit.GetProperty("details").GetProperty("list").GetString().ShouldBe("national-contact-list");
        audit.GetProperty("details").GetProperty("rowCount").GetInt32().ShouldBe(rows.Count);
        await session.ScreenshotAsync("national-list-exported");
    }

    [SkippableFact]
    public async Task At_phone_width_the_view_does_not_scroll_sideways()
    {
        await using var session = await browser.OpenAsync(width: 375, height: 800);
        await session.OpenDashboardAsync("#/national-list");
        await session.SignInAsync(browser.Token(Roles.CommissionerOffice));

        (await session.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        await session.ScreenshotAsync("phone-national-list");
    }
}
