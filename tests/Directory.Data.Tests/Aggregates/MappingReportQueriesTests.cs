using Directory.Data.Aggregates;
using Directory.Data.Model;

namespace Directory.Data.Tests.Aggregates;

/// <summary>
/// The mapping report aggregates on the bundled sample, on SQLite and PostgreSQL, compared with
/// <see cref="SampleSurveyOracle"/> (an in-memory implementation over the CSV files) for every organisation type and
/// several regions, and with headline figures pinned from a one-off python3 script over the same CSV files
/// (csv.DictReader, collections.Counter and fractions.Fraction, applying the definitions).
/// </summary>
public sealed class MappingReportQueriesTests(SampleDatabases databases) : IClassFixture<SampleDatabases>
{
    private const string Survey = "STADV-2020";

    private static readonly SampleSurveyOracle Oracle = new(TestData.SampleFolder);

    private static readonly DatabaseProvider[] AllProviders = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly string?[] Regions = [null, "London", "East of England", "Wales"];

    private static readonly OrganisationType?[] Types = [null, OrganisationType.LOCAL_AUTHORITY, OrganisationType.PCC, OrganisationType.CCG];

    public static TheoryData<DatabaseProvider> ByProvider() => new(AllProviders);

    public static TheoryData<DatabaseProvider, string?> ByRegion()
    {
        var data = new TheoryData<DatabaseProvider, string?>();
        foreach (var provider in AllProviders)
        {
            foreach (var region in Regions)
            {
                data.Add(provider, region);
            }
        }

        return data;
    }

    /// <summary>Every type without a region, and every region for all types together.</summary>
    public static TheoryData<DatabaseProvider, string?, OrganisationType?> ByScope()
    {
        var data = new TheoryData<DatabaseProvider, string?, OrganisationType?>();
        foreach (var provider in AllProviders)
        {
            foreach (var type in Types)
            {
                data.Add(provider, null, type);
            }

            foreach (var region in Regions.Where(r => r is not null))
            {
                data.Add(provider, region, null);
            }
        }

        return data;
    }

    private MappingReportQueries Queries(DatabaseProvider provider, out DirectoryDbContext db)
    {
        db = databases.CreateContext(provider);
        return new MappingReportQueries(db);
    }

    [SkippableTheory]
    [MemberData(nameof(ByRegion))]
    public async Task Coverage_counts_in_scope_organisations_by_status_per_type(DatabaseProvider provider, string? region)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var coverage = await queries.ComputeAsync(MappingReportAggregates.Coverage, Survey, region);

        var expected = Oracle.Coverage(region);
        coverage.Rows.Select(r => (r.OrganisationType.ToString(), r.Completed, r.AdditionalContact, r.NotReceived, r.Total))
            .ShouldBe(expected.Rows);
        coverage.OutOfScopeResponses.ShouldBe(expected.OutOfScope);
        coverage.Responses.ShouldBe(expected.Responses);
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Coverage_matches_the_figures_derived_from_the_csv_files(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var coverage = await queries.ComputeAsync(MappingReportAggregates.Coverage, Survey);

        // python3: Counter(status(code) for in-scope organisations of each type); out of scope: responses whose
        // organisation has in_scope != true. The README gives the totals 334 / 43 / 127.
        coverage.Rows.ShouldBe(
        [
            new CoverageRow(OrganisationType.LOCAL_AUTHORITY, 176, 86, 72, 334),
            new CoverageRow(OrganisationType.PCC, 37, 2, 4, 43),
            new CoverageRow(OrganisationType.CCG, 50, 13, 64, 127),
        ]);
        coverage.OutOfScopeResponses.ShouldBe(17);
        // Every response of the sample survey (the survey's responseCount) is in scope or out of scope.
        (coverage.Responses + coverage.OutOfScopeResponses).ShouldBe(283);

        var london = await queries.ComputeAsync(MappingReportAggregates.Coverage, Survey, "London");
        london.Rows[0].ShouldBe(new CoverageRow(OrganisationType.LOCAL_AUTHORITY, 24, 2, 6, 32));
        // Police and crime commissioners carry their force area's region (organisations.csv since issue 16): London's
        // two are the Mayor's Office (nothing received) and the City of London Police Authority (a response).
        london.Rows[1].ShouldBe(new CoverageRow(OrganisationType.PCC, 1, 0, 1, 2));
        london.OutOfScopeResponses.ShouldBe(0);
    }

