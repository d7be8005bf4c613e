using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Directory.Api.Auth;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The contacts view's export buttons download real files from the audited export endpoints: the file holds exactly
/// the rows the API gives that viewer for that search, and the audit log records the export with the stated purpose.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportBrowserTests(BrowserFixture browser)
{
    private const string AuditQuery = """
        query ($key: String!) {
          auditLog(first: 10, where: { entityKey: { eq: $key } }) { nodes { action actor entityType entityKey details } }
        }
        """;

    [SkippableFact]
    public async Task Export_CSV_downloads_the_rows_the_API_gives_that_viewer_and_the_audit_log_records_the_purpose()
    {
        var (organisationCode, search, officeCount) = await PartnerAndSearchAsync();
        var token = browser.Token(Roles.Partner, organisationCode);
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/contacts");
        await session.SignInAsync(token);
        await ContactsBrowserTests.SearchAsync(page, search);
        var exportCsv = page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" });

        // Without a purpose the browser's required-field validation keeps the form from submitting.
        await exportCsv.ClickAsync();
        (await page.GetByLabel("Purpose of the export (recorded in the audit log)").EvaluateAsync<bool>("e => e.validity.valueMissing")).ShouldBeTrue();
        (await page.Locator("[data-export-status]").TextContentAsync()).ShouldBe("");

        const string purpose = "Browser test: checking the partner export";
        await page.GetByLabel("Purpose of the export (recorded in the audit log)").FillAsync(purpose);
        var response = page.WaitForResponseAsync(r => r.Url.Contains("/exports/contacts.csv", StringComparison.Ordinal));
        var download = await page.RunAndWaitForDownloadAsync(() => exportCsv.ClickAsync());
        var exportKey = (await (await response).HeaderValueAsync("x-export-key")).ShouldNotBeNull();

        download.SuggestedFilename.ShouldStartWith("contacts-");
        download.SuggestedFilename.ShouldEndWith(".csv");
        var path = Path.Combine(browser.ScreenshotDirectory, "export-partner.csv");
        await download.SaveAsAsync(path);
        var rows = ReadCsv(path);
        var api = (await browser.GraphQLAsync(ContactsBrowserTests.ContactsQuery, new { search, first = 100 }, token)).GetProperty("contacts");
        api.GetProperty("totalCount").GetInt32().ShouldBeLessThanOrEqualTo(100, "the search fits one API page");
        rows.Select(r => r["Contact code"]).ShouldBe(ContactsBrowserTests.Codes(api));
        rows.Select(r => r["Full name"]).ShouldBe(api.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("fullName").GetString()));
        rows.Select(r => r["Organisation code"]).ShouldBe(api.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("organisation").GetProperty("code").GetString()));
        rows.ShouldNotBeEmpty();
        rows.Count.ShouldBeLessThan(officeCount, "the partner's export leaves out people who did not consent to partners");
        // Only the one export went out: the click without a purpose sent nothing.
        session.Requests.Count(url => url.Contains("/exports/", StringComparison.Ordinal)).ShouldBe(1);
        await Assertions.Expect(page.Locator("[data-export-status]")).ToHaveTextAsync($"Downloaded {download.SuggestedFilename}.");

        var audit = (await browser.GraphQLAsync(AuditQuery, new { key = exportKey }, browser.Token(Roles.CommissionerOffice)))
            .GetProperty("auditLog").GetProperty("nodes").EnumerateArray().ToList();
        var entry = audit.ShouldHaveSingleItem();
        entry.GetProperty("action").GetString().ShouldBe("export");
        entry.GetProperty("actor").GetString().ShouldBe($"partner:dev-partner-{organisationCode}@{organisationCode}");
        var details = entry.GetProperty("details");
        // The stated purpose is read back through the disclosures (kept beside the entry, where an erasure can redact it).
        var disclosed = (await browser.GraphQLAsync("query ($id: ID!) { disclosures(contactId: $id) { exportKey purpose } }",
            new { id = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Contact:" + rows[0]["Contact code"])) }, browser.Token(Roles.CommissionerOffice))).GetProperty("disclosures");
        disclosed.EnumerateArray().ShouldContain(d => d.GetProperty("exportKey").GetString() == exportKey && d.GetProperty("purpose").GetString() == purpose);
        details.GetProperty("format").GetString().ShouldBe("csv");
        details.GetProperty("rowCount").GetInt32().ShouldBe(rows.Count);
        details.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()).ShouldBe(rows.Select(r => r["Contact code"]), ignoreOrder: true);
        await session.ScreenshotAsync("export-csv-downloaded");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Export_XLSX_downloads_a_workbook_with_the_rows_and_its_data_protection_sheet()
    {
        var (_, search, _) = await PartnerAndSearchAsync();
        var token = browser.Token(Roles.CommissionerOffice);
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/contacts");
        await session.SignInAsync(token);
        await ContactsBrowserTests.SearchAsync(page, search);

        const string purpose = "Browser test: checking the office workbook";
        await page.GetByLabel("Purpose of the export (recorded in the audit log)").FillAsync(purpose);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export XLSX" }).ClickAsync());

        download.SuggestedFilename.ShouldEndWith(".xlsx");
        var path = Path.Combine(browser.ScreenshotDirectory, "export-office.xlsx");
        await download.SaveAsAsync(path);
        var api = (await browser.GraphQLAsync(ContactsBrowserTests.ContactsQuery, new { search, first = 100 }, token)).GetProperty("contacts");
        using var workbook = SpreadsheetDocument.Open(path, isEditable: false);
        var sheets = Sheets(workbook);
        sheets.Keys.ShouldBe(new[] { "Contacts", "Data protection" });
        var contacts = sheets["Contacts"];
        contacts[0].ShouldContain("Contact code");
        var codeColumn = contacts[0].IndexOf("Contact code");
        contacts.Skip(1).Select(r => r[codeColumn]).ShouldBe(ContactsBrowserTests.Codes(api));
        var terms = sheets["Data protection"];
        terms.ShouldContain(r => r.Count == 2 && r[0] == "Purpose" && r[1] == purpose);
        terms.ShouldContain(r => r.Count == 2 && r[0] == "Exported by" && r[1] == "commissioner-office:dev-commissioner-office");
        terms.ShouldContain(r => r.Count == 2 && r[0] == "Rows" && r[1] == api.GetProperty("totalCount").GetInt32().ToString(CultureInfo.InvariantCulture));
        session.PageErrors.ShouldBeEmpty();
    }

    /// <summary>
    /// A partner organisation, and a search (a department's name) that finds people the office sees but the partner
    /// only partly: the export must leave out those who did not consent to partners.
    /// </summary>
    private async Task<(string OrganisationCode, string Search, int OfficeCount)> PartnerAndSearchAsync()
    {
        string partner;
        List<string> departments;
        await using (var db = browser.Database())
        {
            partner = await db.Contacts.OrderBy(c => c.Organisation.Code).Select(c => c.Organisation.Code).FirstAsync();
            departments = await db.Departments.Select(d => d.Name).Distinct().OrderBy(n => n).ToListAsync();
        }

        var office = browser.Token(Roles.CommissionerOffice);
        var partnerToken = browser.Token(Roles.Partner, partner);
        foreach (var department in departments)
        {
            var officeCount = await TotalAsync(department, office);
            if (officeCount is < 2 or > 100)
            {
                continue;
            }

            var partnerCount = await TotalAsync(department, partnerToken);
            if (partnerCount > 0 && partnerCount < officeCount)
            {
                return (partner, department, officeCount);
            }
        }

        throw new ShouldAssertException("No department's name finds some, but not all, of its people for a partner.");
    }

    private async Task<int> TotalAsync(string search, string token) =>
        (await browser.GraphQLAsync("query ($search: String) { contacts(search: $search) { totalCount } }", new { search }, token))
            .GetProperty("contacts").GetProperty("totalCount").GetInt32();

    internal static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path); // detects the UTF-8 byte-order mark the export starts with
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var headings = csv.HeaderRecord.ShouldNotBeNull();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(headings.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        }

        return rows;
    }

    /// <summary>Each sheet's rows of cell texts, by sheet name in workbook order.</summary>
    private static Dictionary<string, List<List<string>>> Sheets(SpreadsheetDocument workbook)
    {
        var workbookPart = workbook.WorkbookPart.ShouldNotBeNull();
        var result = new Dictionary<string, List<List<string>>>();
        foreach (var sheet in workbookPart.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = part.Worksheet.Descendants<Row>()
                .Select(row => row.Elements<Cell>().Select(cell => cell.InnerText).ToList())
                .ToList();
        }

        return result;
    }
}
