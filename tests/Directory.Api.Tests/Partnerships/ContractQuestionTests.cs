using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Partnerships;

/// <summary>
/// Issue 16 §2/§3, the commissioners' working questions, each one request with its exact answer on the sample. The
/// expected values were computed by a separate script over the CSV files in data/stadv-2020 (not with the service's
/// SQL): contracts.csv, responses.csv, contacts.csv and organisations.csv.
/// </summary>
public sealed class ContractQuestionTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    [Fact]
    public async Task Contracts_ending_in_the_next_twelve_months_with_their_annual_value_by_lead_commissioner()
    {
        // As of 2022-04-01: end dates from 2022-04-01 to 2023-03-31.
        var rows = (await api.DataAsync("""
            query ContractsEndingSoon { contractSummary(where: { endDate: { gte: "2022-04-01", lte: "2023-03-31" } }, groupBy: LEAD_COMMISSIONER)
              { key label contracts annualValueGbp refugeUnits } }
            """)).GetProperty("contractSummary").EnumerateArray().ToList();

        rows.Count.ShouldBe(58);
        rows.Sum(r => r.GetProperty("contracts").GetInt32()).ShouldBe(68);
        rows.Sum(r => r.GetProperty("annualValueGbp").GetDecimal()).ShouldBe(55_438_000m);
        var middlesbrough = rows.Single(r => r.GetProperty("key").GetString() == "E06000002");
        middlesbrough.GetProperty("label").GetString().ShouldBe("Middlesbrough Borough Council");
        middlesbrough.GetProperty("contracts").GetInt32().ShouldBe(1);
        middlesbrough.GetProperty("annualValueGbp").GetDecimal().ShouldBe(1_105_000m);
        rows.Select(r => r.GetProperty("key").GetString()).ShouldBeInOrder();
    }

    [Fact]
    public async Task Refuge_units_by_police_force_area()
    {
        var rows = (await api.DataAsync("""
            query RefugeUnitsByForceArea { contractSummary(where: { refugeUnits: { gt: 0 } }, groupBy: POLICE_FORCE_AREA) { key contracts refugeUnits } }
            """)).GetProperty("contractSummary").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => (r.GetProperty("contracts").GetInt32(), r.GetProperty("refugeUnits").GetInt32()));

        rows.Count.ShouldBe(16);
        rows.Values.Sum(r => r.Item2).ShouldBe(700);
        rows["E23000001"].ShouldBe((8, 140));
        rows["E23000003"].ShouldBe((2, 59));
        rows["E23000005"].ShouldBe((4, 124));
    }

    [Fact]
    public async Task Summary_groups_add_up_to_the_filtered_contracts_whatever_the_grouping()
    {
        var data = await api.DataAsync("""
            { all: contracts { totalCount }
              region: contractSummary(groupBy: REGION) { contracts annualValueGbp }
              year: contractSummary(groupBy: END_YEAR) { key contracts annualValueGbp }
              provider: contractSummary(groupBy: PROVIDER) { contracts annualValueGbp }
              types: contractSummary(groupBy: SERVICE_TYPE) { key contracts } }
            """);

        var total = data.GetProperty("all").GetProperty("totalCount").GetInt32();
        total.ShouldBe(287);
        foreach (var grouping in new[] { "region", "year", "provider" })
        {
            data.GetProperty(grouping).EnumerateArray().Sum(r => r.GetProperty("contracts").GetInt32()).ShouldBe(total, grouping);
        }
        data.GetProperty("year").EnumerateArray().Select(r => r.GetProperty("key").GetString()!).ShouldAllBe(k => k.Length == 4 && k.StartsWith("20", StringComparison.Ordinal));
        // A contract of several types counts in each: more than the contracts themselves.
        data.GetProperty("types").EnumerateArray().Sum(r => r.GetProperty("contracts").GetInt32()).ShouldBeGreaterThan(total);
    }

    [Fact]
    public async Task Areas_whose_latest_response_says_they_have_no_joint_commissioning_group()
    {
        var data = await api.DataAsync("""
            query NoJointCommissioningGroup { responses(first: 100, where: { latest: { eq: true }, jointCommissioningGroup: { eq: NO } })
              { totalCount nodes { organisation { code } jointCommissioningGroup } } }
            """, token: api.Token("government"));

        var responses = data.GetProperty("responses");
        responses.GetProperty("totalCount").GetInt32().ShouldBe(68);
        var codes = responses.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("organisation").GetProperty("code").GetString()!).ToList();
        codes.Count.ShouldBe(68);
        codes.ShouldBeUnique();
        codes.ShouldContain("E06000004");
        codes.ShouldContain("E06000016");
        responses.GetProperty("nodes").EnumerateArray().ShouldAllBe(n => n.GetProperty("jointCommissioningGroup").GetString() == "NO");
    }

    [Fact]
    public async Task Latest_keeps_one_response_per_organisation()
    {
        // E23000016, E23000028 and W15000002 answered twice; only their later responses (R0215, R0216, R0214) are latest.
        var data = await api.DataAsync("""
            { all: responses { totalCount } latest: responses(where: { latest: { eq: true } }) { totalCount }
              twice: responses(where: { organisation: { code: { in: ["E23000016", "E23000028", "W15000002"] } }, latest: { eq: true } }, order: [{ code: ASC }]) { nodes { code } } }
            """, token: api.OfficeToken);

        data.GetProperty("all").GetProperty("totalCount").GetInt32().ShouldBe(283);
        data.GetProperty("latest").GetProperty("totalCount").GetInt32().ShouldBe(280);
        data.GetProperty("twice").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ShouldBe(["R0214", "R0215", "R0216"]);
    }

    [Fact]
    public async Task Heads_of_service_in_community_safety_in_the_South_East()
    {
        var data = await api.DataAsync("""
            query HeadsOfCommunitySafetySouthEast { contacts(first: 100, where: { seniority: { eq: HEAD_OF_SERVICE }, departmentCategory: { eq: COMMUNITY_SAFETY }, region: { eq: "South East" } })
              { nodes { code } } }
            """, token: api.OfficeToken);

        data.GetProperty("contacts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).Order(StringComparer.Ordinal)
            .ShouldBe(["C00044", "C00045", "C00052", "C00054", "C00055", "C00056", "C00057", "C00058", "C00060", "C00061", "C00076"]);
    }

    [Fact]
    public async Task People_who_attend_MARACs()
    {
        var data = await api.DataAsync("""
            query MaracAttendees { contacts(first: 100, where: { role: { eq: COMMISSIONER }, response: { activities: { some: { eq: MARACS } } } })
              { totalCount nodes { code response { activities } } } }
            """, token: api.OfficeToken);

        var contacts = data.GetProperty("contacts");
        contacts.GetProperty("totalCount").GetInt32().ShouldBe(75);
        contacts.GetProperty("nodes").EnumerateArray().ShouldAllBe(n => n.GetProperty("response").GetProperty("activities").EnumerateArray().Any(a => a.GetString() == "MARACS"));
        contacts.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ShouldContain("C00024");
    }

    [Fact]
    public async Task None_and_all_on_a_set_of_answers_complement_some()
    {
        var data = await api.DataAsync("""
            { all: contacts(where: { response: { latest: { eq: true } } }) { totalCount }
              some: contacts(where: { response: { latest: { eq: true }, activities: { some: { eq: MARACS } } } }) { totalCount }
              none: contacts(where: { response: { latest: { eq: true }, activities: { none: { eq: MARACS } } } }) { totalCount }
              every: contacts(where: { response: { activities: { all: { eq: MARACS }, some: { eq: MARACS } } } }) { nodes { response { activities } } } }
            """, token: api.OfficeToken);

        var all = data.GetProperty("all").GetProperty("totalCount").GetInt32();
        all.ShouldBeGreaterThan(0);
        (data.GetProperty("some").GetProperty("totalCount").GetInt32() + data.GetProperty("none").GetProperty("totalCount").GetInt32()).ShouldBe(all);
        data.GetProperty("every").GetProperty("nodes").EnumerateArray()
            .ShouldAllBe(n => n.GetProperty("response").GetProperty("activities").EnumerateArray().All(a => a.GetString() == "MARACS"));
    }

    [Fact]
    public async Task Contacts_not_verified_for_two_years()
    {
        // Import: a named commissioner was verified when their response was submitted; everyone else never (null).
        var data = await api.DataAsync("""
            query NotVerifiedForTwoYears { contacts(where: { or: [{ lastVerifiedOn: { lt: "2020-04-01" } }, { lastVerifiedOn: { eq: null } }] }) { totalCount }
              never: contacts(where: { lastVerifiedOn: { eq: null } }) { totalCount }
              all: contacts { totalCount }
              hartlepool: contacts(where: { organisation: { code: { eq: "E06000001" } }, role: { eq: COMMISSIONER } }) { nodes { lastVerifiedOn } } }
            """, token: api.OfficeToken);

        data.GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBe(510);
        data.GetProperty("never").GetProperty("totalCount").GetInt32().ShouldBe(366);
        data.GetProperty("all").GetProperty("totalCount").GetInt32().ShouldBe(685);
        // R0001 (Hartlepool) was submitted on 2020-03-23.
        data.GetProperty("hartlepool").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("lastVerifiedOn").GetString()).ShouldAllBe(d => d == "2020-03-23");
    }

    [Fact]
    public async Task Related_lists_filter_with_some_none_and_all()
    {
        var data = await api.DataAsync("""
            { refuge: organisations(first: 100, where: { servicesCommissioned: { some: { serviceType: { code: { eq: "REFUGE" } } } } }) { totalCount nodes { servicesCommissioned { serviceType { code } } } }
              noRefuge: organisations(where: { servicesCommissioned: { none: { serviceType: { code: { eq: "REFUGE" } } } } }) { totalCount }
              all: organisations { totalCount }
              york: partnerships(where: { members: { some: { organisation: { code: { eq: "E06000033" } } } } }) { nodes { members { organisation { code } } } }
              commissioned: contracts(first: 100, where: { commissioners: { some: { code: { eq: "E23000013" } } } }) { nodes { leadCommissioner { code } coCommissioners { code } } }
              refugeContracts: contracts(first: 100, where: { serviceTypes: { some: { code: { eq: "REFUGE" } } } }) { totalCount nodes { serviceTypes { code } } } }
            """);

        var refuge = data.GetProperty("refuge");
        refuge.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
        refuge.GetProperty("nodes").EnumerateArray().ShouldAllBe(o => o.GetProperty("servicesCommissioned").EnumerateArray().Any(s => s.GetProperty("serviceType").GetProperty("code").GetString() == "REFUGE"));
        (refuge.GetProperty("totalCount").GetInt32() + data.GetProperty("noRefuge").GetProperty("totalCount").GetInt32()).ShouldBe(data.GetProperty("all").GetProperty("totalCount").GetInt32());
        var york = data.GetProperty("york").GetProperty("nodes").EnumerateArray().ToList();
        york.Count.ShouldBeGreaterThan(0);
        york.ShouldAllBe(p => p.GetProperty("members").EnumerateArray().Any(m => m.GetProperty("organisation").GetProperty("code").GetString() == "E06000033"));
        var commissioned = data.GetProperty("commissioned").GetProperty("nodes").EnumerateArray().ToList();
        commissioned.Count.ShouldBeGreaterThan(0);
        commissioned.ShouldAllBe(c => c.GetProperty("leadCommissioner").GetProperty("code").GetString() == "E23000013"
            || c.GetProperty("coCommissioners").EnumerateArray().Any(o => o.GetProperty("code").GetString() == "E23000013"));
        data.GetProperty("refugeContracts").GetProperty("nodes").EnumerateArray()
            .ShouldAllBe(c => c.GetProperty("serviceTypes").EnumerateArray().Any(s => s.GetProperty("code").GetString() == "REFUGE"));
    }

    [Fact]
    public async Task Commissioners_all_includes_the_lead()
    {
        // K0001: lead E06000001, co-commissioner E23000013. "all" must hold for the lead as well.
        var data = await api.DataAsync("""
            { leadOnly: contracts(where: { title: { startsWith: "Domestic Abuse Support Service - Hartlepool" }, commissioners: { all: { code: { eq: "E23000013" } } } }) { totalCount }
              both: contracts(where: { title: { startsWith: "Domestic Abuse Support Service - Hartlepool" }, commissioners: { all: { code: { in: ["E23000013", "E06000001"] } } } }) { totalCount }
              noneLead: contracts(where: { title: { startsWith: "Domestic Abuse Support Service - Hartlepool" }, commissioners: { none: { code: { eq: "E06000001" } } } }) { totalCount } }
            """);

        data.GetProperty("leadOnly").GetProperty("totalCount").GetInt32().ShouldBe(0);
        data.GetProperty("both").GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
        data.GetProperty("noneLead").GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Date_and_decimal_filters_match_the_fields_they_name()
    {
        var data = await api.DataAsync("""
            { late: contracts(first: 100, where: { latestPossibleEndDate: { gte: "2026-01-01" } }) { nodes { latestPossibleEndDate } }
              notLate: contracts(where: { latestPossibleEndDate: { ngte: "2026-01-01" } }) { totalCount }
              all: contracts { totalCount }
              dear: contracts(first: 100, where: { annualValueGbp: { gt: 1500000 } }) { nodes { annualValueGbp } }
              exact: contracts(where: { annualValueGbp: { in: [936000, 1434000] } }) { nodes { code } }
              started: contracts(first: 100, where: { startDate: { lt: "2018-01-01" }, endDate: { neq: null } }) { nodes { startDate } } }
            """);

        var late = data.GetProperty("late").GetProperty("nodes").EnumerateArray().ToList();
        late.Count.ShouldBeGreaterThan(0);
        late.ShouldAllBe(c => string.CompareOrdinal(c.GetProperty("latestPossibleEndDate").GetString(), "2026-01-01") >= 0);
        (late.Count + data.GetProperty("notLate").GetProperty("totalCount").GetInt32()).ShouldBe(data.GetProperty("all").GetProperty("totalCount").GetInt32());
        data.GetProperty("dear").GetProperty("nodes").EnumerateArray().ShouldAllBe(c => c.GetProperty("annualValueGbp").GetDecimal() > 1_500_000m);
        data.GetProperty("exact").GetProperty("nodes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ShouldContain("K0001");
        data.GetProperty("started").GetProperty("nodes").EnumerateArray().ShouldAllBe(c => string.CompareOrdinal(c.GetProperty("startDate").GetString(), "2018-01-01") < 0);
    }

    [Fact]
    public async Task An_anonymous_filter_on_a_contact_response_is_refused_and_anonymous_callers_see_no_responses()
    {
        var refused = await api.QueryAsync("""{ contacts(where: { response: { activities: { some: { eq: MARACS } } } }) { totalCount } }""");
        var responses = await api.DataAsync("""{ responses(where: { jointCommissioningGroup: { eq: NO } }) { totalCount } }""");

        refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("UNAUTHENTICATED");
        responses.GetProperty("responses").GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task New_list_fields_cost_the_same_number_of_sql_commands_for_10_and_100_rows()
    {
        const string Query = """
            query ($n: Int) { responses(first: $n) { nodes { code activities leadStatus organisation { name } contacts { code } } } }
            """;
        var headers = new Dictionary<string, string> { ["GraphQL-Diagnostics"] = "1" };
        await api.QueryAsync(Query, new { n = 1 }, headers, api.OfficeToken);

        var ten = await api.QueryAsync(Query, new { n = 10 }, headers, api.OfficeToken);
        var hundred = await api.QueryAsync(Query, new { n = 100 }, headers, api.OfficeToken);

        hundred.GetProperty("data").GetProperty("responses").GetProperty("nodes").GetArrayLength().ShouldBe(100);
        var tenCommands = ten.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32();
        hundred.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32().ShouldBe(tenCommands);
        tenCommands.ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public async Task Filters_on_new_fields_keep_the_input_limits()
    {
        var deep = """{ contracts(where: { commissioners: { some: { county: { county: { county: { county: { county: { county: { county: { county: { code: { eq: "x" } } } } } } } } } } } }) { totalCount } }""";
        var body = await api.QueryAsync(deep);

        body.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("MaxFilterDepth");
    }
}
