using System.Net.Http.Headers;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Audit;

/// <summary>Subject access: what the directory holds about a person, and who received it.</summary>
public sealed class SubjectAccessTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private async Task<(string Key, string Email)> GovernmentVisibleContactAsync()
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.key, c.email FROM contacts c JOIN survey_responses r ON r.id = c.response_id
            WHERE r.consent_government = 1 AND c.email IS NOT NULL ORDER BY c.key LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetString(0), reader.GetString(1));
    }

    [Fact]
    public async Task Subject_access_returns_the_record_its_consent_and_every_disclosure()
    {
        var (key, email) = await GovernmentVisibleContactAsync();
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.json?purpose=" + Uri.EscapeDataString("Subject access test export"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(Roles.Government));
        using var response = await client.SendAsync(request);
        var exportKey = response.Headers.GetValues("X-Export-Key").Single();

        // Case and surrounding spaces do not matter: people type their address as they like.
        var report = (await api.DataAsync("query ($email: String!) { subjectAccess(email: $email) }",
            new { email = "  " + email.ToUpperInvariant() + " " }, api.OfficeToken)).GetProperty("subjectAccess");

        report.GetProperty("email").GetString().ShouldBe(email.ToLowerInvariant());
        var contact = report.GetProperty("contacts").EnumerateArray().ShouldHaveSingleItem();
        contact.GetProperty("key").GetString().ShouldBe(key);
        contact.GetProperty("email").GetString().ShouldBe(email);
        contact.GetProperty("response").GetProperty("consent").GetProperty("government").GetBoolean().ShouldBeTrue();
        report.GetProperty("disclosures").EnumerateArray()
            .ShouldContain(d => d.GetProperty("exportKey").GetString() == exportKey && d.GetProperty("recipient").GetString()!.StartsWith("government:", StringComparison.Ordinal));
        report.GetProperty("auditTrail").EnumerateArray()
            .ShouldContain(e => e.GetProperty("action").GetString() == "disclose" && e.GetProperty("entityKey").GetString() == key);
    }

    [Fact]
    public async Task An_unknown_address_gives_an_empty_report_and_a_non_address_an_error()
    {
        await api.DataAsync("{ __typename }");

        var empty = (await api.DataAsync("""{ subjectAccess(email: "nobody@nowhere.example") }""", token: api.OfficeToken)).GetProperty("subjectAccess");
        var invalid = await api.QueryAsync("""{ subjectAccess(email: "not an address") }""", token: api.OfficeToken);

        empty.GetProperty("contacts").GetArrayLength().ShouldBe(0);
        empty.GetProperty("auditTrail").GetArrayLength().ShouldBe(0);
        empty.GetProperty("disclosures").GetArrayLength().ShouldBe(0);
        var error = invalid.GetProperty("errors")[0];
        error.GetProperty("message").GetString().ShouldBe("\"not an address\" is not an email address.");
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        invalid.GetProperty("data").GetProperty("subjectAccess").ValueKind.ShouldBe(JsonValueKind.Null); // nullable: the error nulls the field only
    }
}