    [SkippableTheory]
    [MemberData(nameof(ByScope))]
    public async Task Department_breakdown_counts_commissioners_named_in_responses(DatabaseProvider provider, string? region, OrganisationType? type)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var rows = await queries.ComputeAsync(MappingReportAggregates.DepartmentBreakdown, Survey, region, type);

        rows.Select(r => (r.Category, r.Count, r.Percent)).ShouldBe(Oracle.Departments(region, type?.ToString()));
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Department_breakdown_matches_the_figures_derived_from_the_csv_files(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        // python3: Counter(department_category or NOT_LISTED) over COMMISSIONER contacts of in-scope responses.
        var all = await queries.ComputeAsync(MappingReportAggregates.DepartmentBreakdown, Survey);
        all.Sum(r => r.Count).ShouldBe(302);
        all[0].ShouldBe(new DepartmentShare("COMMUNITY_SAFETY", 64, 64 * 100m / 302));
        all[1].ShouldBe(new DepartmentShare("COMMISSIONING_STRATEGY", 55, 55 * 100m / 302));

        var pcc = await queries.ComputeAsync(MappingReportAggregates.DepartmentBreakdown, Survey, orgType: OrganisationType.PCC);
        pcc[0].ShouldBe(new DepartmentShare(MappingReportAggregates.NotListed, 21, 21 * 100m / 41));
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Percentages_are_exact_decimals_not_rounded(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        // python3: in East of England, 8 of the 24 council commissioners are in COMMUNITY_SAFETY, exactly one third.
        var rows = await queries.ComputeAsync(MappingReportAggregates.DepartmentBreakdown, Survey, "East of England", OrganisationType.LOCAL_AUTHORITY);
        var communitySafety = rows.Single(r => r.Category == "COMMUNITY_SAFETY");
        communitySafety.Count.ShouldBe(8);
        rows.Sum(r => r.Count).ShouldBe(24);
        communitySafety.Percent.ShouldBe(100m / 3m);
        communitySafety.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("33.333333333333333333333333333");

        // CCG staffing: 13.3 FTE × (R 21 + U 64) / R 21, a repeating decimal.
        var staffing = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey, orgType: OrganisationType.CCG);
        staffing.Total.EstimatedFte.ShouldBe(13.3m * 85m / 21m);
        ((int)staffing.Total.EstimatedFte.Scale).ShouldBeGreaterThan(20);
    }

    public static TheoryData<DatabaseProvider, string, string?, OrganisationType?> ByQuestion()
    {
        var data = new TheoryData<DatabaseProvider, string, string?, OrganisationType?>();
        foreach (var row in ByScope())
        {
            foreach (var question in new[] { "activities", "leadStatus", "focus", "seniority", "jointCommissioningGroup" })
            {
                data.Add((DatabaseProvider)row[0], question, (string?)row[1], (OrganisationType?)row[2]);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ByScope))]
    public async Task Response_count_counts_the_in_scope_responses_of_the_region_and_type(DatabaseProvider provider, string? region, OrganisationType? type)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var count = await queries.ComputeAsync(MappingReportAggregates.ResponseCount, Survey, region, type);

