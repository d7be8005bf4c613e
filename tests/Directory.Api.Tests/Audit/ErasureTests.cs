using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Audit;

/// <summary>
/// Erasure is complete: nothing stored repeats the person (export purposes and filters are redacted, the database
/// file keeps no copy), an import does not bring them back, and subject access finds whatever is still held about
/// someone removed or erased, across a rotation of the pseudonym key.
/// </summary>
public sealed class ErasureTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    /// <summary>A sample contact nobody else shares a name, email or phone with, who manages no one, not yet picked by another test.</summary>
    private static async Task<Person> PersonAsync(DirectoryApiFactory api, int skip)
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.key, c.full_name, c.email, c.phone FROM contacts c
            WHERE c.email IS NOT NULL AND c.phone IS NOT NULL AND c.key LIKE 'C0%'
              AND NOT EXISTS (SELECT 1 FROM contacts m WHERE m.manager_id = c.id)
              AND (SELECT count(*) FROM contacts o WHERE o.full_name = c.full_name OR o.email = c.email OR o.phone = c.phone) = 1
            ORDER BY c.key LIMIT 1 OFFSET $skip
            """;
        command.Parameters.AddWithValue("$skip", skip);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return new Person(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }

    private sealed record Person(string Key, string Name, string Email, string Phone);

    private static async Task<string> ExportAsync(DirectoryApiFactory api, string purpose, string where)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/exports/contacts.json?purpose={Uri.EscapeDataString(purpose)}&where={Uri.EscapeDataString(where)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Export-Key").Single();
    }

    private static async Task EraseAsync(DirectoryApiFactory api, string key)
    {
        var erased = (await api.DataAsync("mutation ($input: EraseContactInput!) { eraseContact(input: $input) { removedId errors { code } } }",
            new { input = new { id = Id("Contact", key) } }, api.OfficeToken)).GetProperty("eraseContact");
        erased.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }

    private Task<JsonElement> SubjectAccessAsync(string email) => SubjectAccessAsync(api, email);

    /// <summary>Subject access through any host of the service (one with other settings too), as the office.</summary>
    private async Task<JsonElement> SubjectAccessAsync(WebApplicationFactory<Program> host, string email)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "query ($email: String!) { subjectAccess(email: $email) }", variables = new { email } }),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        body.TryGetProperty("errors", out _).ShouldBeFalse(body.GetRawText());
        return body.GetProperty("data").GetProperty("subjectAccess");
    }

    private static async Task<JsonElement> DisclosuresAsync(DirectoryApiFactory api, string key) =>
        (await api.DataAsync("query ($id: ID!) { disclosures(contactId: $id) { exportKey exportedAt recipient purpose filter } }",
            new { id = Id("Contact", key) }, api.OfficeToken)).GetProperty("disclosures");

    private static async Task<string> AllTextAsync(DirectoryApiFactory api, params string[] tables)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i)).Append('|');
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    [Fact]
    public async Task Erasure_redacts_the_person_in_export_purposes_and_filters_and_keeps_the_date_recipient_and_key()
    {
        var person = await PersonAsync(api, 0);
        var exportKey = await ExportAsync(api, $"Round table invitation for {person.Name} ({person.Phone})", $$$"""{"email":{"eq":"{{{person.Email}}}"}}""");
        var before = (await DisclosuresAsync(api, person.Key)).EnumerateArray().Single(d => d.GetProperty("exportKey").GetString() == exportKey);
        before.GetProperty("purpose").GetString()!.ShouldContain(person.Name);

        await EraseAsync(api, person.Key);

        var after = (await DisclosuresAsync(api, person.Key)).EnumerateArray().Single(d => d.GetProperty("exportKey").GetString() == exportKey);
        after.GetProperty("purpose").GetString().ShouldBe("Round table invitation for [erased] ([erased])");
        after.GetProperty("filter").GetRawText().ShouldContain("[erased]");
        after.GetProperty("exportedAt").GetString().ShouldBe(before.GetProperty("exportedAt").GetString());
        after.GetProperty("recipient").GetString().ShouldBe(before.GetProperty("recipient").GetString());
        var auditLog = await api.DataAsync("{ auditLog(first: 100) { nodes { action entityKey details } } }", token: api.OfficeToken);
        var report = await SubjectAccessAsync(person.Email);
        report.GetProperty("disclosures").EnumerateArray().ShouldContain(d => d.GetProperty("exportKey").GetString() == exportKey);
        foreach (var text in new[] { auditLog.GetRawText(), report.GetProperty("auditTrail").GetRawText(), report.GetProperty("disclosures").GetRawText(), after.GetRawText() })
        {
            text.ShouldNotContain(person.Email, Case.Insensitive);
            text.ShouldNotContain(person.Name, Case.Insensitive);
            text.ShouldNotContain(person.Phone);
        }
        var stored = await AllTextAsync(api, "audit_log", "export_details", "contacts", "survey_responses", "erasure_tombstones");
        stored.ShouldNotContain(person.Email, Case.Insensitive);
        stored.ShouldNotContain(person.Name, Case.Insensitive);
        stored.ShouldContain(exportKey);
    }

    [Fact]
    public async Task After_an_erasure_the_database_file_holds_no_copy_of_the_email_address()
    {
        var person = await PersonAsync(api, 1);
        var email = Encoding.UTF8.GetBytes(person.Email);
        Occurrences(DatabaseBytes(), email).ShouldBeGreaterThan(0, "the address is in the file before the erasure");

        await EraseAsync(api, person.Key);

        Occurrences(DatabaseBytes(), email).ShouldBe(0);
    }

    private byte[] DatabaseBytes()
    {
        using var bytes = new MemoryStream();
        foreach (var path in new[] { api.DatabasePath, api.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.CopyTo(bytes);
        }
        return bytes.ToArray();
    }

    private static int Occurrences(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle); at >= 0; at = haystack.IndexOf(needle))
        {
            count++;
            haystack = haystack[(at + needle.Length)..];
        }
        return count;
    }

    [Fact]
    public async Task Reimporting_the_sample_folder_does_not_bring_an_erased_person_back_and_says_so()
    {
        var person = await PersonAsync(api, 2);
        await EraseAsync(api, person.Key);

        var imported = await ApiProcess.RunCommandAsync("import", Path.Combine(ApiProcess.ApplicationFolder, "data", "stadv-2020"),
            $"--ConnectionStrings:Directory={api.ConnectionString}");

        imported.ExitCode.ShouldBe(0, imported.StandardError);
        var stored = await AllTextAsync(api, "contacts");
        stored.ShouldNotContain(person.Email, Case.Insensitive);
        stored.ShouldNotContain($"|{person.Key}|");
        // Other tests of the class erase sample contacts too: every erased person is skipped, each counted.
        var erased = (await AllTextAsync(api, "erasure_tombstones")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        erased.ShouldBeGreaterThanOrEqualTo(1);
        imported.StandardOutput.ShouldContain($"Erased people skipped: {erased} ");
    }

    [Fact]
    public async Task Subject_access_after_a_removal_shows_the_audit_trail_and_the_disclosures_disclosures_lists()
    {
        var person = await PersonAsync(api, 3);
        var exportKey = await ExportAsync(api, "Quarterly contact check", $$$"""{"email":{"eq":"{{{person.Email}}}"}}""");
        var version = (await api.DataAsync("query ($id: ID!) { node(id: $id) { ... on Contact { version } } }", new { id = Id("Contact", person.Key) }, api.OfficeToken))
            .GetProperty("node").GetProperty("version").GetInt32();
        var removed = (await api.DataAsync("mutation ($input: VersionedInput!) { removeContact(input: $input) { removedId errors { code } } }",
            new { input = new { id = Id("Contact", person.Key), version } }, api.OfficeToken)).GetProperty("removeContact");
        removed.GetProperty("errors").GetArrayLength().ShouldBe(0);

        var report = await SubjectAccessAsync(person.Email);

        var trail = report.GetProperty("auditTrail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        trail.ShouldContain("remove");
        trail.ShouldContain("disclose");
        var disclosed = report.GetProperty("disclosures").EnumerateArray().Select(d => d.GetProperty("exportKey").GetString()).ToList();
        disclosed.ShouldContain(exportKey);
        disclosed.ShouldBe((await DisclosuresAsync(api, person.Key)).EnumerateArray().Select(d => d.GetProperty("exportKey").GetString()).ToList());
    }

    [Fact]
    public async Task A_department_created_by_a_survey_response_is_audited()
    {
        await api.DataAsync("{ __typename }");
        const string Organisation = "E06000001";
        var submitted = (await api.DataAsync("""
            mutation ($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { response { code } errors { code field } } }
            """, new
        {
            input = new
            {
                organisationId = Id("Organisation", Organisation),
                focus = "VAWG",
                activities = new[] { "MARACS" },
                leadStatus = new[] { "RESPONDENT_IS_LEAD" },
                leadDepartment = "Erasure Test Directorate",
                consent = new { partners = true },
            },
        }, api.OfficeToken)).GetProperty("submitSurveyResponse");
        submitted.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var responseKey = submitted.GetProperty("response").GetProperty("code").GetString();
        var departmentId = (await AllTextAsync(api, "departments")).Split('\n').Single(l => l.Contains("|Erasure Test Directorate|", StringComparison.Ordinal)).Split('|')[0];

        var entries = (await api.DataAsync("""{ auditLog(where: { entityType: { eq: "Department" }, action: { eq: "create" } }) { nodes { entityKey details } } }""",
            token: api.OfficeToken)).GetProperty("auditLog").GetProperty("nodes");

        var entry = entries.EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("entityKey").GetString().ShouldBe(departmentId);
        entry.GetProperty("details").GetProperty("organisation").GetString().ShouldBe(Organisation);
        entry.GetProperty("details").GetProperty("surveyResponse").GetString().ShouldBe(responseKey);
    }

    [Fact]
    public async Task After_the_pseudonym_key_is_rotated_subject_access_still_finds_an_erased_person_through_the_previous_key()
    {
        var person = await PersonAsync(api, 4);
        await ExportAsync(api, "Before the rotation", "{}");
        await EraseAsync(api, person.Key);
        using var rotated = api.WithWebHostBuilder(builder => builder
            .UseSetting("Audit:PseudonymKey", "rotated-pseudonym-key-for-the-erasure-tests")
            .UseSetting("Audit:PreviousPseudonymKeys:0", Data.Erasure.PseudonymKeys.DefaultKey));
        using var rotatedOnly = api.WithWebHostBuilder(builder => builder
            .UseSetting("Audit:PseudonymKey", "rotated-pseudonym-key-for-the-erasure-tests"));

        var report = await SubjectAccessAsync(rotated, person.Email);
        var withoutPrevious = await SubjectAccessAsync(rotatedOnly, person.Email);

        report.GetProperty("auditTrail").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("erase");
        report.GetProperty("disclosures").GetArrayLength().ShouldBeGreaterThan(0);
        withoutPrevious.GetProperty("auditTrail").GetArrayLength().ShouldBe(0, "without the previous key the digest cannot match: the test would prove nothing");
    }
}

/// <summary>Erasure on PostgreSQL: the same redaction, and the VACUUM that removes the dead row versions.</summary>
public sealed class PostgresErasureTests(PostgresDirectoryApiFactory api) : IClassFixture<PostgresDirectoryApiFactory>
{
    [SkippableFact]
    public async Task Erasure_redacts_export_purposes_and_vacuums_the_tables_it_changed()
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        await api.DataAsync("{ __typename }");
        var connectionString = api.Services.GetRequiredService<IConfiguration>().GetConnectionString("Directory");
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<object?> ScalarAsync(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }
        var key = (string)(await ScalarAsync("SELECT key FROM contacts WHERE email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contacts m WHERE m.manager_id = contacts.id) ORDER BY key LIMIT 1"))!;
        var name = (string)(await ScalarAsync($"SELECT full_name FROM contacts WHERE key = '{key}'"))!;
        var email = (string)(await ScalarAsync($"SELECT email FROM contacts WHERE key = '{key}'"))!;
        using (var client = api.CreateClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get,
                $"/exports/contacts.csv?purpose={Uri.EscapeDataString("Invitation for " + name)}&where={Uri.EscapeDataString($$$"""{"email":{"eq":"{{{email}}}"}}""")}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var erased = (await api.DataAsync("mutation ($input: EraseContactInput!) { eraseContact(input: $input) { errors { code } } }",
            new { input = new { id = Convert.ToBase64String(Encoding.UTF8.GetBytes("Contact:" + key)) } }, api.OfficeToken)).GetProperty("eraseContact");

        erased.GetProperty("errors").GetArrayLength().ShouldBe(0);
        ((long)(await ScalarAsync("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('contacts', 'survey_responses') AND last_vacuum IS NOT NULL"))!).ShouldBe(2);
        ((long)(await ScalarAsync("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'export_details' AND last_vacuum IS NOT NULL"))!).ShouldBe(1);
        ((string)(await ScalarAsync("SELECT string_agg(purpose || coalesce(filter, ''), '|') FROM export_details"))!).ShouldBe("Invitation for [erased]{\"where\":{\"email\":{\"eq\":\"[erased]\"}}}");
        ((long)(await ScalarAsync($"SELECT count(*) FROM erasure_tombstones WHERE contact_key = '{key}'"))!).ShouldBe(1);
    }
}
