using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Organisations;

/// <summary>
/// The health geography of issue 16 (section 5) over the bundled sample: ICBs loaded outside the survey population,
/// CCG → ICB and NHS region, successor chains, the CCGs covering a council and the councils a CCG covered.
/// Expected values read off the reference lists (ccg_to_icb_2022, ccg_nhs_region_2020, ccg_to_lad_2020).
/// </summary>
public sealed class HealthGeographyTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static List<string?> Codes(JsonElement list) => [.. list.EnumerateArray().Select(e => e.GetProperty("code").GetString())];

    [Fact]
    public async Task The_42_ICBs_are_organisations_outside_the_survey_population_and_leave_the_report_unchanged()
    {
        var data = await api.DataAsync("""
            { icbs: organisations(where: { type: { eq: ICB } }) { totalCount }
              inScope: organisations(where: { type: { eq: ICB }, inScope: { eq: true } }) { totalCount }
              mappingReport { coverage { rows { organisationType total } } } }
            """);

        data.GetProperty("icbs").GetProperty("totalCount").GetInt32().ShouldBe(42);
        data.GetProperty("inScope").GetProperty("totalCount").GetInt32().ShouldBe(0);
        data.GetProperty("mappingReport").GetProperty("coverage").GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("organisationType").GetString(), r.GetProperty("total").GetInt32()))
            .ShouldBe([("LOCAL_AUTHORITY", 334), ("PCC", 43), ("CCG", 127)]);
    }

    [Fact]
    public async Task A_CCG_merged_in_2020_succeeds_to_its_2020_CCG_then_to_that_CCGs_ICB()
    {
        var data = await api.DataAsync("""
            { brent: organisation(code: "E38000020") {
                successor { code } successors { code type } integratedCareBoard { code type } nhsRegion councilsCovered { code }
              }
              basildon: organisation(code: "E38000007") { successor { code } successors { code } integratedCareBoard { code } nhsRegion } }
            """);

        var brent = data.GetProperty("brent");
        brent.GetProperty("successor").GetProperty("code").GetString().ShouldBe("E38000052");
        brent.GetProperty("successors").EnumerateArray().Select(s => (s.GetProperty("code").GetString(), s.GetProperty("type").GetString()))
            .ShouldBe([("E38000052", "CCG"), ("E54000051", "ICB")]);
        brent.GetProperty("integratedCareBoard").GetProperty("code").GetString().ShouldBe("E54000027");
        brent.GetProperty("nhsRegion").GetString().ShouldBe("London");
        Codes(brent.GetProperty("councilsCovered")).ShouldBe(["E09000005"]);

        // Not merged: its successor is the ICB that took its area over.
        var basildon = data.GetProperty("basildon");
        basildon.GetProperty("successor").GetProperty("code").GetString().ShouldBe("E54000026");
        Codes(basildon.GetProperty("successors")).ShouldBe(["E54000026"]);
        basildon.GetProperty("integratedCareBoard").GetProperty("code").GetString().ShouldBe("E54000026");
        basildon.GetProperty("nhsRegion").GetString().ShouldBe("East of England");
    }

    [Fact]
    public async Task The_CCG_has_gone_who_is_at_the_ICB_now_is_one_query()
    {
        var data = await api.DataAsync("""
            { organisation(code: "E07000170") { healthCommissioners { code integratedCareBoard { code name } } }
              county: organisation(code: "E10000024") { healthCommissioners { code } }
              council: organisation(code: "E06000018") { integratedCareBoard { code } nhsRegion successors { code } } }
            """);

        var ccgs = data.GetProperty("organisation").GetProperty("healthCommissioners");
        Codes(ccgs).ShouldBe(["E38000243"]);
        ccgs[0].GetProperty("integratedCareBoard").GetProperty("code").GetString().ShouldBe("E54000060");
        Codes(data.GetProperty("county").GetProperty("healthCommissioners")).ShouldBe(["E38000008", "E38000243"]);
        data.GetProperty("council").GetProperty("integratedCareBoard").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("council").GetProperty("nhsRegion").ValueKind.ShouldBe(JsonValueKind.Null);
        data.GetProperty("council").GetProperty("successors").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Health_fields_cost_the_same_number_of_sql_commands_for_10_and_100_organisations()
    {
        const string Query = """
            query ($n: Int) { organisations(first: $n, where: { type: { in: [CCG, LOCAL_AUTHORITY] } }) { nodes {
              code nhsRegion integratedCareBoard { name } successors { code } healthCommissioners { code } councilsCovered { code }
            } } }
            """;
        var headers = new Dictionary<string, string> { ["GraphQL-Diagnostics"] = "1" };
        await api.QueryAsync(Query, new { n = 1 }, headers);

        var ten = await api.QueryAsync(Query, new { n = 10 }, headers);
        var hundred = await api.QueryAsync(Query, new { n = 100 }, headers);

        hundred.GetProperty("data").GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(100);
        static int Commands(JsonElement body) => body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32();
        Commands(hundred).ShouldBe(Commands(ten));
    }
}
