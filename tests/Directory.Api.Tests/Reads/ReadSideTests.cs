using System.Text.Json;
using Directory.Api.Paging;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data;
using Directory.Data.Model;

namespace Directory.Api.Tests.Reads;

/// <summary>The read side over the bundled sample: organisations, contacts, the national contact list, nodes.</summary>
public sealed class ReadSideTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static List<string?> Strings(JsonElement list, string property) =>
        [.. list.EnumerateArray().Select(e => e.GetProperty(property).GetString())];

    [Fact]
    public async Task Organisation_by_code_exposes_its_relations()
    {
        var data = await api.DataAsync("""
            { organisation(code: "E07000009") {
                name type tier surveyStatus
                county { code } commissioningDelegatedTo { code } policeForceArea { type }
                responses(survey: "STADV-2020") { code staffLines { lineNumber fte } }
                contacts { fullName role }
            } }
            """, token: api.OfficeToken);

        var organisation = data.GetProperty("organisation");
        organisation.GetProperty("name").GetString().ShouldBe("East Cambridgeshire District Council");
        organisation.GetProperty("tier").GetString().ShouldBe("DISTRICT");
        organisation.GetProperty("surveyStatus").GetString().ShouldBe("COMPLETED");
        organisation.GetProperty("county").GetProperty("code").GetString().ShouldBe("E10000003");
        organisation.GetProperty("commissioningDelegatedTo").GetProperty("code").GetString().ShouldBe("E10000003");
        organisation.GetProperty("policeForceArea").GetProperty("type").GetString().ShouldBe("PCC");
        Strings(organisation.GetProperty("responses"), "code").ShouldBe(["R0046"]);
        Strings(organisation.GetProperty("contacts"), "fullName").ShouldBe(["Lisa Foster", "Mark Ward"]);
    }

    [Fact]
    public async Task Unknown_organisation_code_gives_null()
    {
        var data = await api.DataAsync("""{ organisation(code: "E99999999") { name } }""");

        data.GetProperty("organisation").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Organisations_filter_sort_and_count_in_the_database()
    {
        var data = await api.DataAsync("""
            { organisations(where: { type: { in: [PCC] }, name: { contains: "NORTH" } }, order: [{ name: DESC }]) {
                totalCount nodes { name type }
            } }
            """);

        var connection = data.GetProperty("organisations");
        connection.GetProperty("totalCount").GetInt32().ShouldBe(4);
        var names = Strings(connection.GetProperty("nodes"), "name");
        names.Count.ShouldBe(4);
        names.ShouldBe(names.OrderByDescending(n => n, StringComparer.Ordinal).ToList());
        names.ShouldAllBe(n => n!.Contains("North", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nested_filters_and_or_combine()
    {
        var data = await api.DataAsync("""
            { organisations(first: 100, where: { county: { code: { eq: "E10000003" } }, or: [{ name: { startsWith: "east" } }, { name: { endsWith: "city council" } }] }) {
                nodes { name county { code } }
            } }
            """);

        var nodes = data.GetProperty("organisations").GetProperty("nodes").EnumerateArray().ToList();
        nodes.ShouldNotBeEmpty();
        nodes.ShouldAllBe(n => n.GetProperty("county").GetProperty("code").GetString() == "E10000003");
        nodes.ShouldAllBe(n => n.GetProperty("name").GetString()!.StartsWith("East", StringComparison.Ordinal)
            || n.GetProperty("name").GetString()!.EndsWith("City Council", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paging_forwards_and_backwards_visits_every_item_once()
    {
        const string Query = """
            query ($after: String, $before: String, $first: Int, $last: Int) {
              organisations(where: { type: { eq: PCC } }, first: $first, after: $after, last: $last, before: $before) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code }
              }
            }
            """;
        var forward = new List<string?>();
        string? after = null;
        JsonElement page;
        do
        {
            page = (await api.DataAsync(Query, new { first = 10, after })).GetProperty("organisations");
            forward.AddRange(Strings(page.GetProperty("nodes"), "code"));
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());

        forward.Count.ShouldBe(43);
        forward.Distinct().Count().ShouldBe(43);

        var last = (await api.DataAsync(Query, new { last = 5 })).GetProperty("organisations");
        Strings(last.GetProperty("nodes"), "code").ShouldBe(forward.TakeLast(5).ToList());
        last.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean().ShouldBeTrue();

        var before = last.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        var previous = (await api.DataAsync(Query, new { last = 3, before })).GetProperty("organisations");
        Strings(previous.GetProperty("nodes"), "code").ShouldBe(forward.Skip(35).Take(3).ToList());
    }

    [Fact]
    public async Task Default_page_is_25_and_more_than_100_is_refused()
    {
        var data = await api.DataAsync("{ organisations { nodes { code } } }");
        data.GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(25);

        var body = await api.QueryAsync("{ organisations(first: 101) { nodes { code } } }");

        var error = body.GetProperty("errors")[0];
        error.GetProperty("message").GetString()!.ShouldContain("between 0 and 100");
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
    }

    [Fact]
    public async Task Contact_search_ignores_case_and_accents_and_covers_organisation_and_department()
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using (var db = DirectoryDatabase.CreateContext(DatabaseProvider.Sqlite, api.ConnectionString))
        {
            var organisation = db.Organisations.Single(o => o.Code == "E06000002");
            db.Contacts.Add(new Contact { Key = "C-TEST-ACCENT", OrganisationId = organisation.Id, Role = ContactRole.MANAGER, FullName = "Zoë Brontë", JobTitle = "Safeguarding Lead" });
            await db.SaveChangesAsync();
        }

        var byName = await api.DataAsync("""{ contacts(search: "ZOE bronte") { totalCount nodes { fullName } } }""", token: api.OfficeToken);
        var byOrganisationAndTitle = await api.DataAsync("""{ contacts(search: "middlesbrough safeguarding") { nodes { fullName } } }""", token: api.OfficeToken);
        var byType = await api.DataAsync("""{ contacts(search: "pcc", first: 100) { totalCount nodes { organisation { type } } } }""", token: api.OfficeToken);

        Strings(byName.GetProperty("contacts").GetProperty("nodes"), "fullName").ShouldBe(["Zoë Brontë"]);
        Strings(byOrganisationAndTitle.GetProperty("contacts").GetProperty("nodes"), "fullName").ShouldContain("Zoë Brontë");
        byType.GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
        byType.GetProperty("contacts").GetProperty("nodes").EnumerateArray()
            .ShouldAllBe(n => n.GetProperty("organisation").GetProperty("type").GetString() == "PCC");
    }

    [Fact]
    public async Task National_contact_list_has_one_row_per_in_scope_organisation_with_its_contacts()
    {
        var data = await api.DataAsync("""
            {
              all: nationalContactList { totalCount }
              delegated: nationalContactList(where: { organisation: { code: { eq: "E07000009" } } }) {
                nodes { status commissionedByCounty contacts { fullName } countyContacts { fullName } centralEmail }
              }
              silent: nationalContactList(first: 100, where: { status: { eq: NOT_RECEIVED } }) {
                totalCount nodes { contacts { fullName } centralEmail organisationType }
              }
            }
            """, token: api.OfficeToken);

        data.GetProperty("all").GetProperty("totalCount").GetInt32().ShouldBe(504);
        var delegated = data.GetProperty("delegated").GetProperty("nodes")[0];
        delegated.GetProperty("status").GetString().ShouldBe("COMPLETED");
        delegated.GetProperty("commissionedByCounty").GetBoolean().ShouldBeTrue();
        Strings(delegated.GetProperty("contacts"), "fullName").ShouldBe(["Mark Ward"]);
        Strings(delegated.GetProperty("countyContacts"), "fullName").ShouldBe(["Neil Carter"]);
        delegated.GetProperty("centralEmail").ValueKind.ShouldBe(JsonValueKind.Null);

        var silent = data.GetProperty("silent");
        silent.GetProperty("totalCount").GetInt32().ShouldBe(72 + 4 + 64);
        silent.GetProperty("nodes").EnumerateArray().ShouldAllBe(n =>
            n.GetProperty("contacts").GetArrayLength() == 0 && n.GetProperty("centralEmail").GetString()!.Contains('@'));
    }

    [Fact]
    public async Task Unknown_survey_is_a_clear_error()
    {
        var body = await api.QueryAsync("""{ nationalContactList(survey: "NOPE") { totalCount } }""");

        body.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("There is no survey \"NOPE\".");
    }

    [Fact]
    public async Task Every_node_type_round_trips_through_node_and_nodes()
    {
        var data = await api.DataAsync("""
            {
              organisation(code: "E06000001") {
                id departments { id } contacts { id } responses { id survey { id } services { serviceType { id } } }
                contractsAsCommissioner { id } partnerships { partnership { id } }
              }
            }
            """, token: api.OfficeToken);
        var organisation = data.GetProperty("organisation");
        var response = organisation.GetProperty("responses")[0];
        var ids = new Dictionary<string, string?>
        {
            ["Organisation"] = organisation.GetProperty("id").GetString(),
            ["Department"] = organisation.GetProperty("departments")[0].GetProperty("id").GetString(),
            ["Contact"] = organisation.GetProperty("contacts")[0].GetProperty("id").GetString(),
            ["SurveyResponse"] = response.GetProperty("id").GetString(),
            ["Survey"] = response.GetProperty("survey").GetProperty("id").GetString(),
            ["ServiceType"] = response.GetProperty("services")[0].GetProperty("serviceType").GetProperty("id").GetString(),
            ["Contract"] = organisation.GetProperty("contractsAsCommissioner")[0].GetProperty("id").GetString(),
            ["Partnership"] = organisation.GetProperty("partnerships")[0].GetProperty("partnership").GetProperty("id").GetString(),
        };

        foreach (var (type, id) in ids)
        {
            var node = (await api.DataAsync("query ($id: ID!) { node(id: $id) { __typename id } }", new { id }, api.OfficeToken)).GetProperty("node");
            node.GetProperty("__typename").GetString().ShouldBe(type);
            node.GetProperty("id").GetString().ShouldBe(id);
        }

        var nodes = (await api.DataAsync("query ($ids: [ID!]!) { nodes(ids: $ids) { __typename } }",
            new { ids = ids.Values.Append("bm90LWFuLWlk").ToArray() }, api.OfficeToken)).GetProperty("nodes");
        nodes.GetArrayLength().ShouldBe(9);
        nodes[8].ValueKind.ShouldBe(JsonValueKind.Null);
        nodes.EnumerateArray().Take(8).Select(n => n.GetProperty("__typename").GetString()).ShouldBe(ids.Keys);
    }

    [Fact]
    public async Task Nested_lists_cost_the_same_number_of_sql_commands_for_10_and_100_organisations()
    {
        const string Query = """
            query ($n: Int) { organisations(first: $n) { nodes {
              name departments { name } contacts { fullName }
              partnerships { role partnership { name members { role organisation { name } } } }
              responses { code staffLines { fte } }
            } } }
            """;
        var headers = new Dictionary<string, string> { ["GraphQL-Diagnostics"] = "1" };
        await api.QueryAsync(Query, new { n = 1 }, headers, api.OfficeToken); // warm-up: EF Core compiles each query shape once

        var ten = await api.QueryAsync(Query, new { n = 10 }, headers, api.OfficeToken);
        var hundred = await api.QueryAsync(Query, new { n = 100 }, headers, api.OfficeToken);

        hundred.GetProperty("data").GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(100);
        var tenCommands = ten.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32();
        var hundredCommands = hundred.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32();
        tenCommands.ShouldBeGreaterThan(0);
        var diagnostics = hundred.GetProperty("extensions").GetProperty("diagnostics");
        diagnostics.GetProperty("elapsedMs").GetDouble().ShouldBeGreaterThan(0);
        diagnostics.GetProperty("sql").GetArrayLength().ShouldBe(hundredCommands);

        // One query per loader per level — 9 loaders for this document (page, departments, contacts, memberships,
        // responses, staff lines, partnerships, members, organisations) — never one per parent.
        hundredCommands.ShouldBe(tenCommands);
        tenCommands.ShouldBe(9);
    }

    [Theory]
    [InlineData("{ organisations(first: 5) { nodes { name } } }", 1, false)]
    [InlineData("{ organisations(first: 5) { totalCount } }", 1, true)]
    [InlineData("{ organisations(first: 5) { total: totalCount pageInfo { hasNextPage } edges { cursor } nodes { name } } }", 1, true)]
    [InlineData("{ organisations(first: 5) { ...Page } } fragment Page on OrganisationConnection { totalCount nodes { name } }", 1, true)]
    // A keyset-paged list reads its last page backward, without a count; an offset-paged one (a sort key that can be
    // null) needs the total first.
    [InlineData("{ organisations(last: 5) { nodes { name } } }", 1, false)]
    [InlineData("{ organisations(last: 5, order: [{ population: ASC }]) { nodes { name } } }", 2, true)]
    [InlineData("{ organisations(first: 5, where: { name: { eq: \"No such council\" } }) { totalCount nodes { name } } }", 2, true)]
    public async Task A_connection_runs_a_count_only_when_needed_and_each_part_once(string document, int commands, bool counts)
    {
        var headers = new Dictionary<string, string> { ["GraphQL-Diagnostics"] = "1" };

        var result = await api.QueryAsync(document, null, headers, api.OfficeToken);

        result.TryGetProperty("errors", out _).ShouldBeFalse(result.ToString());
        var sql = result.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sql").EnumerateArray().Select(c => c.GetString()!).ToList();
        sql.Count.ShouldBe(commands, string.Join("\n---\n", sql));
        sql.Any(c => c.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase)).ShouldBe(counts);
    }

    [Fact]
    public async Task A_total_fetched_with_its_page_is_the_same_as_a_total_alone()
    {
        var alone = await api.DataAsync("{ organisations { totalCount } nationalContactList(survey: \"STADV-2020\") { totalCount } }", token: api.OfficeToken);
        var withPage = await api.DataAsync("""
            { organisations(first: 3) { totalCount nodes { name } }
              nationalContactList(survey: "STADV-2020", first: 3) { totalCount nodes { status } } }
            """, token: api.OfficeToken);
        // Offset cursors are for lists sorted by a key that can be null (population).
        var lastPage = await api.DataAsync("{ organisations(first: 3, order: [{ population: ASC }], after: \"" + PageRequest.EncodeCursor(10_000) + "\") { totalCount nodes { name } } }", token: api.OfficeToken);

        var organisations = alone.GetProperty("organisations").GetProperty("totalCount").GetInt32();
        organisations.ShouldBeGreaterThan(500);
        withPage.GetProperty("organisations").GetProperty("totalCount").GetInt32().ShouldBe(organisations);
        withPage.GetProperty("nationalContactList").GetProperty("totalCount").GetInt32()
            .ShouldBe(alone.GetProperty("nationalContactList").GetProperty("totalCount").GetInt32());
        lastPage.GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(0);
        lastPage.GetProperty("organisations").GetProperty("totalCount").GetInt32().ShouldBe(organisations, "a page past the end still counts");
    }

    [Fact]
    public async Task Mapping_report_coverage_counts_the_survey_population()
    {
        var data = await api.DataAsync("""
            { mappingReport { survey { code } coverage { rows { organisationType total completed } outOfScopeResponses } } missing: mappingReport(survey: "NOPE") { region } }
            """);

        var rows = data.GetProperty("mappingReport").GetProperty("coverage").GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("organisationType").GetString()!, r => r.GetProperty("total").GetInt32());
        rows.ShouldBe(new Dictionary<string, int> { ["LOCAL_AUTHORITY"] = 334, ["PCC"] = 43, ["CCG"] = 127 });
        data.GetProperty("missing").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