        count.ShouldBe(Oracle.ResponseCount(region, type?.ToString()));
        if (region is not null || type is not null)
        {
            // A narrower scope must not report the national total (issue 17: "283 responses" whatever the region).
            count.ShouldBeLessThan(await queries.ComputeAsync(MappingReportAggregates.ResponseCount, Survey));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ByQuestion))]
    public async Task Question_breakdowns_are_shares_of_those_that_answered(DatabaseProvider provider, string question, string? region, OrganisationType? type)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var breakdown = question switch
        {
            "activities" => await queries.ComputeAsync(MappingReportAggregates.Activities, Survey, region, type),
            "leadStatus" => await queries.ComputeAsync(MappingReportAggregates.LeadStatus, Survey, region, type),
            "focus" => await queries.ComputeAsync(MappingReportAggregates.Focus, Survey, region, type),
            "seniority" => await queries.ComputeAsync(MappingReportAggregates.Seniority, Survey, region, type),
            _ => await queries.ComputeAsync(MappingReportAggregates.JointCommissioningGroup, Survey, region, type),
        };

        var expected = Oracle.Question(question, region, type?.ToString());
        breakdown.Answered.ShouldBe(expected.Answered);
        breakdown.Rows.Select(r => (r.Option, r.Count, r.Percent)).ShouldBe(expected.Rows);
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Question_breakdowns_match_the_figures_derived_from_the_csv_files(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        // python3 over in-scope responses: non-empty cells answered; Counter over the ';'-split codes.
        var activities = await queries.ComputeAsync(MappingReportAggregates.Activities, Survey);
        activities.Answered.ShouldBe(257);
        activities.Rows[0].ShouldBe(new OptionShare("STRATEGIC_BOARDS", 204, 204 * 100m / 257));
        activities.Rows.Sum(r => r.Percent).ShouldBeGreaterThan(100m); // multi-select

        var lead = await queries.ComputeAsync(MappingReportAggregates.LeadStatus, Survey, orgType: OrganisationType.PCC);
        lead.Answered.ShouldBe(40);
        lead.Rows[0].ShouldBe(new OptionShare("RESPONDENT_IS_LEAD", 24, 60m));

        var focus = await queries.ComputeAsync(MappingReportAggregates.Focus, Survey);
        focus.Answered.ShouldBe(256);
        focus.Rows.Select(r => (r.Option, r.Count)).ShouldBe([("VAWG", 145), ("DA_ONLY", 100), ("DA_AND_SEXUAL_VIOLENCE", 11)]);
        focus.Rows.Sum(r => r.Percent).ShouldBe(100m, 0.000000000000000000000001m);

        var jcg = await queries.ComputeAsync(MappingReportAggregates.JointCommissioningGroup, Survey, orgType: OrganisationType.CCG);
        jcg.Rows.Select(r => (r.Option, r.Count)).ShouldBe([("YES", 29), ("NO", 12), ("UNSURE", 9)]);
        jcg.Rows[0].Percent.ShouldBe(58m);

        var seniority = await queries.ComputeAsync(MappingReportAggregates.Seniority, Survey);
        seniority.Answered.ShouldBe(302);
        seniority.Rows[0].ShouldBe(new OptionShare("SENIOR_MANAGER", 95, 95 * 100m / 302));
    }

    [SkippableTheory]
    [MemberData(nameof(ByScope))]
    public async Task Staffing_sums_staff_lines_and_estimates_for_the_population(DatabaseProvider provider, string? region, OrganisationType? type)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var staffing = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey, region, type);

        var expected = Oracle.Staffing(region, type?.ToString());
        staffing.Rows.Append(staffing.Total).Select(r => (r.Responsibility?.ToString(), r.Staff, r.Fte, r.EstimatedFte)).ShouldBe(expected.Rows);
        staffing.ReportingOrganisations.ShouldBe(expected.Reporting);
        staffing.UnknownCommissioningOrganisations.ShouldBe(expected.Unknown);
        staffing.TeamSizes.Select(t => (t.Size, t.Organisations, t.Percent)).ShouldBe(expected.TeamSizes);
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Staffing_matches_the_figures_derived_from_the_csv_files(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        // python3: lines of in-scope responses, Fraction sums of fte, R = distinct organisations with lines,
        // U = in-scope NOT_RECEIVED organisations whose la_tier is not DISTRICT.
        var all = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey);
        all.Total.ShouldBe(new StaffingRow(null, 604, 318.6m, 318.6m * 324 / 230));
        (all.ReportingOrganisations, all.UnknownCommissioningOrganisations).ShouldBe((230, 94));
        all.TeamSizes.Select(t => (t.Size, t.Organisations)).ShouldBe(
            [(1, 85), (2, 49), (3, 40), (4, 22), (5, 15), (6, 8), (7, 5), (8, 2), (9, 1), (10, 3)]);

        var councils = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey, orgType: OrganisationType.LOCAL_AUTHORITY);
        councils.Total.ShouldBe(new StaffingRow(null, 456, 256.3m, 256.3m * 200 / 174));
        (councils.ReportingOrganisations, councils.UnknownCommissioningOrganisations).ShouldBe((174, 26));

        var pccs = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey, orgType: OrganisationType.PCC);
        pccs.Total.ShouldBe(new StaffingRow(null, 110, 49m, 54.6m));

        var london = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey, "London", OrganisationType.LOCAL_AUTHORITY);
        london.Total.ShouldBe(new StaffingRow(null, 78, 45.5m, 56.875m));
        london.TeamSizes.Select(t => (t.Size, t.Organisations, t.Percent)).ShouldBe([(2, 9, 37.5m), (3, 9, 37.5m), (4, 1, 100m / 24), (5, 1, 100m / 24), (6, 4, 400m / 24)]);
    }

    [SkippableTheory]
    [MemberData(nameof(ByRegion))]
    public async Task Fte_per_head_lists_the_highest_and_lowest_councils(DatabaseProvider provider, string? region)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var result = await queries.ComputeAsync(MappingReportAggregates.FtePerHead, Survey, region, limit: 5);

        var councils = Oracle.FtePerHead(region);
        result.Highest.Select(r => (r.Organisation.Code, r.Fte, r.Population, r.FtePer100k)).ShouldBe(
            councils.OrderByDescending(c => c.PerHead).ThenBy(c => c.Code, StringComparer.Ordinal).Take(5));
        result.Lowest.Select(r => (r.Organisation.Code, r.Fte, r.Population, r.FtePer100k)).ShouldBe(
            councils.OrderBy(c => c.PerHead).ThenBy(c => c.Code, StringComparer.Ordinal).Take(5));
        result.Highest.ShouldAllBe(r => r.Organisation.Type == OrganisationType.LOCAL_AUTHORITY && r.Organisation.Name.Length > 0);
        result.Councils.Select(r => (r.Organisation.Code, r.Fte, r.Population, r.FtePer100k)).ShouldBe(
            councils.OrderBy(c => c.Code, StringComparer.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Fte_per_head_limit_bounds_both_lists(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var defaults = await queries.ComputeAsync(MappingReportAggregates.FtePerHead, Survey);
        defaults.Highest.Count.ShouldBe(10);
        defaults.Lowest.Count.ShouldBe(10);
        defaults.Highest[0].FtePer100k.ShouldBeGreaterThan(defaults.Lowest[0].FtePer100k);
        var first = defaults.Highest[0];
        first.FtePer100k.ShouldBe(first.Fte * 100_000m / first.Population);

        var all = await queries.ComputeAsync(MappingReportAggregates.FtePerHead, Survey, limit: 1000);
        all.Highest.Count.ShouldBe(174); // python3: councils with staff lines (R for LOCAL_AUTHORITY)
        all.Lowest.Select(r => r.Organisation.Code).ShouldBe(all.Highest.Select(r => r.Organisation.Code).Reverse(), ignoreOrder: true);

        (await queries.ComputeAsync(MappingReportAggregates.FtePerHead, Survey, limit: 0)).Highest.ShouldBeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(ByScope))]
    public async Task Services_commissioned_count_distinct_organisations(DatabaseProvider provider, string? region, OrganisationType? type)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var rows = await queries.ComputeAsync(MappingReportAggregates.ServicesCommissioned, Survey, region, type);

        rows.Select(r => (r.ServiceType.Code, r.Sole, r.Joint, r.WomenOnly)).ShouldBe(Oracle.Services(region, type?.ToString()));
        rows.Count.ShouldBe(33);
    }

    [SkippableTheory]
    [MemberData(nameof(ByScope))]
    public async Task Job_titles_are_grouped_by_department_category(DatabaseProvider provider, string? region, OrganisationType? type)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var groups = await queries.ComputeAsync(MappingReportAggregates.JobTitles, Survey, region, type);

        var expected = Oracle.JobTitles(region, type?.ToString());
        groups.Select(g => g.Category).ShouldBe(expected.Select(e => e.Category));
        foreach (var (group, want) in groups.Zip(expected))
        {
            group.JobTitles.Select(t => (t.JobTitle, t.Count)).ShouldBe(want.Titles, $"category {group.Category}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Fte_per_head_services_and_job_titles_match_the_figures_derived_from_the_csv_files(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        // python3: Fraction sums of fte per council over in-scope council responses, × 100000 / population.
        var perHead = await queries.ComputeAsync(MappingReportAggregates.FtePerHead, Survey, limit: 2);
        perHead.Highest.Select(r => r.Organisation.Code).ShouldBe(["E06000017", "E06000037"]);
        perHead.Highest[0].Organisation.Name.ShouldBe("Rutland County Council");
        perHead.Lowest.Select(r => r.Organisation.Code).ShouldBe(["E08000035", "E10000007"]);

        // python3: distinct org_code of services.csv rows of in-scope responses, by commissioning / women_only.
        var services = await queries.ComputeAsync(MappingReportAggregates.ServicesCommissioned, Survey);
        var idva = services.Single(s => s.ServiceType.Code == "IDVA");
        (idva.Sole, idva.Joint, idva.WomenOnly).ShouldBe((44, 30, 0));
        var refuge = services.Single(s => s.ServiceType.Code == "REFUGE");
        (refuge.Sole, refuge.Joint, refuge.WomenOnly).ShouldBe((42, 30, 38));

        // python3: Counter((department_category or NOT_LISTED, job_title)) over in-scope COMMISSIONER contacts.
        var titles = await queries.ComputeAsync(MappingReportAggregates.JobTitles, Survey);
        titles.Count.ShouldBe(15);
        titles.Single(g => g.Category == "COMMUNITY_SAFETY").JobTitles[0].ShouldBe(new JobTitleCount("Community Safety Manager", 21));
        titles.Single(g => g.Category == "CHILDRENS_SERVICES").JobTitles[0].ShouldBe(new JobTitleCount("Director of Early Help and Prevention", 15));
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task An_unknown_survey_or_region_gives_empty_aggregates(DatabaseProvider provider)
    {
        var queries = Queries(provider, out var db);
        await using var _ = db;

        var coverage = await queries.ComputeAsync(MappingReportAggregates.Coverage, "NO-SUCH-SURVEY");
        coverage.Rows.Sum(r => r.Completed).ShouldBe(0);
        coverage.Rows.Sum(r => r.Total).ShouldBe(504);

        var staffing = await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey, "Atlantis");
        staffing.Total.ShouldBe(new StaffingRow(null, 0, 0m, 0m));
        staffing.TeamSizes.ShouldBeEmpty();
        (await queries.ComputeAsync(MappingReportAggregates.Focus, Survey, "Atlantis")).ShouldBe(new QuestionBreakdown(0, []), new QuestionBreakdownComparer());
    }

    [Fact]
    public async Task A_type_outside_the_survey_is_rejected()
    {
        await using var db = databases.CreateContext(DatabaseProvider.Sqlite);
        await Should.ThrowAsync<ArgumentOutOfRangeException>(
            () => new MappingReportQueries(db).ComputeAsync(MappingReportAggregates.Focus, Survey, orgType: OrganisationType.PROVIDER));
    }

    private sealed class QuestionBreakdownComparer : IEqualityComparer<QuestionBreakdown>
    {
        public bool Equals(QuestionBreakdown? x, QuestionBreakdown? y) =>
            x is not null && y is not null && x.Answered == y.Answered && x.Rows.SequenceEqual(y.Rows);

        public int GetHashCode(QuestionBreakdown obj) => obj.Answered;
    }
}
