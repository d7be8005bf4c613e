using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Places;

/// <summary>
/// <c>Query.regions</c> and region arguments over the bundled sample. Police and crime commissioners carry their
/// force area's region since issue 16, so a region's report counts them; figures derived by a python script over
/// organisations.csv, responses.csv, contacts.csv and ccg_to_lad_2020.csv.
/// </summary>
public sealed class RegionsTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    // (region, councils completed/additional/not received/total, commissioners likewise) of the in-scope population.
    private static readonly (string Region, int[] Councils, int[] Commissioners)[] Coverage =
    [
        ("East Midlands", [26, 12, 6, 44], [5, 0, 0, 5]),
        ("East of England", [19, 16, 15, 50], [6, 0, 0, 6]),
        ("London", [24, 2, 6, 32], [1, 0, 1, 2]),
        ("North East", [8, 0, 4, 12], [3, 0, 0, 3]),
        ("North West", [25, 5, 10, 40], [4, 1, 0, 5]),
        ("South East", [29, 25, 16, 70], [3, 0, 2, 5]),
        ("South West", [16, 9, 7, 32], [5, 0, 0, 5]),
        ("Wales", [0, 0, 0, 0], [3, 1, 0, 4]),
        ("West Midlands", [18, 9, 6, 33], [3, 0, 1, 4]),
        ("Yorkshire and The Humber", [11, 8, 2, 21], [4, 0, 0, 4]),
    ];

    [Fact]
    public async Task Regions_count_councils_commissioners_and_the_CCGs_with_most_of_their_area_in_them()
    {
        var regions = (await api.DataAsync("{ regions { name councils policeAndCrimeCommissioners clinicalCommissioningGroups } }"))
            .GetProperty("regions").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString(), r.GetProperty("councils").GetInt32(),
                r.GetProperty("policeAndCrimeCommissioners").GetInt32(), r.GetProperty("clinicalCommissioningGroups").GetInt32()))
            .ToList();

        regions.ShouldBe(
        [
            ("East Midlands", 44, 5, 8),
            ("East of England", 50, 6, 15),
            ("London", 32, 2, 16),
            ("North East", 12, 3, 6),
            ("North West", 40, 5, 27),
            ("South East", 70, 5, 19),
            ("South West", 32, 5, 7),
            ("Wales", 0, 4, 0),
            ("West Midlands", 33, 4, 14),
            ("Yorkshire and The Humber", 21, 4, 15),
        ]);
        regions.Sum(r => r.Item4).ShouldBe(127); // every in-scope CCG has a majority region
        regions.Sum(r => r.Item3).ShouldBe(43);
    }

    [Fact]
    public async Task Every_regions_report_includes_its_police_and_crime_commissioners_in_one_request()
    {
        var aliases = Coverage.Select((c, i) => $"r{i}: mappingReport(region: \"{c.Region}\") {{ coverage {{ rows {{ organisationType completed additionalContact notReceived total }} }} }}");
        var data = await api.DataAsync("{ " + string.Join("\n", aliases) + " }");

        for (var i = 0; i < Coverage.Length; i++)
        {
            var rows = data.GetProperty($"r{i}").GetProperty("coverage").GetProperty("rows").EnumerateArray()
                .ToDictionary(r => r.GetProperty("organisationType").GetString()!, Figures);
            rows["LOCAL_AUTHORITY"].ShouldBe(Coverage[i].Councils, Coverage[i].Region);
            rows["PCC"].ShouldBe(Coverage[i].Commissioners, Coverage[i].Region);
        }
    }

    [Fact]
    public async Task A_region_is_named_ignoring_case()
    {
        var data = await api.DataAsync("""{ a: mappingReport(region: "east midlands") { coverage { rows { total } } } b: mappingReport(region: "East Midlands") { coverage { rows { total } } } }""");

        data.GetProperty("a").GetRawText().ShouldBe(data.GetProperty("b").GetRawText());
        data.GetProperty("a").GetProperty("coverage").GetProperty("rows")[1].GetProperty("total").GetInt32().ShouldBe(5);
    }

    private static int[] Figures(JsonElement row) =>
        [row.GetProperty("completed").GetInt32(), row.GetProperty("additionalContact").GetInt32(), row.GetProperty("notReceived").GetInt32(), row.GetProperty("total").GetInt32()];

    [Theory]
    [InlineData("East Midland")]
    [InlineData("Atlantis")]
    public async Task An_unknown_region_is_bad_user_input_not_a_report_of_zeros(string region)
    {
        var body = await api.QueryAsync("query ($region: String) { mappingReport(region: $region) { coverage { rows { total } } } }", new { region });

        var error = body.GetProperty("errors")[0];
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        error.GetProperty("extensions").GetProperty("suggestions").GetArrayLength().ShouldBeGreaterThan(0);
        body.GetProperty("data").GetProperty("mappingReport").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
