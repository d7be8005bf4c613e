using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Paging;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Types;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// Arguments a hostile or careless caller sends — cursors we never issued, out-of-range numbers, an empty survey
/// code — over real HTTP: each gets a BAD_USER_INPUT naming the argument, or the answer its value means, never a
/// wrong page or an internal error.
/// </summary>
public sealed class ArgumentValidationTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static string Cursor(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Every connection field, as a query taking <c>$cursor</c> in <c>{0}</c> (after or before).</summary>
    private static readonly Dictionary<string, string> Connections = new(StringComparer.Ordinal)
    {
        ["organisations"] = "query ($cursor: String) { organisations({0}: $cursor, first: 2) { totalCount edges { cursor } } }",
        ["contacts"] = "query ($cursor: String) { contacts({0}: $cursor, first: 2) { totalCount edges { cursor } } }",
        ["nationalContactList"] = "query ($cursor: String) { nationalContactList({0}: $cursor, first: 2) { totalCount edges { cursor } } }",
        ["partnerships"] = "query ($cursor: String) { partnerships({0}: $cursor, first: 2) { totalCount edges { cursor } } }",
        ["contracts"] = "query ($cursor: String) { contracts({0}: $cursor, first: 2) { totalCount edges { cursor } } }",
        ["auditLog"] = "query ($cursor: String) { auditLog({0}: $cursor, first: 2) { totalCount edges { cursor } } }",
    };

    public static TheoryData<string, string, string> BadCursors()
    {
        var data = new TheoryData<string, string, string>();
        string[] cursors =
        [
            Cursor("cursor:2147483647"), // wrapped to a negative offset and served page 1
            Cursor("cursor:" + (PageRequest.MaxCursorOffset + 1)),
            Cursor("cursor:99999999999"),
            Cursor("cursor:-1"),
            Cursor("cursor:01"), // not a cursor we issue: one offset, one cursor
            Cursor("cursor: 1"),
            Cursor("cursor:"),
            Cursor("offset:3"),
            "not base64!",
            "",
        ];
        foreach (var field in Connections.Keys)
        {
            foreach (var argument in new[] { "after", "before" })
            {
                foreach (var cursor in cursors)
                {
                    data.Add(field, argument, cursor);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task A_cursor_we_did_not_issue_or_out_of_range_is_bad_user_input_on_every_connection(string field, string argument, string cursor)
    {
        var body = await api.QueryAsync(Connections[field].Replace("{0}", argument, StringComparison.Ordinal), new { cursor }, token: api.OfficeToken);

        var error = body.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        error.GetProperty("message").GetString()!.ShouldContain($"Argument \"{argument}\"");
    }

    [Fact]
    public async Task Cursors_the_service_issues_round_trip_up_to_the_highest_offset()
    {
        var first = (await api.DataAsync("{ organisations(first: 3) { edges { cursor node { code } } } }")).GetProperty("organisations").GetProperty("edges");
        var next = (await api.DataAsync("query ($after: String) { organisations(first: 2, after: $after) { edges { cursor node { code } } } }",
            new { after = first[0].GetProperty("cursor").GetString() })).GetProperty("organisations").GetProperty("edges");
        next[0].GetProperty("node").GetProperty("code").GetString().ShouldBe(first[1].GetProperty("node").GetProperty("code").GetString());
        next[0].GetProperty("cursor").GetString().ShouldBe(first[1].GetProperty("cursor").GetString());

        // Offset cursors: a list sorted by a key that can be null (region) pages by offset (keyset cursors: KeysetPagingTests).
        var far = (await api.DataAsync("query ($after: String) { organisations(first: 100, order: [{ region: ASC }], after: $after) { edges { cursor } pageInfo { hasPreviousPage hasNextPage } } }",
            new { after = Cursor("cursor:" + PageRequest.MaxCursorOffset) })).GetProperty("organisations");
        far.GetProperty("edges").GetArrayLength().ShouldBe(0);
        far.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean().ShouldBeTrue();
        far.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeFalse();
    }

    /// <summary>
    /// Every Int argument of the contract, as a query with the value in <c>{0}</c>, and the range it accepts. A new
    /// Int argument fails <see cref="Every_int_argument_of_the_contract_is_listed_here"/> until it is checked here.
    /// </summary>
    private static readonly Dictionary<string, (string Query, int Min, int Max)> IntArguments = new(StringComparer.Ordinal)
    {
        ["Query.organisations(first:)"] = ("{ organisations(first: {0}) { totalCount } }", 0, 100),
        ["Query.organisations(last:)"] = ("{ organisations(last: {0}) { totalCount } }", 0, 100),
        ["Query.contacts(first:)"] = ("{ contacts(first: {0}) { totalCount } }", 0, 100),
        ["Query.contacts(last:)"] = ("{ contacts(last: {0}) { totalCount } }", 0, 100),
        ["Query.nationalContactList(first:)"] = ("{ nationalContactList(first: {0}) { totalCount } }", 0, 100),
        ["Query.nationalContactList(last:)"] = ("{ nationalContactList(last: {0}) { totalCount } }", 0, 100),
        ["Query.partnerships(first:)"] = ("{ partnerships(first: {0}) { totalCount } }", 0, 100),
        ["Query.partnerships(last:)"] = ("{ partnerships(last: {0}) { totalCount } }", 0, 100),
        ["Query.contracts(first:)"] = ("{ contracts(first: {0}) { totalCount } }", 0, 100),
        ["Query.contracts(last:)"] = ("{ contracts(last: {0}) { totalCount } }", 0, 100),
        ["Query.responses(first:)"] = ("{ responses(first: {0}) { totalCount } }", 0, 100),
        ["Query.responses(last:)"] = ("{ responses(last: {0}) { totalCount } }", 0, 100),
        ["Query.fundingAwards(first:)"] = ("{ fundingAwards(first: {0}) { totalCount } }", 0, 100),
        ["Query.fundingAwards(last:)"] = ("{ fundingAwards(last: {0}) { totalCount } }", 0, 100),
        ["Query.auditLog(first:)"] = ("{ auditLog(first: {0}) { totalCount } }", 0, 100),
        ["Query.auditLog(last:)"] = ("{ auditLog(last: {0}) { totalCount } }", 0, 100),
        ["MappingReport.ftePerHead(limit:)"] = ("{ mappingReport { ftePerHead(limit: {0}) { highest { fte } lowest { fte } } } }", 1, 100),
    };

    [Fact]
    public void Every_int_argument_of_the_contract_is_listed_here()
    {
        var schema = DirectoryGraphQL.BuildSchema();
        var found = new List<string>();
        foreach (var type in schema.TypeMap.Values.OfType<ObjectType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            foreach (var field in type.Fields)
            {
                found.AddRange(field.Arguments
                    .Where(a => TypeHelpers.GetNamedType(a.Type)?.Name is "Int" or "Float")
                    .Select(a => $"{type.Name}.{field.Name}({a.Name}:)"));
            }
        }

        found.Order(StringComparer.Ordinal).ShouldBe(IntArguments.Keys.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> IntArgumentNames() => [.. IntArguments.Keys];

    [Theory]
    [MemberData(nameof(IntArgumentNames))]
    public async Task An_int_argument_below_or_above_its_range_is_bad_user_input_naming_it_and_its_bounds_are_served(string coordinate)
    {
        var (query, min, max) = IntArguments[coordinate];
        var argument = coordinate[(coordinate.IndexOf('(', StringComparison.Ordinal) + 1)..^2];
        foreach (var value in new[] { min - 1, -1, max + 1, int.MaxValue, int.MinValue }.Distinct())
        {
            var body = await api.QueryAsync(query.Replace("{0}", value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), token: api.OfficeToken);

            var error = body.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem($"{coordinate} = {value}");
            error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT", $"{coordinate} = {value}: {error}");
            error.GetProperty("message").GetString().ShouldBe($"Argument \"{argument}\" must be between {min} and {max}, got {value}.");
        }
        foreach (var value in new[] { min, max })
        {
            var body = await api.QueryAsync(query.Replace("{0}", value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), token: api.OfficeToken);
            body.TryGetProperty("errors", out var errors).ShouldBeFalse($"{coordinate} = {value}: {errors}");
        }
    }

    [Fact]
    public async Task Int_filters_take_in_and_nin_lists_including_out_of_range_and_null_values()
    {
        await api.DataAsync("{ __typename }");
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(api.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT population FROM organisations WHERE population IS NOT NULL ORDER BY code LIMIT 2";
        var populations = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                populations.Add(reader.GetInt32(0));
            }
        }
        command.CommandText = "SELECT count(*) FROM organisations";
        var organisations = (int)(long)(await command.ExecuteScalarAsync())!;
        command.CommandText = $"SELECT count(*) FROM organisations WHERE population IN ({populations[0]}, {populations[1]})";
        var matching = (int)(long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "SELECT count(*) FROM contracts WHERE refuge_units IN (-1, 2147483647) OR refuge_units IS NULL";
        var refuges = (int)(long)(await command.ExecuteScalarAsync())!;

        var data = await api.DataAsync("""
            query ($in: [Int]) {
              listed: organisations(where: { population: { in: $in } }) { totalCount }
              others: organisations(where: { population: { nin: $in } }) { totalCount }
              extremes: contracts(where: { refugeUnits: { in: [-1, 2147483647, null] } }) { totalCount }
            }
            """, new { @in = new[] { populations[0], populations[1] } });

        data.GetProperty("listed").GetProperty("totalCount").GetInt32().ShouldBe(matching);
        matching.ShouldBeGreaterThan(0);
        data.GetProperty("others").GetProperty("totalCount").GetInt32().ShouldBe(organisations - matching, "nin keeps the organisations without a population, as C# would");
        data.GetProperty("extremes").GetProperty("totalCount").GetInt32().ShouldBe(refuges);
    }

    [Fact]
    public async Task An_absent_survey_and_an_empty_survey_code_are_different_arguments_in_one_request()
    {
        var organisation = (await api.DataAsync("""
            {
              organisation(code: "E06000013") {
                allResponses: responses { code }
                noResponses: responses(survey: "") { code }
                allStaff: staffLines { fte }
                noStaff: staffLines(survey: "") { fte }
                allServices: servicesCommissioned { commissioning }
                noServices: servicesCommissioned(survey: "") { commissioning }
                named: responses(survey: "STADV-2020") { code }
              }
            }
            """, token: api.OfficeToken)).GetProperty("organisation");

        foreach (var (all, none) in new[] { ("allResponses", "noResponses"), ("allStaff", "noStaff"), ("allServices", "noServices") })
        {
            organisation.GetProperty(all).GetArrayLength().ShouldBeGreaterThan(0, all);
            organisation.GetProperty(none).GetArrayLength().ShouldBe(0, none);
        }
        organisation.GetProperty("named").GetRawText().ShouldBe(organisation.GetProperty("allResponses").GetRawText());
    }

    [Fact]
    public async Task The_mapping_report_of_no_region_is_cached_apart_from_an_empty_region_which_is_refused()
    {
        // The cache key once folded "" into "no region", so after a national report "" was answered from the cache as
        // if it were the national one. "" names no region, and an unknown region is BAD_USER_INPUT (never zeros).
        const string Report = "ftePerHead(limit: 3) { highest { organisation { code } } } coverage { rows { total } }";
        var all = await api.DataAsync($$"""{ all: mappingReport { {{Report}} } }""");
        all.GetProperty("all").GetProperty("ftePerHead").GetProperty("highest").GetArrayLength().ShouldBe(3);

        foreach (var query in new[]
        {
            $$"""{ empty: mappingReport(region: "") { {{Report}} } }""",
            $$"""{ all: mappingReport { {{Report}} } empty: mappingReport(region: "") { {{Report}} } }""",
        })
        {
            var body = await api.QueryAsync(query);
            var error = body.GetProperty("errors").EnumerateArray().Single();
            error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
            error.GetProperty("path")[0].GetString().ShouldBe("empty");
        }
    }

    public static TheoryData<string, string?> RefusedRootFields() => new()
    {
        { "auditLog(first: 1) { totalCount }", null },
        { "auditLog(first: 1) { totalCount }", Roles.Government },
        { "disclosures(contactId: \"Q29udGFjdDpDMDAwMDE=\") { exportKey }", null },
        { "disclosures(contactId: \"Q29udGFjdDpDMDAwMDE=\") { exportKey }", Roles.VoluntarySector },
        { "subjectAccess(email: \"someone@x.example\")", null },
        { "subjectAccess(email: \"someone@x.example\")", Roles.Partner },
    };

    [Theory]
    [MemberData(nameof(RefusedRootFields))]
    public async Task A_refused_root_field_is_null_with_its_error_and_its_siblings_keep_their_data(string selection, string? role)
    {
        var token = role is null ? null : api.Token(role, role == Roles.Partner ? "E06000001" : null);
        var field = selection[..selection.IndexOf('(', StringComparison.Ordinal)];

        var body = await api.QueryAsync($$"""{ organisations(first: 1) { totalCount } refused: {{selection}} surveys { code } }""", token: token);

        var error = body.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe(role is null ? "UNAUTHENTICATED" : "FORBIDDEN");
        error.GetProperty("path").EnumerateArray().Select(p => p.GetString()).ShouldBe(["refused"]);
        var data = body.GetProperty("data");
        data.ValueKind.ShouldBe(JsonValueKind.Object, $"{field}: the whole answer was lost");
        data.GetProperty("refused").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("organisations").GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
        data.GetProperty("surveys").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_refused_mutation_is_null_and_the_changes_before_it_keep_their_answer()
    {
        var token = api.Token(Roles.Partner, "E06000001");
        var organisation = (await api.DataAsync("""{ organisation(code: "E06000001") { id version } }""")).GetProperty("organisation");

        var body = await api.QueryAsync("""
            mutation ($id: ID!, $version: Int!) {
              allowed: updateOrganisation(input: { id: $id, version: $version, postalAddress: "1 Civic Centre" }) { organisation { postalAddress } errors { code } }
              refused: createOrganisation(input: { code: "X-REFUSED", name: "Refused", type: OTHER }) { organisation { code } errors { code } }
            }
            """, new { id = organisation.GetProperty("id").GetString(), version = organisation.GetProperty("version").GetInt32() }, token: token);

        body.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem().GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        var data = body.GetProperty("data");
        data.ValueKind.ShouldBe(JsonValueKind.Object);
        data.GetProperty("refused").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("allowed").GetProperty("organisation").GetProperty("postalAddress").GetString().ShouldBe("1 Civic Centre");
    }

    [Fact]
    public void Every_field_that_can_be_refused_is_nullable_in_the_contract()
    {
        var schema = DirectoryGraphQL.BuildSchema();
        string[] officeOnly = ["auditLog", "disclosures", "subjectAccess"];

        officeOnly.Select(name => schema.QueryType!.Fields[name]!).Where(f => f.Type is NonNullType).Select(f => f.Name).ShouldBeEmpty();
        schema.MutationType!.Fields.Where(f => f.Type is NonNullType).Select(f => f.Name).ShouldBeEmpty();
    }
}
