using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Types;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Mapping;

/// <summary>
/// The field × role table of survey responses (docs/security.md), cell by cell, through every GraphQL path that
/// reaches a response: <c>Organisation.responses</c> and <c>staffLines</c>, <c>StaffLine.response</c>,
/// <c>ServiceCommissioned.response</c>, <c>Contact.response</c> in the contacts list, <c>node</c> and <c>nodes</c>.
/// The expected values come from plain SQL over the sample, written here apart from the service's rule.
/// </summary>
public sealed class ResponseVisibilityTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    // A response that answered every consent question yes and has comments, staff lines, services and contacts, so
    // every cell of the table has something to show or to hide (found from the data, not hard-coded).
    private const string RespondingOrganisationSql = """
        SELECT o.code FROM survey_responses r JOIN organisations o ON o.id = r.organisation_id
        WHERE r.comments <> '' AND r.consent_partners = 1 AND r.consent_government = 1 AND r.consent_voluntary_sector = 1
          AND EXISTS (SELECT 1 FROM staff_lines s WHERE s.response_id = r.id)
          AND EXISTS (SELECT 1 FROM services_commissioned s WHERE s.response_id = r.id)
          AND EXISTS (SELECT 1 FROM contacts c WHERE c.response_id = r.id)
          AND (SELECT count(*) FROM survey_responses other WHERE other.organisation_id = r.organisation_id) = 1
        ORDER BY o.code LIMIT 1
        """;

    /// <summary>A role, and the two things the table decides for it: whether it sees responses, and their private answers.</summary>
    public sealed record Audience(string Name, string? Role, bool OwnOrganisation, bool SeesResponses, bool SeesPrivateAnswers);

    private static readonly Audience[] Audiences =
    [
        new("anonymous", null, false, SeesResponses: false, SeesPrivateAnswers: false),
        new("partner of the organisation", Roles.Partner, true, SeesResponses: true, SeesPrivateAnswers: true),
        new("partner of another organisation", Roles.Partner, false, SeesResponses: true, SeesPrivateAnswers: false),
        new("government", Roles.Government, false, SeesResponses: true, SeesPrivateAnswers: false),
        new("voluntary-sector", Roles.VoluntarySector, false, SeesResponses: true, SeesPrivateAnswers: false),
        new("office", Roles.CommissionerOffice, false, SeesResponses: true, SeesPrivateAnswers: true),
    ];

    public static TheoryData<string> AudienceNames() => [.. Audiences.Select(a => a.Name)];

    private sealed record Expected(string Organisation, string ResponseKey, string Comments, int StaffLines, int Services);

    private async Task<(Audience Audience, string? Token, Expected Expected)> ResolveAsync(string name)
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using var connection = new SqliteConnection(api.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        var organisation = (string)(await ScalarAsync(connection, RespondingOrganisationSql, null))!;
        var expected = new Expected(
            organisation,
            (string)(await ScalarAsync(connection, "SELECT r.key FROM survey_responses r JOIN organisations o ON o.id = r.organisation_id WHERE o.code = $org", organisation))!,
            (string)(await ScalarAsync(connection, "SELECT r.comments FROM survey_responses r JOIN organisations o ON o.id = r.organisation_id WHERE o.code = $org", organisation))!,
            (int)(long)(await ScalarAsync(connection, "SELECT count(*) FROM staff_lines s JOIN survey_responses r ON r.id = s.response_id JOIN organisations o ON o.id = r.organisation_id WHERE o.code = $org", organisation))!,
            (int)(long)(await ScalarAsync(connection, "SELECT count(*) FROM services_commissioned s JOIN survey_responses r ON r.id = s.response_id JOIN organisations o ON o.id = r.organisation_id WHERE o.code = $org", organisation))!);
        var audience = Audiences.Single(a => a.Name == name);
        var partnerOrganisation = audience.Role != Roles.Partner ? null : audience.OwnOrganisation ? organisation : "E06000001";
        var token = audience.Role is null ? null : api.Token(audience.Role, partnerOrganisation);
        return (audience, token, expected);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, string? organisation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$org", (object?)organisation ?? DBNull.Value);
        return await command.ExecuteScalarAsync();
    }

    private static void ShouldShowPrivateAnswers(JsonElement response, Audience audience, Expected expected, string path)
    {
        if (audience.SeesPrivateAnswers)
        {
            response.GetProperty("comments").GetString().ShouldBe(expected.Comments, path);
            var consent = response.GetProperty("consent");
            consent.GetProperty("partners").GetBoolean().ShouldBeTrue(path);
            consent.GetProperty("government").GetBoolean().ShouldBeTrue(path);
            consent.GetProperty("voluntarySector").GetBoolean().ShouldBeTrue(path);
        }
        else
        {
            response.GetProperty("comments").ValueKind.ShouldBe(JsonValueKind.Null, path);
            response.GetProperty("consent").ValueKind.ShouldBe(JsonValueKind.Null, path);
        }
    }

    private const string ResponseFields = "code comments consent { partners government voluntarySector }";

    [Theory]
    [MemberData(nameof(AudienceNames))]
    public async Task An_organisations_responses_staff_lines_and_services_follow_the_table(string name)
    {
        var (audience, token, expected) = await ResolveAsync(name);

        var organisation = (await api.DataAsync($$"""
            query ($code: String!) {
              organisation(code: $code) {
                responses { {{ResponseFields}} staffLines { fte seniority response { {{ResponseFields}} } } }
                staffLines { fte seniority response { {{ResponseFields}} } }
                servicesCommissioned { commissioning response { {{ResponseFields}} } }
              }
            }
            """, new { code = expected.Organisation }, token)).GetProperty("organisation");

        var services = organisation.GetProperty("servicesCommissioned").EnumerateArray().ToList();
        services.Count.ShouldBe(expected.Services, "services commissioned are the organisation's, public");
        if (!audience.SeesResponses)
        {
            organisation.GetProperty("responses").GetArrayLength().ShouldBe(0);
            organisation.GetProperty("staffLines").GetArrayLength().ShouldBe(0);
            services.ShouldAllBe(s => s.GetProperty("response").ValueKind == JsonValueKind.Null);
            return;
        }
        var response = organisation.GetProperty("responses").EnumerateArray().ShouldHaveSingleItem();
        response.GetProperty("code").GetString().ShouldBe(expected.ResponseKey);
        ShouldShowPrivateAnswers(response, audience, expected, "Organisation.responses");
        response.GetProperty("staffLines").GetArrayLength().ShouldBe(expected.StaffLines);
        var staff = organisation.GetProperty("staffLines").EnumerateArray().ToList();
        staff.Count.ShouldBe(expected.StaffLines);
        foreach (var line in staff.Concat(response.GetProperty("staffLines").EnumerateArray()))
        {
            ShouldShowPrivateAnswers(line.GetProperty("response"), audience, expected, "StaffLine.response");
        }
        foreach (var service in services)
        {
            ShouldShowPrivateAnswers(service.GetProperty("response"), audience, expected, "ServiceCommissioned.response");
        }
    }

    [Theory]
    [MemberData(nameof(AudienceNames))]
    public async Task Node_and_nodes_follow_the_table(string name)
    {
        var (audience, token, expected) = await ResolveAsync(name);
        var id = GlobalId.Of("SurveyResponse", expected.ResponseKey);

        var data = await api.DataAsync($$"""
            query ($id: ID!) {
              node(id: $id) { ... on SurveyResponse { {{ResponseFields}} } }
              nodes(ids: [$id, $id]) { ... on SurveyResponse { {{ResponseFields}} } }
            }
            """, new { id }, token);

        var found = new[] { data.GetProperty("node") }.Concat(data.GetProperty("nodes").EnumerateArray()).ToList();
        found.Count.ShouldBe(3);
        foreach (var node in found)
        {
            if (!audience.SeesResponses)
            {
                node.ValueKind.ShouldBe(JsonValueKind.Null, "an invisible response is null, like an unknown ID");
                continue;
            }
            node.GetProperty("code").GetString().ShouldBe(expected.ResponseKey);
            ShouldShowPrivateAnswers(node, audience, expected, "node");
        }
    }

    [Theory]
    [MemberData(nameof(AudienceNames))]
    public async Task A_contacts_response_in_the_contacts_list_follows_the_table(string name)
    {
        var (audience, token, expected) = await ResolveAsync(name);

        var contacts = (await api.DataAsync($$"""
            query ($code: String!) {
              contacts(first: 100, where: { organisation: { code: { eq: $code } } }) { nodes { response { {{ResponseFields}} } } }
            }
            """, new { code = expected.Organisation }, token)).GetProperty("contacts").GetProperty("nodes").EnumerateArray().ToList();

        if (audience.Role is null)
        {
            contacts.ShouldBeEmpty("anonymous callers see no one");
            return;
        }
        var responses = contacts.Select(c => c.GetProperty("response")).Where(r => r.ValueKind != JsonValueKind.Null).ToList();
        responses.ShouldNotBeEmpty("every signed-in role sees this organisation's consenting contacts");
        foreach (var response in responses)
        {
            response.GetProperty("code").GetString().ShouldBe(expected.ResponseKey);
            ShouldShowPrivateAnswers(response, audience, expected, "Contact.response");
        }
    }

    /// <summary>
    /// The filter and sort inputs of every list name only what every caller of that list may read, so no filter can
    /// test a hidden value (a consent answer, a comment, a staff line) and leak it through what matches.
    /// </summary>
    [Fact]
    public void No_filter_or_sort_input_reaches_a_field_hidden_from_some_callers()
    {
        string[] hidden = ["comments", "consent", "partners", "government", "voluntarySector", "staffLines", "fte", "responses", "response", "otherActivities"];
        var schema = DirectoryGraphQL.BuildSchema();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<InputObjectType>(schema.TypeMap.Values.OfType<ObjectType>()
            .SelectMany(t => t.Fields).SelectMany(f => f.Arguments)
            .Where(a => a.Name is "where" or "order")
            .Select(a => TypeHelpers.GetNamedType(a.Type)).OfType<InputObjectType>());
        pending.Count.ShouldBeGreaterThan(0);
        var fields = new List<string>();
        while (pending.TryPop(out var input))
        {
            if (!seen.Add(input.Name))
            {
                continue;
            }
            foreach (var field in input.Fields)
            {
                fields.Add($"{input.Name}.{field.Name}");
                if (TypeHelpers.GetNamedType(field.Type) is InputObjectType nested)
                {
                    pending.Push(nested);
                }
            }
        }

        // ContactFilterInput.response names a response's organisation-level answers, which every signed-in caller
        // reads; an anonymous caller's filter on it is refused (ContractQuestionTests checks the refusal).
        string[] signedInOnly = ["ContactFilterInput.response"];
        fields.Where(f => hidden.Contains(f[(f.IndexOf('.', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal))
            .Except(signedInOnly, StringComparer.Ordinal).ShouldBeEmpty();
    }
}
