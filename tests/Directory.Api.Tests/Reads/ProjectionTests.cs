using System.Text.Json;
using Directory.Api.GraphQL;
using Directory.Api.Reads;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Types;

namespace Directory.Api.Tests.Reads;

/// <summary>
/// Selection-driven projection (Reads/Projection.cs): lists and loaders read only the columns a selection needs,
/// and what they return is exactly what whole entities give. The reference for "whole" is <c>nodes(ids:)</c>, which
/// always loads whole entities; every field of Organisation and Contact is compared, one field per query, so a
/// resolver whose declared reads missed something shows up as a difference.
/// </summary>
public sealed class ProjectionTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static readonly Schema Schema = DirectoryGraphQL.BuildSchema();

    private static readonly Dictionary<string, string> Diagnostics = new() { ["GraphQL-Diagnostics"] = "1" };

    public static TheoryData<string> OrganisationFields() => FieldsOf("Organisation");

    public static TheoryData<string> ContactFields() => FieldsOf("Contact");

    public static TheoryData<string> ContractFields() => FieldsOf("Contract");

    public static TheoryData<string> PartnershipFields() => FieldsOf("Partnership");

    [Fact]
    public void No_resolver_turns_projection_off_without_saying_so()
    {
        // A field bound with the plain Resolve (its reads unknown) makes every list that selects it read whole rows;
        // one that must do so says why with ResolveWhole.
        Projection.FieldsDisablingProjection(Schema).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(OrganisationFields))]
    public async Task An_organisation_field_read_through_a_projection_equals_the_whole_entity(string field)
    {
        await ShouldEqualWholeAsync("Organisation", field,
            selection => $$"""{ organisations(first: 100, order: [{ name: ASC }]) { nodes { id {{selection}} } } }""",
            data => data.GetProperty("organisations").GetProperty("nodes"));
        // The nested projection of the national contact list's organisation too.
        await ShouldEqualWholeAsync("Organisation", field,
            selection => $$"""{ nationalContactList(survey: "STADV-2020", first: 100) { nodes { organisation { id {{selection}} } } } }""",
            data => JsonSerializer.SerializeToElement(
                data.GetProperty("nationalContactList").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("organisation"))));
    }

    [Theory]
    [MemberData(nameof(ContactFields))]
    public Task A_contact_field_read_through_a_projection_equals_the_whole_entity(string field) =>
        ShouldEqualWholeAsync("Contact", field,
            selection => $$"""{ contacts(first: 100, order: [{ fullName: ASC }]) { nodes { id {{selection}} } } }""",
            data => data.GetProperty("contacts").GetProperty("nodes"));

    [Theory]
    [MemberData(nameof(ContractFields))]
    public Task A_contract_field_read_through_a_projection_equals_the_whole_entity(string field) =>
        ShouldEqualWholeAsync("Contract", field,
            selection => $$"""{ contracts(first: 100, order: [{ title: ASC }]) { nodes { id {{selection}} } } }""",
            data => data.GetProperty("contracts").GetProperty("nodes"));

    [Theory]
    [MemberData(nameof(PartnershipFields))]
    public Task A_partnership_field_read_through_a_projection_equals_the_whole_entity(string field) =>
        ShouldEqualWholeAsync("Partnership", field,
            selection => $$"""{ partnerships(first: 100, order: [{ name: ASC }]) { nodes { id {{selection}} } } }""",
            data => data.GetProperty("partnerships").GetProperty("nodes"));

    /// <summary>
    /// Runs the query (a projected list of 100 entities, each with its id and the field) and compares its entities
    /// with the same ones, by id, from <c>nodes(ids:)</c>, which loads whole entities.
    /// </summary>
    private async Task ShouldEqualWholeAsync(string type, string field, Func<string, string> query, Func<JsonElement, JsonElement> entities)
    {
        var selection = Selection(type, field);
        var projected = entities(await api.DataAsync(query(selection), token: api.OfficeToken));
        projected.GetArrayLength().ShouldBe(100);

        var ids = projected.EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();
        var whole = await api.DataAsync($$"""query($ids: [ID!]!) { nodes(ids: $ids) { ... on {{type}} { id {{selection}} } } }""", new { ids }, api.OfficeToken);

        projected.GetRawText().ShouldBe(whole.GetProperty("nodes").GetRawText());
    }

    [Fact]
    public async Task The_national_contact_list_reads_only_the_columns_its_selection_needs()
    {
        var body = await api.QueryAsync("""
            { nationalContactList(survey: "STADV-2020", first: 50) {
                nodes { organisation { code name } status contacts { fullName email } countyContacts { fullName organisation { name } } }
            } }
            """, headers: Diagnostics, token: api.OfficeToken);

        body.TryGetProperty("errors", out _).ShouldBeFalse();
        var sql = body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sql").EnumerateArray().Select(s => s.GetString()!).ToList();
        var contacts = sql.Single(s => s.Contains("FROM \"contacts\" AS \"c\"\n", StringComparison.Ordinal) && s.Contains("COMMISSIONER", StringComparison.Ordinal));
        // One command for both contact lists, reading the union of what they select and no other column; the county
        // contacts' organisation names come joined into it, not from a command of their own.
        Columns(contacts).ShouldBe(["email", "full_name", "organisation_id", "name"], ignoreOrder: true);
        contacts.ShouldContain("INNER JOIN \"organisations\"");
        // The batch's ids are one parameter (DirectoryDatabase: ParameterTranslationMode.Parameter), so the command's
        // text, and EF Core's cached SQL for it, is the same whatever the batch's size.
        contacts.ShouldContain("json_each(@");
        sql.ShouldNotContain(s => s.Contains("WHERE \"o\".\"id\" IN", StringComparison.Ordinal));
        var page = sql.Single(s => s.Contains("ORDER BY \"o\".\"name\", \"o\".\"id\"", StringComparison.Ordinal));
        page.ShouldNotContain("postal_address");
        page.ShouldNotContain("population");
    }

    [Fact]
    public async Task The_benchmarked_national_contact_list_page_is_two_commands_of_the_columns_it_prints()
    {
        // bench/wrk's document (the floor's comparison): centralEmail counts the row's commissioners through the loader
        // contacts and countyContacts share. Asking it with its own selection (a String, so no projection) once widened
        // that batch to whole contacts (all 20 columns, the search texts among them) and lost the join of the county
        // contacts' organisations, a third command per page.
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "bench", "wrk", "national-contact-list.graphql"));
        var body = await api.QueryAsync(document, headers: Diagnostics, token: api.OfficeToken);

        body.TryGetProperty("errors", out _).ShouldBeFalse();
        var nodes = body.GetProperty("data").GetProperty("nationalContactList").GetProperty("nodes");
        nodes.EnumerateArray().ShouldContain(n => n.GetProperty("centralEmail").ValueKind == JsonValueKind.String);
        nodes.EnumerateArray().ShouldContain(n => n.GetProperty("countyContacts").GetArrayLength() > 0);
        var sql = body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sql").EnumerateArray().Select(s => s.GetString()!)
            .Where(s => !s.Contains("FROM \"survey_rounds\" AS \"s\"\n", StringComparison.Ordinal)) // the survey's existence, once per database
            .ToList();
        sql.Count.ShouldBe(2, string.Join("\n\n", sql));
        var contacts = sql.Single(s => s.Contains("FROM \"contacts\" AS \"c\"\n", StringComparison.Ordinal) && s.Contains("COMMISSIONER", StringComparison.Ordinal));
        Columns(contacts).ShouldBe(["email", "full_name", "job_title", "organisation_id", "name"], ignoreOrder: true);
        contacts.ShouldContain("INNER JOIN \"organisations\"");
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    [Fact]
    public async Task A_loader_asked_for_more_columns_after_its_batch_reads_them_again()
    {
        // An organisation's contacts are whole entities, so their organisation comes from the organisation loader, not
        // a join. Level 4 loads organisations by id with their names; level 6 asks the same loader, for the same
        // organisations, for columns the first batch did not read. The cached rows must not serve it.
        var data = await api.DataAsync("""
            { organisations(first: 40, order: [{ name: ASC }]) { nodes { contacts {
                organisation { name contacts { organisation { code population centralEmail } } }
            } } } }
            """, token: api.OfficeToken);

        var nodes = data.GetProperty("organisations").GetProperty("nodes").EnumerateArray().SelectMany(o => o.GetProperty("contacts").EnumerateArray()).ToList();
        nodes.Count.ShouldBeGreaterThan(10);
        var checkedAny = false;
        foreach (var node in nodes)
        {
            foreach (var colleague in node.GetProperty("organisation").GetProperty("contacts").EnumerateArray())
            {
                var organisation = colleague.GetProperty("organisation");
                var code = organisation.GetProperty("code").GetString();
                var expected = (await api.DataAsync($$"""{ organisation(code: "{{code}}") { code population centralEmail } }""", token: api.OfficeToken)).GetProperty("organisation");
                organisation.GetRawText().ShouldBe(expected.GetRawText());
                checkedAny = true;
                break;
            }
        }
        checkedAny.ShouldBeTrue();
    }

    [Fact]
    public async Task Fields_of_one_level_sharing_a_loader_with_different_columns_share_one_command()
    {
        // Whole contacts (an organisation's), so both fields go to the organisation loader.
        var narrow = await CommandsAsync("""{ organisations(first: 30) { nodes { contacts { organisation { name } } } } }""");
        var mixed = await CommandsAsync("""{ organisations(first: 30) { nodes { contacts { organisation { name } o2: organisation { code population } } } } }""");

        narrow.ShouldBe(3);
        mixed.ShouldBe(narrow);
    }

    [Fact]
    public async Task A_reference_of_a_projected_list_is_joined_into_the_lists_command()
    {
        // The organisations page with each one's county and police force area: one command, where loading them took two.
        var body = await api.QueryAsync(
            """{ organisations(first: 50, where: { type: { in: [LOCAL_AUTHORITY] } }) { nodes { name county { name } policeForceArea { code name } } } }""",
            headers: Diagnostics, token: api.OfficeToken);

        body.TryGetProperty("errors", out _).ShouldBeFalse();
        body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32().ShouldBe(1);
        var nodes = body.GetProperty("data").GetProperty("organisations").GetProperty("nodes").EnumerateArray().ToList();
        nodes.ShouldContain(n => n.GetProperty("county").ValueKind == JsonValueKind.Object);
        nodes.ShouldContain(n => n.GetProperty("county").ValueKind == JsonValueKind.Null);
        nodes.ShouldAllBe(n => n.GetProperty("policeForceArea").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task A_reference_whose_selection_reads_nothing_of_the_entity_is_loaded_by_its_key()
    {
        // `organisation { __typename }` reads no column to join for: the field falls back to its loader, and nullable
        // references stay null exactly where the joined selection finds none.
        var bare = await api.DataAsync("""{ contacts(first: 100, order: [{ fullName: ASC }]) { nodes { organisation { __typename } department { __typename } } } }""", token: api.OfficeToken);
        var joined = await api.DataAsync("""{ contacts(first: 100, order: [{ fullName: ASC }]) { nodes { organisation { __typename name } department { __typename name } } } }""", token: api.OfficeToken);

        var bareNodes = bare.GetProperty("contacts").GetProperty("nodes").EnumerateArray().ToList();
        var joinedNodes = joined.GetProperty("contacts").GetProperty("nodes").EnumerateArray().ToList();
        bareNodes.Count.ShouldBe(100);
        bareNodes.ShouldAllBe(n => n.GetProperty("organisation").GetProperty("__typename").GetString() == "Organisation");
        bareNodes.Select(n => n.GetProperty("department").ValueKind)
            .ShouldBe(joinedNodes.Select(n => n.GetProperty("department").ValueKind));
        joinedNodes.ShouldContain(n => n.GetProperty("department").ValueKind == JsonValueKind.Null);
        joinedNodes.ShouldContain(n => n.GetProperty("department").ValueKind == JsonValueKind.Object);
    }

    private async Task<int> CommandsAsync(string query)
    {
        var body = await api.QueryAsync(query, headers: Diagnostics, token: api.OfficeToken);
        body.TryGetProperty("errors", out _).ShouldBeFalse();
        return body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32();
    }

    // The selected column names of a SELECT: `"c"."email" AS "Email"` or `"c"."email"`.
    private static List<string> Columns(string sql)
    {
        var select = sql[..sql.IndexOf("\nFROM", StringComparison.Ordinal)]["SELECT ".Length..];
        return [.. select.Split(", ").Select(c => c.Split(" AS ")[0].Split('.')[^1].Trim('"'))];
    }

    private static TheoryData<string> FieldsOf(string typeName)
    {
        var type = (ObjectType)Schema.GetType(typeName)!;
        var data = new TheoryData<string>();
        foreach (var field in type.Fields.Where(f => f.Arguments.All(a => a.Name == "survey" || a.Type is not NonNullType)))
        {
            data.Add(field.Name);
        }
        return data;
    }

    /// <summary>The field with a small sub-selection when it is an object, and the survey when it takes one.</summary>
    private static string Selection(string typeName, string fieldName)
    {
        var field = ((ObjectType)Schema.GetType(typeName)!).Fields[fieldName]!;
        var arguments = field.Arguments.Any(a => a.Name == "survey") ? """(survey: "STADV-2020")""" : "";
        var sub = TypeHelpers.GetNamedType(field.Type) switch
        {
            ObjectType { } objectType => "{ " + string.Join(" ", objectType.Fields.Where(f => f.Arguments.Count == 0 && TypeHelpers.GetNamedType(f.Type) is ScalarType or EnumType).Take(3).Select(f => f.Name)) + " }",
            _ => "",
        };
        return fieldName + arguments + " " + sub;
    }
}
