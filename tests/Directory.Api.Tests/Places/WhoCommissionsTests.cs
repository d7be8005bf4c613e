using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Places;

/// <summary>
/// Issue 16's "who commissions this service for this place" over the bundled sample, through the real service. The
/// expected rows were derived independently by a python script over the CSV files (organisations, responses,
/// services, contracts, ccg_to_lad_2020, ccg_to_icb_2022) following the definitions; the sample's contracts
/// end by 2025, so the tests ask as of 2021-06-01.
/// </summary>
public sealed class WhoCommissionsTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string Rows = """
        query ($place: String!, $serviceType: String) {
          whoCommissions(place: $place, serviceType: $serviceType, asOf: "2021-06-01") {
            organisation { code name } relation services { serviceType { code } } contracts { code } contacts { fullName } centralEmail
          }
        }
        """;

    /// <summary>Each row as "code RELATION services contracts", the contracts' codes comma-separated.</summary>
    private static List<string> Summary(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(r => string.Join(' ', new[]
        {
            r.GetProperty("organisation").GetProperty("code").GetString(),
            r.GetProperty("relation").GetString(),
            r.GetProperty("services").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join(',', r.GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("code").GetString())),
        }).TrimEnd())];

    /// <summary>The rows for the place, asked by the office unless another token (or <see cref="Anonymous"/>) is given.</summary>
    private async Task<JsonElement> WhoCommissionsAsync(string place, string? serviceType = "REFUGE", string? token = null) =>
        (await api.DataAsync(Rows, new { place, serviceType }, token == Anonymous ? null : token ?? api.OfficeToken)).GetProperty("whoCommissions");

    private const string Anonymous = "anonymous";

    [Fact]
    public async Task Who_commissions_refuge_for_Ashfield()
    {
        var rows = await WhoCommissionsAsync("Ashfield");

        // The district commissions refuge jointly; its county commissions it and leads the live contract K0271; the
        // commissioner of Nottinghamshire's force area, the CCG covering Ashfield and its ICB commission none.
        Summary(rows).ShouldBe(
        [
            "E07000170 THE_PLACE 1",
            "E10000024 COUNTY 1 K0271",
            "E23000019 POLICE_AND_CRIME_COMMISSIONER 0",
            "E38000243 HEALTH 0",
            "E54000060 INTEGRATED_CARE_BOARD 0",
        ]);
        rows[0].GetProperty("services")[0].GetProperty("serviceType").GetProperty("code").GetString().ShouldBe("REFUGE");
        rows[0].GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("fullName").GetString()).ShouldBe(["Amir Taylor"]);
        rows[1].GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("fullName").GetString()).ShouldBe(["Neil Hughes"]);
        rows[2].GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("fullName").GetString()).ShouldBe(["Stephen Ahmed"]);
        rows[0].GetProperty("centralEmail").GetString().ShouldBe("enquiries@ashfield.council.example");
    }

    [Fact]
    public async Task Who_commissions_refuge_for_Nottingham()
    {
        var rows = await WhoCommissionsAsync("Nottingham");

        // A unitary council: no county or districts, and nobody here commissions refuge; every row still appears.
        Summary(rows).ShouldBe(
        [
            "E06000018 THE_PLACE 0",
            "E23000019 POLICE_AND_CRIME_COMMISSIONER 0",
            "E38000243 HEALTH 0",
            "E54000060 INTEGRATED_CARE_BOARD 0",
        ]);
    }

    [Fact]
    public async Task Who_commissions_refuge_in_the_East_Midlands()
    {
        var rows = await WhoCommissionsAsync("East Midlands");

        // Every council (Melton, outside the survey population, included) and the five commissioners of the region;
        // those commissioning refuge (by the survey or a live contract) first, then by relation and name.
        Summary(rows).ShouldBe(
        [
            "E23000022 POLICE_AND_CRIME_COMMISSIONER 1",
            "E07000170 IN_AREA 1",
            "E07000151 IN_AREA 1",
            "E06000015 IN_AREA 1",
            "E10000007 IN_AREA 1",
            "E10000018 IN_AREA 1",
            "E10000019 IN_AREA 1 K0264",
            "E07000175 IN_AREA 1",
            "E07000139 IN_AREA 1",
            "E10000021 IN_AREA 1",
            "E10000024 IN_AREA 1 K0271",
            "E07000135 IN_AREA 1",
            "E06000017 IN_AREA 0 K0032",
            "E23000018 POLICE_AND_CRIME_COMMISSIONER 0",
            "E23000021 POLICE_AND_CRIME_COMMISSIONER 0",
            "E23000020 POLICE_AND_CRIME_COMMISSIONER 0",
            "E23000019 POLICE_AND_CRIME_COMMISSIONER 0",
            "E07000032 IN_AREA 0",
            "E07000171 IN_AREA 0",
            "E07000129 IN_AREA 0",
            "E07000033 IN_AREA 0",
            "E07000136 IN_AREA 0",
            "E07000172 IN_AREA 0",
            "E07000130 IN_AREA 0",
            "E07000034 IN_AREA 0",
            "E07000138 IN_AREA 0",
            "E07000150 IN_AREA 0",
            "E07000035 IN_AREA 0",
            "E07000137 IN_AREA 0",
            "E07000152 IN_AREA 0",
            "E07000036 IN_AREA 0",
            "E07000173 IN_AREA 0",
            "E07000131 IN_AREA 0",
            "E07000037 IN_AREA 0",
            "E07000132 IN_AREA 0",
            "E07000153 IN_AREA 0",
            "E06000016 IN_AREA 0",
            "E07000174 IN_AREA 0",
            "E07000133 IN_AREA 0",
            "E07000038 IN_AREA 0",
            "E07000134 IN_AREA 0",
            "E07000154 IN_AREA 0",
            "E06000018 IN_AREA 0",
            "E07000176 IN_AREA 0",
            "E07000039 IN_AREA 0",
            "E07000140 IN_AREA 0",
            "E07000141 IN_AREA 0",
            "E07000155 IN_AREA 0",
            "E07000156 IN_AREA 0",
            "E07000142 IN_AREA 0"
        ]);
    }

    [Theory]
    [InlineData("nottinghamshire", "E10000024")]
    [InlineData("E10000024", "E10000024")]
    [InlineData("e10000024", "E10000024")]
    [InlineData("Nottinghamshire County Council", "E10000024")]
    [InlineData("Kingston upon Hull", "E06000010")]
    [InlineData("Hull City Council", "E06000010")]
    [InlineData("Hammersmith & Fulham", "E09000013")]
    [InlineData("London Borough of Hammersmith and Fulham", "E09000013")]
    [InlineData("Isles of Scilly", "E06000053")]
    [InlineData("City of London", "E09000001")]
    [InlineData("St. Albans", "E07000240")]
    public async Task A_council_is_matched_by_code_name_or_short_name(string place, string code)
    {
        var rows = await WhoCommissionsAsync(place, serviceType: null);

        var thePlace = rows.EnumerateArray().Single(r => r.GetProperty("relation").GetString() == "THE_PLACE");
        thePlace.GetProperty("organisation").GetProperty("code").GetString().ShouldBe(code);
    }

    [Theory]
    [InlineData("Nottinghamshire police force area")]
    [InlineData("Office of the Police and Crime Commissioner for Nottinghamshire")]
    [InlineData("E23000019")]
    public async Task A_police_force_area_gives_its_commissioner_and_every_council_in_it(string place)
    {
        var rows = await WhoCommissionsAsync(place, serviceType: null);

        var byRelation = rows.EnumerateArray().ToLookup(r => r.GetProperty("relation").GetString(), r => r.GetProperty("organisation").GetProperty("code").GetString());
        byRelation["POLICE_AND_CRIME_COMMISSIONER"].ShouldBe(["E23000019"]);
        byRelation["IN_AREA"].Order(StringComparer.Ordinal).ShouldBe(
            ["E06000018", "E07000170", "E07000171", "E07000172", "E07000173", "E07000174", "E07000175", "E07000176", "E10000024"]);
        byRelation.Select(g => g.Key).Order(StringComparer.Ordinal).ShouldBe(["IN_AREA", "POLICE_AND_CRIME_COMMISSIONER"]);
    }

    [Fact]
    public async Task A_county_lists_its_districts_and_the_CCGs_covering_any_of_them()
    {
        var rows = await WhoCommissionsAsync("Nottinghamshire", serviceType: null);

        var byRelation = rows.EnumerateArray().ToLookup(r => r.GetProperty("relation").GetString(), r => r.GetProperty("organisation").GetProperty("code").GetString());
        byRelation["THE_PLACE"].ShouldBe(["E10000024"]); // the council wins over the force area of the same name
        byRelation["DISTRICT"].Order(StringComparer.Ordinal).ShouldBe(["E07000170", "E07000171", "E07000172", "E07000173", "E07000174", "E07000175", "E07000176"]);
        byRelation["HEALTH"].Order(StringComparer.Ordinal).ShouldBe(["E38000008", "E38000243"]);
        byRelation["INTEGRATED_CARE_BOARD"].ShouldBe(["E54000060"]);
        byRelation["COUNTY"].ShouldBeEmpty();
    }

    [Fact]
    public async Task A_place_covered_by_a_CCG_merged_in_2020_gets_the_CCG_it_merged_into()
    {
        // Brent CCG (E38000020) merged into E38000052 in the sample; Brent's ICB is North West London's.
        var rows = await WhoCommissionsAsync("Brent", serviceType: null);

        var byRelation = rows.EnumerateArray().ToLookup(r => r.GetProperty("relation").GetString(), r => r.GetProperty("organisation").GetProperty("code").GetString());
        byRelation["HEALTH"].ShouldBe(["E38000052"]);
        byRelation["INTEGRATED_CARE_BOARD"].ShouldBe(["E54000027"]);
    }

    [Fact]
    public async Task Unknown_place_is_bad_user_input_with_the_closest_matches()
    {
        var body = await api.QueryAsync(Rows, new { place = "Ashfeld", serviceType = "REFUGE" });

        var error = body.GetProperty("errors")[0];
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        error.GetProperty("message").GetString()!.ShouldContain("Ashfeld");
        var suggestions = error.GetProperty("extensions").GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()).ToList();
        suggestions[0].ShouldBe("Ashfield");
        suggestions.Count.ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public async Task Unknown_service_type_and_unknown_survey_are_bad_user_input()
    {
        var serviceType = await api.QueryAsync(Rows, new { place = "Ashfield", serviceType = "REFUGES" });
        serviceType.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        serviceType.GetProperty("errors")[0].GetProperty("extensions").GetProperty("suggestions").EnumerateArray()
            .Select(s => s.GetString()).ShouldContain("REFUGE");

        var survey = await api.QueryAsync("""{ whoCommissions(place: "Ashfield", survey: "STADV-1999") { relation } }""");
        survey.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
    }

    [Fact]
    public async Task Contacts_are_those_the_caller_may_see_and_rows_stay_without_them()
    {
        var anonymous = await WhoCommissionsAsync("Ashfield", token: Anonymous);
        var government = await WhoCommissionsAsync("Ashfield", token: api.Token(Roles.Government));

        Summary(anonymous).ShouldBe(Summary(await WhoCommissionsAsync("Ashfield")));
        anonymous.EnumerateArray().ShouldAllBe(r => r.GetProperty("contacts").GetArrayLength() == 0);
        var seenByGovernment = government.EnumerateArray().Sum(r => r.GetProperty("contacts").GetArrayLength());
        var seenByOffice = (await WhoCommissionsAsync("Ashfield")).EnumerateArray().Sum(r => r.GetProperty("contacts").GetArrayLength());
        seenByGovernment.ShouldBeLessThanOrEqualTo(seenByOffice);
        seenByOffice.ShouldBe(3);
    }

    [Fact]
    public async Task The_number_of_sql_commands_does_not_grow_with_the_number_of_rows()
    {
        const string Query = """
            query ($place: String!) { whoCommissions(place: $place, asOf: "2021-06-01") {
              relation organisation { name county { name } successors { code } }
              services { commissioning serviceType { code } } contracts { code provider { name } } contacts { fullName }
            } }
            """;
        var headers = new Dictionary<string, string> { ["GraphQL-Diagnostics"] = "1" };
        await api.QueryAsync(Query, new { place = "Nottingham" }, headers, api.OfficeToken); // warm-up
        async Task<(int Rows, int Commands)> CostAsync(string place)
        {
            var body = await api.QueryAsync(Query, new { place }, headers, api.OfficeToken);
            return (body.GetProperty("data").GetProperty("whoCommissions").GetArrayLength(),
                body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32());
        }

        // Rows of each kind of place come from a fixed number of queries, and every nested list is a loader.
        var district = await CostAsync("Ashfield");
        var county = await CostAsync("Nottinghamshire");
        var smallRegion = await CostAsync("East Midlands");
        var largeRegion = await CostAsync("South East");

        (district.Rows, county.Rows).ShouldBe((5, 12));
        (smallRegion.Rows, largeRegion.Rows).ShouldBe((50, 75));
        county.Commands.ShouldBe(district.Commands);
        largeRegion.Commands.ShouldBe(smallRegion.Commands);
    }
}

