using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Funding;

/// <summary>
/// Funding (issue 16 §4) on the sample: data/funding/funding_awards.csv, loaded on first start. Every expected figure
/// below was derived from the CSV files with a separate Python script (csv + Decimal, joining recipient_code to
/// stadv-2020/organisations.csv), not by running the service's SQL.
/// </summary>
public sealed class FundingTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    internal const string Part4ByRegionQuery = """
        query Part4FundingByRegion {
          fundingSummary(where: { programme: { eq: PART4_SAFE_ACCOMMODATION_DUTY }, financialYear: { eq: "2021-22" } }, groupBy: REGION) {
            key label awards amountGbp
          }
        }
        """;

    internal static readonly (string Region, int Awards, decimal Amount)[] Part4ByRegion =
    [
        ("East Midlands", 9, 12483491m),
        ("East of England", 11, 14947800m),
        ("London", 33, 24439400m),
        ("North East", 12, 7789100m),
        ("North West", 23, 19934600m),
        ("South East", 19, 23762000m),
        ("South West", 15, 15057200m),
        ("West Midlands", 14, 15039400m),
        ("Yorkshire and The Humber", 15, 14389600m),
    ];

    internal static void ShouldBePart4ByRegion(JsonElement rows) =>
        rows.EnumerateArray().Select(r => (r.GetProperty("key").GetString()!, r.GetProperty("awards").GetInt32(), r.GetProperty("amountGbp").GetDecimal()))
            .ShouldBe(Part4ByRegion);

    [Fact]
    public async Task Part_4_funding_by_region_for_2021_22_is_the_sum_of_the_csv_rows()
    {
        var rows = (await api.DataAsync(Part4ByRegionQuery)).GetProperty("fundingSummary");

        ShouldBePart4ByRegion(rows);
        rows.EnumerateArray().ShouldAllBe(r => r.GetProperty("label").GetString() == r.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Every_grouping_has_the_keys_the_issue_names()
    {
        var data = await api.DataAsync("""
            {
              programme: fundingSummary(groupBy: PROGRAMME) { key label awards amountGbp }
              year: fundingSummary(groupBy: FINANCIAL_YEAR) { key awards amountGbp }
              county: fundingSummary(where: { financialYear: { eq: "2021-22" } }, groupBy: COUNTY) { key label awards amountGbp }
              recipient: fundingSummary(where: { recipient: { code: { eq: "E10000012" } } }, groupBy: RECIPIENT) { key label awards amountGbp }
            }
            """);

        Rows(data.GetProperty("programme")).ShouldBe(
        [
            ("PART4_SAFE_ACCOMMODATION_DUTY", 154, 156212591m),
            ("PART4_TIER2_CAPACITY", 188, 5828000m),
            ("PCC_VICTIM_SERVICES", 39, 74785100m),
            ("PUBLIC_HEALTH_GRANT", 9, 14796000m),
        ]);
        data.GetProperty("programme")[0].GetProperty("label").GetString().ShouldBe("Part 4 safe accommodation duty");
        Rows(data.GetProperty("year")).ShouldBe(
        [
            ("2016-17", 1, 1644000m), ("2017-18", 1, 1644000m), ("2018-19", 1, 1644000m), ("2019-20", 1, 1644000m),
            ("2020-21", 1, 1644000m), ("2021-22", 379, 230099691m), ("2022-23", 2, 4434000m), ("2023-24", 2, 4434000m),
            ("2024-25", 2, 4434000m),
        ]);

        // Nottinghamshire's own figures: £1,540,091 to the county and £31,000 to each of its seven districts.
        var nottinghamshire = data.GetProperty("county").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "E10000024");
        (nottinghamshire.GetProperty("awards").GetInt32(), nottinghamshire.GetProperty("amountGbp").GetDecimal()).ShouldBe((8, 1757091m));
        nottinghamshire.GetProperty("label").GetString().ShouldBe("Nottinghamshire County Council");
        data.GetProperty("county").EnumerateArray().ShouldNotContain(r => r.GetProperty("key").GetString() == "E07000170", "a district counts in its county's row");

        Rows(data.GetProperty("recipient")).ShouldBe([("E10000012", 13, 1644000m * 9 + 2790000m * 4)]);
        data.GetProperty("recipient")[0].GetProperty("label").GetString().ShouldBe("Essex County Council");
    }

    [Fact]
    public async Task Awards_filter_on_exact_decimal_amounts_sort_and_page()
    {
        var data = await api.DataAsync("""
            {
              fundingAwards(where: { amountGbp: { gt: 2000000, lte: 2790000, ngt: 2790000 } }, order: [{ amountGbp: DESC }], first: 4) {
                totalCount nodes { code amountGbp } pageInfo { hasNextPage }
              }
              above: fundingAwards(where: { amountGbp: { nlte: 2790000, ngt: 9999999 } }) { totalCount }
              none: fundingAwards(where: { amountGbp: { eq: 2790000.01 } }) { totalCount }
              listed: fundingAwards(where: { amountGbp: { in: [31000, 1540091] } }) { totalCount }
            }
            """);

        var awards = data.GetProperty("fundingAwards");
        awards.GetProperty("totalCount").GetInt32().ShouldBe(23);
        awards.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("code").GetString(), n.GetProperty("amountGbp").GetDecimal()))
            .ShouldBe([("F0132", 2790000m), ("F0349", 2790000m), ("F0350", 2790000m), ("F0351", 2790000m)]);
        awards.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
        data.GetProperty("above").GetProperty("totalCount").GetInt32().ShouldBe(5);
        data.GetProperty("none").GetProperty("totalCount").GetInt32().ShouldBe(0);
        data.GetProperty("listed").GetProperty("totalCount").GetInt32().ShouldBe(189);
    }

    [Fact]
    public async Task An_award_shows_its_source_recipient_and_node_id()
    {
        var data = await api.DataAsync("""
            { fundingAwards(where: { code: { in: ["F0143", "F0001"] } }) { nodes { id code programme funder financialYear amountGbp purpose source recipient { code } } } }
            """);

        var nodes = data.GetProperty("fundingAwards").GetProperty("nodes");
        nodes.GetArrayLength().ShouldBe(2);
        nodes[0].GetProperty("source").GetString().ShouldBe("synthetic");
        nodes[0].GetProperty("recipient").GetProperty("code").GetString().ShouldBe("E06000001");
        nodes[0].GetProperty("funder").GetString().ShouldBe("Ministry of Housing, Communities and Local Government");
        var nottinghamshire = nodes[1];
        (nottinghamshire.GetProperty("source").GetString(), nottinghamshire.GetProperty("amountGbp").GetDecimal(), nottinghamshire.GetProperty("programme").GetString())
            .ShouldBe(("seed", 1540091m, "PART4_SAFE_ACCOMMODATION_DUTY"));

        var node = await api.DataAsync("query ($id: ID!) { node(id: $id) { ... on FundingAward { code financialYear } } }",
            new { id = nottinghamshire.GetProperty("id").GetString() });
        node.GetProperty("node").GetProperty("code").GetString().ShouldBe("F0143");
    }

    [Fact]
    public async Task Organisation_funding_filters_by_year_and_costs_the_same_for_any_page_size()
    {
        var essex = await api.DataAsync("""
            { organisation(code: "E10000012") { all: funding { code financialYear } year: funding(financialYear: "2022-23") { code programme } } }
            """);
        var organisation = essex.GetProperty("organisation");
        organisation.GetProperty("all").GetArrayLength().ShouldBe(13);
        organisation.GetProperty("all")[0].GetProperty("financialYear").GetString().ShouldBe("2016-17");
        organisation.GetProperty("year").EnumerateArray().Select(a => a.GetProperty("code").GetString()).ShouldBe(["F0346", "F0349"]);

        const string Query = """
            query ($first: Int!) { organisations(first: $first, where: { type: { eq: LOCAL_AUTHORITY } }) {
              nodes { code funding { code amountGbp recipient { name } } y: funding(financialYear: "2021-22") { code } } } }
            """;
        var headers = new Dictionary<string, string> { ["GraphQL-Diagnostics"] = "1" };
        await api.QueryAsync(Query, new { first = 2 }, headers); // warm-up
        async Task<(int Awards, int Commands)> CostAsync(int first)
        {
            var body = await api.QueryAsync(Query, new { first }, headers);
            return (body.GetProperty("data").GetProperty("organisations").GetProperty("nodes").EnumerateArray().Sum(n => n.GetProperty("funding").GetArrayLength()),
                body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32());
        }

        var small = await CostAsync(5);
        var large = await CostAsync(100);
        large.Awards.ShouldBeGreaterThan(small.Awards * 10);
        large.Commands.ShouldBe(small.Commands);
    }

    [Fact]
    public async Task Funding_is_public_to_every_role_and_to_anonymous_callers()
    {
        const string Query = """
            { fundingAwards(first: 1) { totalCount } fundingSummary(groupBy: PROGRAMME) { awards } organisation(code: "E10000024") { funding { code } } }
            """;
        string?[] tokens =
        [
            null, api.OfficeToken, api.Token(Roles.Government), api.Token(Roles.VoluntarySector), api.Token(Roles.Partner, "E06000018"),
        ];
        foreach (var token in tokens)
        {
            var data = await api.DataAsync(Query, token: token);
            data.GetProperty("fundingAwards").GetProperty("totalCount").GetInt32().ShouldBe(390);
            data.GetProperty("fundingSummary").EnumerateArray().Sum(r => r.GetProperty("awards").GetInt32()).ShouldBe(390);
            data.GetProperty("organisation").GetProperty("funding").GetArrayLength().ShouldBe(1);
        }
    }

    [Fact]
    public async Task Bad_funding_arguments_are_bad_user_input()
    {
        var badGrouping = await api.QueryAsync("{ fundingSummary(groupBy: DISTRICT) { key } }");
        badGrouping.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("DISTRICT");

        var badAmount = await api.QueryAsync("""{ fundingAwards(where: { amountGbp: { gt: "lots" } }) { totalCount } }""");
        badAmount.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("Decimal");
    }

    private static List<(string Key, int Awards, decimal Amount)> Rows(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(r => (r.GetProperty("key").GetString()!, r.GetProperty("awards").GetInt32(), r.GetProperty("amountGbp").GetDecimal()))];
}

/// <summary>The funding answers on PostgreSQL are those on SQLite (the same sums, exact).</summary>
public sealed class PostgresFundingTests(PostgresDirectoryApiFactory api) : IClassFixture<PostgresDirectoryApiFactory>
{
    [SkippableFact]
    public async Task Part_4_funding_by_region_for_2021_22_on_PostgreSQL()
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();

        FundingTests.ShouldBePart4ByRegion((await api.DataAsync(FundingTests.Part4ByRegionQuery)).GetProperty("fundingSummary"));
        var awards = await api.DataAsync("""{ fundingAwards(where: { amountGbp: { gte: 2790000, lte: 2790000 } }, order: [{ code: ASC }]) { nodes { code } } }""");
        awards.GetProperty("fundingAwards").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString())
            .ShouldBe(["F0132", "F0349", "F0350", "F0351"]);
    }
}
