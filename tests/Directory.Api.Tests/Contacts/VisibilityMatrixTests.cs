using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Contacts;

/// <summary>
/// Role × row × field visibility over the bundled sample. The expected rows come from plain SQL written here, apart
/// from the service's own predicate, and every way of reaching a person — the contacts list and its count, search,
/// organisations' and responses' contacts, the national contact list, node and nodes — must agree with it.
/// </summary>
public sealed class VisibilityMatrixTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    public sealed record Audience(string Name, string? Role, string? Organisation, string ExpectedSql);

    // A partner organisation with contacts whose responses did not consent to sharing with partners, so the
    // own-organisation rule is visible in the results (found from the data, not hard-coded).
    private const string PartnerOrganisationSql = """
        SELECT o.code FROM contacts c JOIN organisations o ON o.id = c.organisation_id
        LEFT JOIN survey_responses r ON r.id = c.response_id
        WHERE r.consent_partners IS NOT 1 GROUP BY o.code ORDER BY count(*) DESC, o.code LIMIT 1
        """;

    private static readonly Audience[] Audiences =
    [
        new("anonymous", null, null, "SELECT key FROM contacts WHERE 0"),
        new("office", Roles.CommissionerOffice, null, "SELECT key FROM contacts"),
        new("partner", Roles.Partner, "(partner)", """
            SELECT c.key FROM contacts c JOIN organisations o ON o.id = c.organisation_id
            LEFT JOIN survey_responses r ON r.id = c.response_id
            WHERE o.code = $org OR r.consent_partners = 1
            """),
        new("government", Roles.Government, null, """
            SELECT c.key FROM contacts c JOIN survey_responses r ON r.id = c.response_id WHERE r.consent_government = 1
            """),
        new("voluntary-sector", Roles.VoluntarySector, null, """
            SELECT c.key FROM contacts c JOIN survey_responses r ON r.id = c.response_id WHERE r.consent_voluntary_sector = 1
            """),
    ];

    public static TheoryData<string> AudienceNames() => [.. Audiences.Select(a => a.Name)];

    private async Task<(Audience Audience, string? Token, string? Organisation)> ResolveAsync(string name)
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        var audience = Audiences.Single(a => a.Name == name);
        var organisation = audience.Organisation is null ? null : (string)(await ScalarAsync(PartnerOrganisationSql, null))!;
        var token = audience.Role is null ? null : api.Token(audience.Role, organisation);
        return (audience, token, organisation);
    }

    private async Task<object?> ScalarAsync(string sql, string? organisation)
    {
        await using var connection = new SqliteConnection(api.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$org", (object?)organisation ?? DBNull.Value);
        return await command.ExecuteScalarAsync();
    }

    private async Task<HashSet<string>> ExpectedAsync(Audience audience, string? organisation)
    {
        await using var connection = new SqliteConnection(api.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = audience.ExpectedSql;
        command.Parameters.AddWithValue("$org", (object?)organisation ?? DBNull.Value);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    private async Task<List<JsonElement>> AllContactsAsync(string? token)
    {
        var contacts = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var page = (await api.DataAsync("""
                query ($after: String) { contacts(first: 100, after: $after) {
                  totalCount pageInfo { hasNextPage endCursor }
                  nodes { id code fullName jobTitle email phone postalAddress organisation { code } }
                } }
                """, new { after }, token)).GetProperty("contacts");
            contacts.AddRange(page.GetProperty("nodes").EnumerateArray());
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                page.GetProperty("totalCount").GetInt32().ShouldBe(contacts.Count, "totalCount counts exactly the visible rows");
                return contacts;
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
    }

    [Theory]
    [MemberData(nameof(AudienceNames))]
    public async Task The_contacts_list_holds_exactly_the_rows_the_audience_may_see_with_their_personal_fields(string name)
    {
        var (audience, token, organisation) = await ResolveAsync(name);
        var expected = await ExpectedAsync(audience, organisation);
        var all = await ExpectedAsync(Audiences.Single(a => a.Name == "office"), null);

        var contacts = await AllContactsAsync(token);

        contacts.Select(c => c.GetProperty("code").GetString()!).ToHashSet().SetEquals(expected).ShouldBeTrue(
            $"{name}: {contacts.Count} returned, {expected.Count} expected");
        if (audience.Role is not (null or Roles.CommissionerOffice))
        {
            // The sample must make the rule matter: some people visible, some not.
            expected.Count.ShouldBeInRange(1, all.Count - 1);
        }
        // Field visibility follows row visibility: a person shown is shown whole.
        contacts.ShouldAllBe(c => !string.IsNullOrEmpty(c.GetProperty("fullName").GetString()));
        contacts.Count(c => c.GetProperty("email").ValueKind == JsonValueKind.String).ShouldBe(contacts.Count(c => c.GetProperty("email").GetString() != null));
    }

    [Theory]
    [MemberData(nameof(AudienceNames))]
    public async Task Search_organisation_response_and_national_list_contacts_never_exceed_the_visible_rows(string name)
    {
        var (audience, token, organisation) = await ResolveAsync(name);
        var expected = await ExpectedAsync(audience, organisation);

        var data = await api.DataAsync("""
            {
              search: contacts(search: "commissioning", first: 100) { totalCount nodes { code } }
              organisations(first: 100) { nodes { contacts { code } responses { contacts { code } } } }
              nationalContactList(first: 100) { nodes { contacts { code manager { code } } countyContacts { code } } }
            }
            """, token: token);

        var seen = new List<string>();
        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "code" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        seen.Add(property.Value.GetString()!);
                    }
                    Collect(property.Value);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
        }
        Collect(data);

        seen.ShouldAllBe(code => expected.Contains(code));
        var searchTotal = data.GetProperty("search").GetProperty("totalCount").GetInt32();
        searchTotal.ShouldBeLessThanOrEqualTo(expected.Count);
        data.GetProperty("search").GetProperty("nodes").GetArrayLength().ShouldBe(Math.Min(searchTotal, 100));
        if (audience.Role is null)
        {
            seen.ShouldBeEmpty();
        }
        else
        {
            seen.ShouldNotBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(AudienceNames))]
    public async Task Node_and_nodes_return_null_for_a_person_the_audience_may_not_see(string name)
    {
        var (audience, token, organisation) = await ResolveAsync(name);
        var expected = await ExpectedAsync(audience, organisation);
        var all = (await ExpectedAsync(Audiences.Single(a => a.Name == "office"), null)).Order(StringComparer.Ordinal).ToList();
        var visible = all.FirstOrDefault(expected.Contains);
        var hidden = all.FirstOrDefault(k => !expected.Contains(k));
        var ids = new[] { visible, hidden }.Where(k => k is not null).Select(k => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("Contact:" + k))).ToArray();

        var nodes = (await api.DataAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Contact { code fullName } } }", new { ids }, token))
            .GetProperty("nodes").EnumerateArray().ToList();

        for (var i = 0; i < ids.Length; i++)
        {
            var key = Convert.FromBase64String(ids[i]) is var bytes ? System.Text.Encoding.UTF8.GetString(bytes)["Contact:".Length..] : null;
            if (expected.Contains(key!))
            {
                nodes[i].GetProperty("code").GetString().ShouldBe(key);
            }
            else
            {
                nodes[i].ValueKind.ShouldBe(JsonValueKind.Null, $"{name} must not reach {key} by id");
                var single = (await api.DataAsync("query ($id: ID!) { node(id: $id) { id } }", new { id = ids[i] }, token)).GetProperty("node");
                single.ValueKind.ShouldBe(JsonValueKind.Null);
            }
        }
        if (audience.Role != Roles.CommissionerOffice)
        {
            hidden.ShouldNotBeNull();
        }
    }
}