/// <summary>A place two councils share a name with is ambiguous; its own database, since the test adds a council.</summary>
public sealed class AmbiguousPlaceTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    [Fact]
    public async Task A_tie_within_one_level_is_bad_user_input_listing_the_tied_places()
    {
        var created = await api.DataAsync("""
            mutation { createOrganisation(input: { code: "X-ASHFIELD", name: "Ashfield Borough Council", type: LOCAL_AUTHORITY, tier: UNITARY }) {
              errors { message } } }
            """, token: api.OfficeToken);
        created.GetProperty("createOrganisation").GetProperty("errors").GetArrayLength().ShouldBe(0);

        var body = await api.QueryAsync("""{ whoCommissions(place: "Ashfield") { relation } }""");

        var error = body.GetProperty("errors")[0];
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");
        error.GetProperty("message").GetString()!.ShouldContain("ambiguous");
        error.GetProperty("extensions").GetProperty("suggestions").EnumerateArray().Select(s => s.GetString())
            .ShouldBe(["Ashfield Borough Council", "Ashfield District Council"]);

        // A code is never ambiguous.
        var byCode = await api.DataAsync("""{ whoCommissions(place: "E07000170") { relation organisation { code } } }""");
        byCode.GetProperty("whoCommissions")[0].GetProperty("organisation").GetProperty("code").GetString().ShouldBe("E07000170");
    }
}
