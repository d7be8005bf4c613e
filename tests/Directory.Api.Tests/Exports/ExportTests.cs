using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Exports;

/// <summary>Contact exports over real HTTP with real tokens: rows, formats, refusals and the audit they leave.</summary>
public sealed class ExportTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string url, string? token)
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.SendAsync(request);
    }

    private static string Url(string path, params (string Name, string Value)[] parameters) =>
        path + "?" + string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    private static List<Dictionary<string, string>> ParseCsv(byte[] body)
    {
        using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h)!));
        }
        return rows;
    }

    private async Task<List<string>> VisibleContactCodesAsync(string token, string? search = null)
    {
        var codes = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await api.DataAsync("query ($after: String, $search: String) { contacts(first: 100, after: $after, search: $search) { pageInfo { hasNextPage endCursor } nodes { code } } }",
                new { after, search }, token)).GetProperty("contacts");
            codes.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                return codes;
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
    }

    private async Task<long> AuditCountAsync()
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM audit_log";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        // The service creates and fills the database on its first request: a test that writes first must not run
        // against an empty file (xunit orders the class's tests differently from run to run).
        await api.DataAsync("{ __typename }");
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_csv_export_holds_exactly_the_rows_the_caller_may_see_in_the_query_order()
    {
        var token = api.Token(Roles.Government);
        using var response = await GetAsync(Url("/exports/contacts.csv", ("purpose", "Inviting commissioners to a policy round table")), token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync());
        rows.Select(r => r["Contact code"]).ShouldBe(await VisibleContactCodesAsync(token));
        rows.Count.ShouldBeGreaterThan(0);
        rows.ShouldAllBe(r => r["Full name"].Length > 0);
    }

    /// <summary>
    /// Stores a contact of E06000001 with hostile text straight in the database (as an import or an old row could hold
    /// it): <paramref name="values"/> are the SQL expressions of its key, full name, job title and email, and
    /// <paramref name="searchWord"/> the only word that finds it.
    /// </summary>
    private Task AddHostileContactAsync(string values, string searchWord) => ExecuteAsync($"""
        INSERT INTO contacts (key, full_name, job_title, email, role, search_text, version, organisation_id)
        SELECT {values}, 'ADDITIONAL_CONTACT', '{searchWord}', 0, id
        FROM organisations WHERE code = 'E06000001'
        """);

    /// <summary>The office's CSV export of a contact added by <see cref="AddHostileContactAsync"/>.</summary>
    private async Task<byte[]> CsvOfHostileContactAsync(string values, string searchWord)
    {
        await AddHostileContactAsync(values, searchWord);
        using var response = await GetAsync(Url("/exports/contacts.csv", ("purpose", "Checking the CSV writer"), ("search", searchWord)), api.OfficeToken);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        return body;
    }

    [Fact]
    public async Task Csv_cells_are_rfc4180_quoted_and_never_become_spreadsheet_formulas()
    {
        var body = await CsvOfHostileContactAsync("""'C-CSV-1', '=HYPERLINK("http://evil.example","x")', 'Lead, "VAWG"' || char(13) || char(10) || 'Second line', '@sum@x.example'""", "csvinjection");

        body.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var text = Encoding.UTF8.GetString(body);
        text.ShouldContain("\r\n");
        text.ShouldContain("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
        var row = ParseCsv(body).ShouldHaveSingleItem();
        row["Full name"].ShouldBe("'=HYPERLINK(\"http://evil.example\",\"x\")");
        row["Job title"].ShouldBe("Lead, \"VAWG\"\r\nSecond line");
        row["Email"].ShouldBe("'@sum@x.example");
    }

    [Fact]
    public async Task Csv_cells_holding_another_locales_separator_are_quoted_with_the_formula_after_it_neutralised()
    {
        var body = await CsvOfHostileContactAsync("'C-CSV-2', 'a;=1+1', 'Lead|@SUM(A1)', 'sep@x.example'", "separatorinjection");

        var text = Encoding.UTF8.GetString(body);
        text.ShouldContain(",\"a;'=1+1\",\"Lead|'@SUM(A1)\",");
        var row = ParseCsv(body).ShouldHaveSingleItem();
        row["Full name"].ShouldBe("a;'=1+1");
        row["Job title"].ShouldBe("Lead|'@SUM(A1)");
    }

    [Fact]
    public async Task An_xlsx_export_holds_control_characters_and_formula_text_as_plain_inline_strings()
    {
        await AddHostileContactAsync("'C-XLSX-1', '=1+1', 'Lead' || char(1) || char(0) || ';=2+2', 'ctl@x.example'", "xlsxcontrol");

        using var response = await GetAsync(Url("/exports/contacts.xlsx", ("purpose", "Checking the XLSX writer"), ("search", "xlsxcontrol")), api.OfficeToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        sheet.Worksheet.Descendants<CellFormula>().ShouldBeEmpty();
        var cells = sheet.Worksheet.Descendants<Row>().Skip(1).Single().Elements<Cell>().ToList();
        cells.ShouldAllBe(c => c.DataType! == CellValues.InlineString);
        var texts = cells.Select(c => c.InnerText).ToList();
        texts.ShouldContain("=1+1");
        texts.ShouldContain("Lead\uFFFD\uFFFD;=2+2");
    }

    [Fact]
    public async Task An_xlsx_export_has_the_rows_and_a_data_protection_sheet_with_the_purpose()
    {
        var token = api.Token(Roles.Partner, "E06000001");
        using var response = await GetAsync(Url("/exports/contacts.xlsx", ("purpose", "Planning a joint commissioning meeting"), ("where", """{"organisation":{"type":{"in":["PCC"]}}}""")), token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["Contacts", "Data protection"]);
        string[][] Cells(Sheet sheet) => [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToArray())];
        var contacts = Cells(sheets[0]);
        contacts[0].ShouldContain("Organisation type");
        var typeColumn = Array.IndexOf(contacts[0], "Contact code");
        var visiblePcc = (await api.DataAsync("""{ contacts(first: 100, where: { organisation: { type: { in: [PCC] } } }) { totalCount } }""", token: token))
            .GetProperty("contacts").GetProperty("totalCount").GetInt32();
        (contacts.Length - 1).ShouldBe(visiblePcc);
        visiblePcc.ShouldBeGreaterThan(0);
        typeColumn.ShouldBe(0);
        var terms = Cells(sheets[1]);
        terms.ShouldContain(row => row.Length == 2 && row[0] == "Purpose" && row[1] == "Planning a joint commissioning meeting");
        terms[1][0].ShouldContain("UK GDPR");
    }

    [Fact]
    public async Task A_json_export_of_the_national_list_carries_its_manifest_and_one_row_per_contact_or_mailbox()
    {
        using var response = await GetAsync(Url("/exports/national-contact-list.json", ("purpose", "Writing to every area about safe accommodation"),
            ("where", """{"status":{"eq":"NOT_RECEIVED"}}""")), api.Token(Roles.VoluntarySector));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var export = body.GetProperty("export");
        export.GetProperty("purpose").GetString().ShouldBe("Writing to every area about safe accommodation");
        export.GetProperty("exportedBy").GetString()!.ShouldStartWith("voluntary-sector:");
        export.GetProperty("filter").GetProperty("survey").GetString().ShouldBe("STADV-2020");
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        export.GetProperty("rowCount").GetInt32().ShouldBe(rows.Count);
        rows.Count.ShouldBe(140); // the organisations with nothing received, one mailbox row each
        rows.ShouldAllBe(r => r.GetProperty("status").GetString() == "NOT_RECEIVED" && r.GetProperty("centralEmail").GetString()!.Contains('@'));
        response.Headers.GetValues("X-Export-Key").Single().ShouldBe(export.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Every_export_is_audited_and_the_office_sees_who_received_each_person()
    {
        var token = api.Token(Roles.Government, lifetime: null);
        using var response = await GetAsync(Url("/exports/contacts.json", ("purpose", "Briefing the minister on regional leads"), ("search", "police")), token);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var key = export.GetProperty("export").GetProperty("key").GetString();
        var codes = export.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("contactCode").GetString()!).ToList();
        codes.ShouldNotBeEmpty();

        var log = (await api.DataAsync("""
            query ($key: String) { auditLog(first: 5, where: { entityKey: { eq: $key } }) { totalCount nodes { actor action entityType details occurredAt } } }
            """, new { key }, api.OfficeToken)).GetProperty("auditLog");
        var entry = log.GetProperty("nodes").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("action").GetString().ShouldBe("export");
        entry.GetProperty("actor").GetString()!.ShouldStartWith("government:");
        var details = entry.GetProperty("details");
        // Purpose and filter can name a person: they are kept beside the entry, where an erasure can redact them.
        details.TryGetProperty("purpose", out _).ShouldBeFalse();
        details.TryGetProperty("filter", out _).ShouldBeFalse();
        details.GetProperty("rowCount").GetInt32().ShouldBe(codes.Count);
        details.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()).ShouldBe(codes.Order(StringComparer.Ordinal).ToList());

        var contactId = Convert.ToBase64String(Encoding.UTF8.GetBytes("Contact:" + codes[0]));
        var disclosures = (await api.DataAsync("query ($id: ID!) { disclosures(contactId: $id) { exportKey recipient purpose format list rowCount filter } }",
            new { id = contactId }, api.OfficeToken)).GetProperty("disclosures").EnumerateArray().ToList();
        disclosures.ShouldContain(d => d.GetProperty("exportKey").GetString() == key && d.GetProperty("purpose").GetString() == "Briefing the minister on regional leads"
            && d.GetProperty("format").GetString() == "json" && d.GetProperty("list").GetString() == "contacts"
            && d.GetProperty("filter").GetProperty("search").GetString() == "police");
    }

    [Fact]
    public async Task A_consent_change_is_reflected_in_the_next_export()
    {
        var token = api.Token(Roles.Government);
        var before = ParseCsv(await (await GetAsync(Url("/exports/contacts.csv", ("purpose", "Consent check before")), token)).Content.ReadAsByteArrayAsync())
            .Select(r => r["Contact code"]).ToHashSet();
        // The office withdraws government consent on the response of one exported contact, as a user would.
        var contactId = Convert.ToBase64String(Encoding.UTF8.GetBytes("Contact:" + before.Order(StringComparer.Ordinal).First()));
        var response = (await api.DataAsync("query ($id: ID!) { node(id: $id) { ... on Contact { response { id version } } } }", new { id = contactId }, api.OfficeToken))
            .GetProperty("node").GetProperty("response");
        var changed = (await api.DataAsync("mutation ($input: ChangeConsentInput!) { changeConsent(input: $input) { errors { code } } }",
            new { input = new { id = response.GetProperty("id").GetString(), version = response.GetProperty("version").GetInt32(), consent = new { partners = true, government = false } } },
            api.OfficeToken)).GetProperty("changeConsent");
        changed.GetProperty("errors").GetArrayLength().ShouldBe(0);

        var after = ParseCsv(await (await GetAsync(Url("/exports/contacts.csv", ("purpose", "Consent check after")), token)).Content.ReadAsByteArrayAsync())
            .Select(r => r["Contact code"]).ToHashSet();

        after.ShouldNotContain(before.Order(StringComparer.Ordinal).First());
        after.IsProperSubsetOf(before).ShouldBeTrue();
    }

    public static TheoryData<string, string?, HttpStatusCode, string> Refusals() => new()
    {
        { "/exports/contacts.csv?purpose=Legitimate%20purpose", null, HttpStatusCode.Unauthorized, "Sign in to export contacts: send a bearer token." },
        { "/exports/contacts.csv", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' is required" },
        { "/exports/contacts.csv?purpose=ok", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' is required" },
        { "/exports/contacts.csv?purpose=%00%00%00%00%00", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' must not contain control or invisible formatting characters." },
        { "/exports/contacts.csv?purpose=Board%07meeting", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' must not contain control or invisible formatting characters." },
        { "/exports/contacts.csv?purpose=Board%E2%80%8Bmeeting", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' must not contain control or invisible formatting characters." },
        { "/exports/contacts.csv?purpose=.....%20-----", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' must say why in words: at least 5 letters or digits." },
        { "/exports/contacts.csv?purpose=a%20b%20c%20d", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' must say why in words: at least 5 letters or digits." },
        { "/exports/contacts.pdf?purpose=Legitimate%20purpose", Roles.Government, HttpStatusCode.NotFound, "There is no 'pdf' export: use csv, xlsx or json." },
        { "/exports/contacts.csv?purpose=Legitimate%20purpose&colour=red", Roles.Government, HttpStatusCode.BadRequest, "Unknown parameter 'colour'" },
        { "/exports/contacts.csv?purpose=Legitimate%20purpose&purpose=again", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'purpose' is given 2 times" },
        { "/exports/contacts.csv?purpose=Legitimate%20purpose&where=%7Bnot%20json", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'where' is not valid JSON" },
        { "/exports/contacts.csv?purpose=Legitimate%20purpose&where=%7B%22colour%22%3A1%7D", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'where': Field \"colour\" is not defined by type \"ContactFilterInput\"." },
        { "/exports/contacts.csv?purpose=Legitimate%20purpose&order=%5B%7B%22fullName%22%3A%22UP%22%7D%5D", Roles.Government, HttpStatusCode.BadRequest, "Parameter 'order' at 0.fullName: Value \"UP\" does not exist in \"SortEnumType\" enum." },
        { "/exports/national-contact-list.csv?purpose=Legitimate%20purpose&survey=NOPE", Roles.Government, HttpStatusCode.BadRequest, "There is no survey \"NOPE\"." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_export_requests_get_a_clear_4xx_and_leave_no_audit_entry(string url, string? role, HttpStatusCode status, string message)
    {
        var token = role is null ? null : api.Token(role);
        await api.DataAsync("{ __typename }");
        var auditBefore = await AuditCountAsync();

        using var response = await GetAsync(url, token);

        response.StatusCode.ShouldBe(status);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        error.GetProperty("message").GetString()!.ShouldContain(message);
        (await AuditCountAsync()).ShouldBe(auditBefore);
    }

    [Fact]
    public async Task Only_the_office_reads_the_audit_log_disclosures_and_subject_access()
    {
        var asGovernment = await api.QueryAsync("""{ auditLog { totalCount } }""", token: api.Token(Roles.Government));
        var asAnonymous = await api.QueryAsync("""{ subjectAccess(email: "someone@x.example") }""");

        asGovernment.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        asAnonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("UNAUTHENTICATED");
    }

    /// <summary>The sample's contacts.csv rows by contact_id, and responses.csv's activities by response_id, read straight from the files.</summary>
    private static (Dictionary<string, Dictionary<string, string>> Contacts, Dictionary<string, string[]> Activities) SampleContacts()
    {
        var folder = Directory.Data.DatabaseInitializer.SampleSurveyFolder;
        var contacts = ParseCsv(File.ReadAllBytes(Path.Combine(folder, "contacts.csv"))).ToDictionary(r => r["contact_id"]);
        var activities = ParseCsv(File.ReadAllBytes(Path.Combine(folder, "responses.csv")))
            .ToDictionary(r => r["response_id"], r => r["activities"].Split(';', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray());
        return (contacts, activities);
    }

    private static void ShouldCarryTheSampleDetails(IReadOnlyList<Dictionary<string, string>> rows)
    {
        var (contacts, activities) = SampleContacts();
        foreach (var row in rows)
        {
            var source = contacts[row["Contact code"]];
            (row["Role"], row["Seniority"], row["Job title"], row["Department"]).ShouldBe(
                (source["role"], source["seniority"], source["job_title"], source["department"]), row["Contact code"]);
            if (source["department_category"].Length > 0)
            {
                row["Department category"].ShouldBe(source["department_category"], row["Contact code"]);
            }
            var expected = source["response_id"].Length > 0 ? activities[source["response_id"]] : [];
            row["Activities"].Split("; ", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray().ShouldBe(expected, row["Contact code"]);
        }
    }

    [Fact]
    public async Task A_contacts_csv_carries_role_seniority_department_job_title_and_the_responses_activities()
    {
        var token = api.Token(Roles.Government);
        using var response = await GetAsync(Url("/exports/contacts.csv", ("purpose", "Inviting commissioners to a policy round table")), token);

        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync());
        rows.Select(r => r["Contact code"]).ShouldBe(await VisibleContactCodesAsync(token), "consent-filtered as before");
        rows[0].Keys.ShouldContain("Activities");
        rows.Count(r => r["Activities"].Length > 0).ShouldBeGreaterThan(100);
        ShouldCarryTheSampleDetails(rows);
    }

    [Fact]
    public async Task A_national_list_xlsx_carries_the_same_details_for_each_person()
    {
        var token = api.Token(Roles.VoluntarySector);
        using var response = await GetAsync(Url("/exports/national-contact-list.xlsx", ("purpose", "Writing to every area about safe accommodation")), token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        // Empty cells are not written: each cell is placed by its reference's column letters.
        static int Column(Cell cell) => cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + c - 'A' + 1) - 1;
        var cells = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().ToDictionary(Column, c => c.InnerText)).ToList();
        var headings = cells[0].OrderBy(c => c.Key).Select(c => c.Value).ToArray();
        headings.ShouldBe(
        [
            "Organisation code", "Organisation", "Organisation type", "Survey status", "Commissioned by county", "Central email",
            "Contact of", "Contact code", "Full name", "Job title", "Email", "Phone", "Role", "Seniority", "Department",
            "Department category", "Activities",
        ]);
        var rows = cells.Skip(1).Select(c => headings.Select((h, i) => (h, v: c.GetValueOrDefault(i, ""))).ToDictionary(x => x.h, x => x.v)).ToList();
        var people = rows.Where(r => r["Contact code"].Length > 0).ToList();
        people.Count.ShouldBeGreaterThan(50);
        ShouldCarryTheSampleDetails(people);

        // No dead ends in the file either: a row without a person gives the organisation's mailbox when it has one.
        var organisations = ParseCsv(File.ReadAllBytes(Path.Combine(Directory.Data.DatabaseInitializer.SampleSurveyFolder, "organisations.csv")))
            .ToDictionary(r => r["code"], r => r["central_email"]);
        var withoutPerson = rows.Where(r => r["Contact code"].Length == 0).ToList();
        withoutPerson.Count.ShouldBeGreaterThan(140, "more than the organisations with nothing received: also those whose people the caller may not see");
        withoutPerson.ShouldAllBe(r => r["Central email"] == organisations[r["Organisation code"]]);
    }

    [Fact]
    public async Task A_contacts_json_carries_the_details_for_the_people_the_caller_may_see()
    {
        var token = api.Token(Roles.Partner, "E06000018");
        using var response = await GetAsync(Url("/exports/contacts.json", ("purpose", "Planning a joint commissioning meeting")), token);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("contactCode").GetString()).ShouldBe(await VisibleContactCodesAsync(token));
        ShouldCarryTheSampleDetails([.. rows.Select(r => new Dictionary<string, string>
        {
            ["Contact code"] = r.GetProperty("contactCode").GetString()!,
            ["Role"] = r.GetProperty("role").GetString() ?? "",
            ["Seniority"] = r.GetProperty("seniority").GetString() ?? "",
            ["Job title"] = r.GetProperty("jobTitle").GetString() ?? "",
            ["Department"] = r.GetProperty("department").GetString() ?? "",
            ["Department category"] = r.GetProperty("departmentCategory").GetString() ?? "",
            ["Activities"] = r.GetProperty("activities").GetString() ?? "",
        })]);
    }
}
