using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Writes;

/// <summary>
/// The mutations over real HTTP with real tokens: who may change what, typed user errors with nothing written,
/// optimistic concurrency, consent taking effect at once, erasure leaving no trace but the audit trail.
/// </summary>
public sealed class MutationTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string Partner = "E06000001";

    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    private async Task<JsonElement> RunAsync(string mutation, object variables, string? token)
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        return await api.QueryAsync(mutation, variables, token: token);
    }

    private async Task<string> DumpAsync(params string[] tables)
    {
        await api.DataAsync("{ __typename }");
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? "∅" : reader.GetValue(i)).Append('|');
                }
                dump.Append('\n');
            }
        }
        return dump.ToString();
    }

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await api.DataAsync("{ __typename }");
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string AddContact = """
        mutation ($input: AddContactInput!) { addContact(input: $input) { contact { id code version fullName email organisation { code } } errors { code message field } } }
        """;

    private const string UpdateContact = """
        mutation ($input: UpdateContactInput!) { updateContact(input: $input) { contact { code version jobTitle email phone } errors { code message field } } }
        """;

    [Fact]
    public async Task A_partner_adds_and_updates_a_contact_of_its_own_organisation_and_each_change_is_audited_without_personal_data()
    {
        var token = api.Token(Roles.Partner, Partner);

        var added = (await RunAsync(AddContact, new { input = new { organisationId = Id("Organisation", Partner), fullName = "  Ada Testperson ", jobTitle = "VAWG Coordinator", email = "ada.testperson@hartlepool.example" } }, token))
            .GetProperty("data").GetProperty("addContact");
        added.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var contact = added.GetProperty("contact");
        contact.GetProperty("fullName").GetString().ShouldBe("Ada Testperson");
        contact.GetProperty("organisation").GetProperty("code").GetString().ShouldBe(Partner);
        var code = contact.GetProperty("code").GetString()!;

        var updated = (await RunAsync(UpdateContact, new { input = new { id = Id("Contact", code), version = contact.GetProperty("version").GetInt32(), jobTitle = "Head of Community Safety", phone = (string?)null } }, token))
            .GetProperty("data").GetProperty("updateContact");
        updated.GetProperty("errors").GetArrayLength().ShouldBe(0);
        updated.GetProperty("contact").GetProperty("jobTitle").GetString().ShouldBe("Head of Community Safety");
        updated.GetProperty("contact").GetProperty("email").GetString().ShouldBe("ada.testperson@hartlepool.example");
        updated.GetProperty("contact").GetProperty("version").GetInt32().ShouldBe(contact.GetProperty("version").GetInt32() + 1);

        var log = (await api.DataAsync("query ($key: String) { auditLog(where: { entityKey: { eq: $key } }) { nodes { actor action details } } }", new { key = code }, api.OfficeToken))
            .GetProperty("auditLog").GetProperty("nodes").EnumerateArray().ToList();
        log.Select(e => e.GetProperty("action").GetString()).ShouldBe(["update", "create"]);
        log.ShouldAllBe(e => e.GetProperty("actor").GetString()!.StartsWith("partner:", StringComparison.Ordinal));
        log[0].GetProperty("details").GetProperty("changed").EnumerateArray().Select(c => c.GetString()).ShouldBe(["jobTitle"]);
        var details = string.Join(' ', log.Select(e => e.GetProperty("details").GetRawText()));
        details.ShouldNotContain("Ada");
        details.ShouldNotContain("hartlepool.example");
        details.ShouldNotContain("Community Safety");
    }

    [Fact]
    public async Task Invalid_input_gets_every_problem_as_a_user_error_with_its_path_and_writes_nothing()
    {
        var token = api.Token(Roles.Partner, Partner);
        var before = await DumpAsync("contacts", "audit_log");

        var payload = (await RunAsync(AddContact, new { input = new { organisationId = Id("Organisation", Partner), fullName = "   ", email = "not-an-address", phone = new string('1', 41) } }, token))
            .GetProperty("data").GetProperty("addContact");

        payload.GetProperty("contact").ValueKind.ShouldBe(JsonValueKind.Null);
        var errors = payload.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), string.Join('.', e.GetProperty("field").EnumerateArray().Select(f => f.GetString())))).ToList();
        errors.ShouldBe([("VALIDATION", "input.fullName"), ("VALIDATION", "input.email"), ("VALIDATION", "input.phone")], ignoreOrder: true);
        (await DumpAsync("contacts", "audit_log")).ShouldBe(before);
    }

    [Fact]
    public async Task A_survey_response_is_validated_line_by_line_and_saved_whole()
    {
        var token = api.Token(Roles.Partner, Partner);
        const string Submit = """
            mutation ($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) {
              response { code organisation { code } focus activities leadStatus consent { partners government voluntarySector }
                         staffLines { lineNumber fte } services { serviceType { code } commissioning womenOnly } }
              errors { code field } } }
            """;
        var serviceType = (await api.DataAsync("{ serviceTypes { code } }")).GetProperty("serviceTypes")[0].GetProperty("code").GetString();
        var before = await DumpAsync("survey_responses", "staff_lines", "services_commissioned", "audit_log");

        var invalid = (await RunAsync(Submit, new
        {
            input = new
            {
                organisationId = Id("Organisation", Partner),
                activities = new[] { "MARACS", "MARACS" },
                staffLines = new object[] { new { responsibility = "COMMISSIONING_ONLY", fte = 0.5 }, new { responsibility = "COORDINATOR", fte = 1.5 }, new { responsibility = "COORDINATOR", fte = 0.12345 } },
                services = new object[] { new { serviceType, commissioning = "SOLE" }, new { serviceType, commissioning = "JOINT" }, new { serviceType = "NO-SUCH", commissioning = "JOINT" } },
                consent = new { partners = true },
            },
        }, token)).GetProperty("data").GetProperty("submitSurveyResponse");
        invalid.GetProperty("response").ValueKind.ShouldBe(JsonValueKind.Null);
        invalid.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), string.Join('.', e.GetProperty("field").EnumerateArray().Select(f => f.GetString())))).ToList()
            .ShouldBe([("VALIDATION", "input.activities"), ("VALIDATION", "input.staffLines.1.fte"), ("VALIDATION", "input.staffLines.2.fte"),
                       ("DUPLICATE", "input.services.1.serviceType"), ("NOT_FOUND", "input.services.2.serviceType")], ignoreOrder: true);
        (await DumpAsync("survey_responses", "staff_lines", "services_commissioned", "audit_log")).ShouldBe(before);

        var valid = (await RunAsync(Submit, new
        {
            input = new
            {
                organisationId = Id("Organisation", Partner),
                focus = "VAWG",
                activities = new[] { "MARACS", "STRATEGIC_BOARDS" },
                leadStatus = new[] { "RESPONDENT_IS_LEAD" },
                staffLines = new object[] { new { responsibility = "COMMISSIONING_ONLY", fte = 0.5 }, new { responsibility = "COORDINATOR", fte = 1 } },
                services = new object[] { new { serviceType, commissioning = "JOINT", womenOnly = true } },
                consent = new { partners = true, government = false },
            },
        }, token)).GetProperty("data").GetProperty("submitSurveyResponse");
        valid.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var response = valid.GetProperty("response");
        response.GetProperty("code").GetString()!.ShouldMatch("^R[0-9]{4}$");
        response.GetProperty("staffLines").EnumerateArray().Select(l => l.GetProperty("fte").GetDecimal()).ShouldBe([0.5m, 1m]);
        response.GetProperty("services")[0].GetProperty("womenOnly").GetBoolean().ShouldBeTrue();
        response.GetProperty("consent").GetProperty("voluntarySector").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Partners_cannot_touch_another_organisation_read_only_roles_cannot_write_and_anonymous_callers_must_sign_in()
    {
        var other = await ScalarAsync<string>("SELECT code FROM organisations WHERE code <> $p AND type = 'LOCAL_AUTHORITY' ORDER BY code LIMIT 1", ("$p", Partner));
        var version = await ScalarAsync<int>("SELECT version FROM organisations WHERE code = $c", ("$c", other));
        const string Update = "mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { name } errors { code } } }";
        var input = new { input = new { id = Id("Organisation", other), version, name = "Renamed by a stranger" } };
        var before = await DumpAsync("organisations", "audit_log");

        var asPartner = await RunAsync(Update, input, api.Token(Roles.Partner, Partner));
        var asGovernment = await RunAsync(Update, input, api.Token(Roles.Government));
        var asAnonymous = await RunAsync(Update, input, null);

        asPartner.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        asPartner.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe($"Only the Commissioner's office or staff of {other} may change this organisation.");
        asGovernment.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        asAnonymous.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("UNAUTHENTICATED");
        (await DumpAsync("organisations", "audit_log")).ShouldBe(before);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_overwrites_nothing()
    {
        var token = api.Token(Roles.Partner, Partner);
        var version = await ScalarAsync<int>("SELECT version FROM organisations WHERE code = $c", ("$c", Partner));
        const string Update = "mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { region version } errors { code message field } } }";

        var first = (await RunAsync(Update, new { input = new { id = Id("Organisation", Partner), version, region = "A test region" } }, token)).GetProperty("data").GetProperty("updateOrganisation");
        var before = await DumpAsync("organisations", "audit_log");
        var stale = (await RunAsync(Update, new { input = new { id = Id("Organisation", Partner), version, region = "Somewhere else" } }, token)).GetProperty("data").GetProperty("updateOrganisation");

        first.GetProperty("errors").GetArrayLength().ShouldBe(0);
        first.GetProperty("organisation").GetProperty("version").GetInt32().ShouldBe(version + 1);
        stale.GetProperty("organisation").ValueKind.ShouldBe(JsonValueKind.Null);
        var conflict = stale.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        conflict.GetProperty("code").GetString().ShouldBe("CONFLICT");
        conflict.GetProperty("message").GetString()!.ShouldContain($"you sent version {version}, it is now at {version + 1}");
        (await DumpAsync("organisations", "audit_log")).ShouldBe(before);
    }

    [Fact]
    public async Task A_consent_change_shows_in_the_very_next_query()
    {
        var key = await ScalarAsync<string>("""
            SELECT c.key FROM contacts c JOIN survey_responses r ON r.id = c.response_id JOIN organisations o ON o.id = c.organisation_id
            WHERE r.consent_government = 1 AND o.code = 'E10000003' ORDER BY c.key LIMIT 1
            """);
        var response = await ScalarAsync<string>("SELECT r.key FROM contacts c JOIN survey_responses r ON r.id = c.response_id WHERE c.key = $k", ("$k", key));
        var version = await ScalarAsync<int>("SELECT version FROM survey_responses WHERE key = $k", ("$k", response));
        var government = api.Token(Roles.Government);
        const string Find = "query ($id: ID!) { node(id: $id) { ... on Contact { code } } }";
        (await api.DataAsync(Find, new { id = Id("Contact", key) }, government)).GetProperty("node").ValueKind.ShouldBe(JsonValueKind.Object);

        var changed = (await RunAsync("mutation ($input: ChangeConsentInput!) { changeConsent(input: $input) { response { consent { government } } errors { code } } }",
            new { input = new { id = Id("SurveyResponse", response), version, consent = new { partners = true, government = false, voluntarySector = false } } },
            api.Token(Roles.Partner, "E10000003"))).GetProperty("data").GetProperty("changeConsent");

        changed.GetProperty("errors").GetArrayLength().ShouldBe(0);
        changed.GetProperty("response").GetProperty("consent").GetProperty("government").GetBoolean().ShouldBeFalse();
        (await api.DataAsync(Find, new { id = Id("Contact", key) }, government)).GetProperty("node").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task After_erasure_the_person_is_found_nowhere_and_subject_access_shows_only_the_audit_trail()
    {
        var (key, email, name) = (await ScalarAsync<string>("SELECT key FROM contacts WHERE email IS NOT NULL AND manager_id IS NULL AND key IN (SELECT manager_id FROM contacts) IS NOT 1 ORDER BY key LIMIT 1"), "", "");
        email = await ScalarAsync<string>("SELECT email FROM contacts WHERE key = $k", ("$k", key));
        name = await ScalarAsync<string>("SELECT full_name FROM contacts WHERE key = $k", ("$k", key));
        var office = api.OfficeToken;
        using (var client = api.CreateClient())
        {
            using var export = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.json?purpose=Before%20the%20erasure");
            export.Headers.Authorization = new AuthenticationHeaderValue("Bearer", office);
            (await client.SendAsync(export)).EnsureSuccessStatusCode();
        }

        var erased = (await RunAsync("mutation ($input: EraseContactInput!) { eraseContact(input: $input) { removedId errors { code } } }",
            new { input = new { id = Id("Contact", key) } }, office)).GetProperty("data").GetProperty("eraseContact");

        erased.GetProperty("removedId").GetString().ShouldBe(Id("Contact", key));
        var found = await api.DataAsync("""
            query ($id: ID!, $name: String) {
              node(id: $id) { id }
              contacts(search: $name) { totalCount }
              organisations(first: 100) { nodes { contacts { code } } }
              nationalContactList(first: 100) { nodes { contacts { code } countyContacts { code } } }
            }
            """, new { id = Id("Contact", key), name }, office);
        found.GetProperty("node").ValueKind.ShouldBe(JsonValueKind.Null);
        found.GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBe(0);
        found.GetRawText().ShouldNotContain($"\"{key}\"");
        using (var client = api.CreateClient())
        {
            using var export = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.csv?purpose=After%20the%20erasure");
            export.Headers.Authorization = new AuthenticationHeaderValue("Bearer", office);
            var csv = await (await client.SendAsync(export)).Content.ReadAsStringAsync();
            csv.ShouldNotContain(key);
            csv.ShouldNotContain(email);
        }
        (await ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE details LIKE $e OR details LIKE $n", ("$e", $"%{email}%"), ("$n", $"%{name}%"))).ShouldBe(0);

        var report = (await api.DataAsync("query ($email: String!) { subjectAccess(email: $email) }", new { email }, office)).GetProperty("subjectAccess");
        report.GetProperty("contacts").GetArrayLength().ShouldBe(0);
        var trail = report.GetProperty("auditTrail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        trail.ShouldContain("erase");
        trail.ShouldContain("disclose");
        report.GetProperty("disclosures").EnumerateArray().ShouldContain(d => d.GetProperty("purpose").GetString() == "Before the erasure");
        var disclosures = (await api.DataAsync("query ($id: ID!) { disclosures(contactId: $id) { purpose } }", new { id = Id("Contact", key) }, office)).GetProperty("disclosures");
        disclosures.EnumerateArray().Select(d => d.GetProperty("purpose").GetString()).ShouldContain("Before the erasure");
    }

    [Fact]
    public async Task Only_the_office_may_erase()
    {
        var key = await ScalarAsync<string>("SELECT c.key FROM contacts c JOIN organisations o ON o.id = c.organisation_id WHERE o.code = $p ORDER BY c.key LIMIT 1", ("$p", Partner));

        var asPartner = await RunAsync("mutation ($input: EraseContactInput!) { eraseContact(input: $input) { removedId } }",
            new { input = new { id = Id("Contact", key) } }, api.Token(Roles.Partner, Partner));

        asPartner.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        (await ScalarAsync<long>("SELECT count(*) FROM contacts WHERE key = $k", ("$k", key))).ShouldBe(1);
    }
}
