using System.Globalization;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Partnerships;

/// <summary>
/// <c>Query.contracts</c> and <c>Query.partnerships</c> with a filter and a sort, checked against the sample's CSV
/// files (the rows the service imported), and the columns their pages read: only what the selection needs, with the
/// lead organisation joined into the page's command (PartnershipResolvers: ResolveFrom/ResolveReference).
/// </summary>
public sealed class PartnershipQueryTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static readonly Dictionary<string, string> Diagnostics = new() { ["GraphQL-Diagnostics"] = "1" };

    private static string Sample(string file) => Path.Combine(ApiProcess.ApplicationFolder, "data", "stadv-2020", file);

    [Fact]
    public async Task Contracts_filtered_by_the_lead_commissioners_region_and_value_come_in_the_order_asked()
    {
        var regions = Csv("organisations.csv").ToDictionary(o => o["code"], o => o["region"], StringComparer.Ordinal);
        var expected = Csv("contracts.csv")
            .Where(c => regions.GetValueOrDefault(c["lead_commissioner_code"]) == "North West"
                && c["annual_value_gbp"].Length > 0 && decimal.Parse(c["annual_value_gbp"], CultureInfo.InvariantCulture) >= 200000m)
            .OrderByDescending(c => decimal.Parse(c["annual_value_gbp"], CultureInfo.InvariantCulture))
            .ThenBy(c => c["contract_id"], StringComparer.Ordinal)
            .Select(c => c["contract_id"])
            .ToList();
        expected.Count.ShouldBeGreaterThan(2);

        var data = await api.DataAsync("""
            { contracts(first: 100, where: { leadCommissioner: { region: { eq: "North West" } }, annualValueGbp: { gte: 200000 } },
                        order: [{ annualValueGbp: DESC }, { code: ASC }]) {
                nodes { code annualValueGbp leadCommissioner { region } }
            } }
            """, token: api.OfficeToken);

        var nodes = data.GetProperty("contracts").GetProperty("nodes").EnumerateArray().ToList();
        nodes.Select(n => n.GetProperty("code").GetString()).ShouldBe(expected);
        nodes.ShouldAllBe(n => n.GetProperty("leadCommissioner").GetProperty("region").GetString() == "North West");
    }

    [Fact]
    public async Task Partnerships_filtered_by_kind_and_member_come_in_the_order_asked()
    {
        const string member = "E23000005";
        var withMember = Csv("partnership_members.csv").Where(m => m["org_code"] == member).Select(m => m["partnership_id"]).ToHashSet(StringComparer.Ordinal);
        var expected = Csv("partnerships.csv")
            .Where(p => p["kind"] == "LOCAL_PARTNERSHIP_BOARD" && withMember.Contains(p["partnership_id"]))
            .OrderByDescending(p => p["name"], StringComparer.Ordinal)
            .ThenBy(p => p["partnership_id"], StringComparer.Ordinal)
            .Select(p => p["partnership_id"])
            .ToList();
        expected.Count.ShouldBeGreaterThan(2);

        var data = await api.DataAsync($$"""
            { partnerships(first: 100, where: { kind: { eq: LOCAL_PARTNERSHIP_BOARD }, members: { some: { organisation: { code: { eq: "{{member}}" } } } } },
                           order: [{ name: DESC }]) {
                nodes { code name lead { code } }
            } }
            """, token: api.OfficeToken);

        data.GetProperty("partnerships").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ShouldBe(expected);
    }

    [Fact]
    public async Task A_contracts_page_reads_only_the_selected_columns_and_joins_its_references()
    {
        var body = await api.QueryAsync("""
            { contracts(first: 25, where: { isJoint: { eq: true } }, order: [{ startDate: DESC }]) {
                nodes { code title startDate provider { name } leadCommissioner { name } }
            } }
            """, headers: Diagnostics, token: api.OfficeToken);

        body.TryGetProperty("errors", out _).ShouldBeFalse();
        var diagnostics = body.GetProperty("extensions").GetProperty("diagnostics");
        // The page and both organisations in one command, where loading them whole took three.
        diagnostics.GetProperty("sqlCommands").GetInt32().ShouldBe(1);
        var page = diagnostics.GetProperty("sql").EnumerateArray().Select(s => s.GetString()!).Single();
        var selected = page[..page.IndexOf("\nFROM", StringComparison.Ordinal)];
        selected.ShouldNotContain("annual_value");
        selected.ShouldNotContain("extension_pattern");
        selected.ShouldNotContain("refuge_units");
        selected.ShouldNotContain("postal_address");
    }

    [Fact]
    public async Task A_partnerships_page_joins_its_lead()
    {
        var body = await api.QueryAsync("""
            { partnerships(first: 25, order: [{ establishedOn: ASC }]) { nodes { code name lead { code name } } } }
            """, headers: Diagnostics, token: api.OfficeToken);

        body.TryGetProperty("errors", out _).ShouldBeFalse();
        body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32().ShouldBe(1);
        body.GetProperty("data").GetProperty("partnerships").GetProperty("nodes").EnumerateArray()
            .ShouldAllBe(n => n.GetProperty("lead").GetProperty("name").GetString()!.Length > 0);
    }

    // The sample read as the import reads it (CsvHelper): one dictionary per row, by column name.
    private static List<Dictionary<string, string>> Csv(string file)
    {
        using var reader = new StreamReader(Sample(file));
        using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? "", StringComparer.Ordinal));
        }
        return rows;
    }
}
