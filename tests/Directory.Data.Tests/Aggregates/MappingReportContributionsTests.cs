using System.Text.Json;
using System.Text.Json.Serialization;
using Directory.Data.Aggregates;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Aggregates;

/// <summary>
/// The report's aggregates summed from the organisations' contributions (what the service answers from) are exactly
/// their SQL definition, <see cref="MappingReportQueries"/> (which the oracle tests pin to the CSV files): every
/// aggregate, for every surveyed type and several regions, on both providers.
/// </summary>
public sealed class MappingReportContributionsTests(SampleDatabases databases) : IClassFixture<SampleDatabases>
{
    public static TheoryData<DatabaseProvider> ByProvider() => Providers.Both;

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Every_aggregate_summed_from_contributions_equals_its_sql_definition(DatabaseProvider provider)
    {
        await using var db = databases.CreateContext(provider);
        var contributions = await MappingReportContributions.LoadAsync(db, MappingReportComparison.Survey);

        await MappingReportComparison.ShouldEqualDefinitionAsync(db, contributions);
    }
}

/// <summary>
/// After a change to one organisation, its contribution read again (<see cref="MappingReportContributions.RefreshAsync"/>,
/// what the service does after an audited change) gives the report a full recomputation gives. Own sample databases:
/// this class changes them.
/// </summary>
public sealed class MappingReportRefreshTests(SampleDatabases databases) : IClassFixture<SampleDatabases>
{
    public static TheoryData<DatabaseProvider> ByProvider() => Providers.Both;

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task After_a_change_to_one_organisation_refreshing_it_equals_a_full_recomputation(DatabaseProvider provider)
    {
        await using var db = databases.CreateContext(provider);
        var before = await MappingReportContributions.LoadAsync(db, MappingReportComparison.Survey);
        var staffingBefore = await Staffing(before, db);

        // A council with staff lines, commissioners and answers: one of its staff lines goes, a commissioner's job
        // title and seniority change, its focus answer and one activity are withdrawn.
        var council = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.Organisation.Type == OrganisationType.LOCAL_AUTHORITY && r.Organisation.InScope
                && r.StaffLines.Count > 1 && r.Activities.Count > 0 && r.Focus != null
                && r.Contacts.Any(c => c.Role == ContactRole.COMMISSIONER))
            .OrderBy(r => r.Id).Select(r => new { ResponseId = r.Id, r.OrganisationId }).FirstAsync();
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM staff_lines WHERE id = (SELECT MIN(id) FROM staff_lines WHERE response_id = {0})", council.ResponseId);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE contacts SET job_title = 'Refreshed title', seniority = NULL WHERE id = (SELECT MIN(id) FROM contacts WHERE response_id = {0} AND role = 'COMMISSIONER')",
            council.ResponseId);
        await db.Database.ExecuteSqlRawAsync("UPDATE survey_responses SET focus = NULL WHERE id = {0}", council.ResponseId);
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM survey_response_activities WHERE response_id = {0} AND activity = (SELECT MIN(activity) FROM survey_response_activities WHERE response_id = {0})",
            council.ResponseId);

        var refreshed = await before.RefreshAsync(db, [council.OrganisationId]);

        (await Staffing(refreshed, db)).Total.Staff.ShouldBe(staffingBefore.Total.Staff - 1);
        (await Staffing(before, db)).Total.Staff.ShouldBe(staffingBefore.Total.Staff, "a refresh leaves the instance it came from as it was");
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, refreshed);
    }

    /// <summary>Changes to one council's rows, by what an audited mutation (or an erasure) does: (response id, organisation id).</summary>
    private static readonly Dictionary<string, Func<DirectoryDbContext, int, int, Task>> Changes = new()
    {
        ["a commissioner added"] = (db, response, organisation) => db.Database.ExecuteSqlAsync($"""
            INSERT INTO contacts (key, organisation_id, response_id, role, full_name, job_title, search_text, version)
            VALUES ('refresh-added', {organisation}, {response}, 'COMMISSIONER', 'Test Person', 'Added Commissioning Title', 'test person', 1)
            """),
        ["a service removed"] = (db, response, _) => db.Database.ExecuteSqlAsync(
            $"DELETE FROM services_commissioned WHERE id = (SELECT MIN(id) FROM services_commissioned WHERE response_id = {response})"),
        ["its region changed"] = (db, _, organisation) => db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET region = CASE WHEN region = 'London' THEN 'Wales' ELSE 'London' END WHERE id = {organisation}"),
        ["its type changed"] = (db, _, organisation) => db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET type = 'PCC' WHERE id = {organisation}"),
        ["taken out of scope"] = (db, _, organisation) => db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET in_scope = NOT in_scope WHERE id = {organisation}"),
        // An erasure deletes the person (and redacts their text elsewhere, which the report does not count).
        ["a commissioner erased"] = (db, response, _) => db.Database.ExecuteSqlAsync($"""
            DELETE FROM contacts WHERE id = (SELECT MIN(id) FROM contacts WHERE response_id = {response} AND role = 'COMMISSIONER'
              AND id NOT IN (SELECT manager_id FROM contacts WHERE manager_id IS NOT NULL))
            """),
        // What the staffing and ftePerHead folds follow: a council's team and FTE, its population, and ties.
        ["a staff line added"] = (db, response, _) => db.Database.ExecuteSqlAsync($"""
            INSERT INTO staff_lines (response_id, line_no, responsibility, fte_ten_thousandths, version)
            SELECT {response}, MAX(line_no) + 1, 'COORDINATOR', 12345, 1 FROM staff_lines WHERE response_id = {response}
            """),
        ["all its staff lines removed"] = (db, _, organisation) => db.Database.ExecuteSqlAsync(
            $"DELETE FROM staff_lines WHERE response_id IN (SELECT id FROM survey_responses WHERE organisation_id = {organisation})"),
        ["its population changed"] = (db, _, organisation) => db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET population = COALESCE(population, 1000) * 7 WHERE id = {organisation}"),
        ["its population removed"] = (db, _, organisation) => db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET population = NULL WHERE id = {organisation}"),
        ["tied with the council with the most FTE per head"] = TieWithTheHighestAsync,
    };

    /// <summary>
    /// Gives the council the population and staff lines of the council with the most FTE per head, so the two share the
    /// top of ftePerHead's highest and are ordered by code.
    /// </summary>
    private static async Task TieWithTheHighestAsync(DirectoryDbContext db, int response, int organisation)
    {
        var highest = await db.Database.SqlQuery<int>($"""
            SELECT o.id AS "Value" FROM organisations o JOIN survey_responses r ON r.organisation_id = o.id JOIN staff_lines s ON s.response_id = r.id
            WHERE o.type = 'LOCAL_AUTHORITY' AND o.in_scope AND o.population > 0 AND o.id <> {organisation}
            GROUP BY o.id, o.population ORDER BY SUM(s.fte_ten_thousandths) * 1.0 / o.population DESC, o.id LIMIT 1
            """).SingleAsync();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET population = (SELECT population FROM organisations WHERE id = {highest}) WHERE id = {organisation}");
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM staff_lines WHERE response_id IN (SELECT id FROM survey_responses WHERE organisation_id = {organisation})");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO staff_lines (response_id, line_no, responsibility, seniority, fte_ten_thousandths, version)
            SELECT {response}, ROW_NUMBER() OVER (ORDER BY s.id), s.responsibility, s.seniority, s.fte_ten_thousandths, 1
            FROM staff_lines s JOIN survey_responses r ON r.id = s.response_id WHERE r.organisation_id = {highest}
            """);
    }

    public static TheoryData<DatabaseProvider, string> ByProviderAndChange()
    {
        var cases = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var change in Changes.Keys)
            {
                cases.Add(provider, change);
            }
        }
        return cases;
    }

    [SkippableTheory]
    [MemberData(nameof(ByProviderAndChange))]
    public async Task After_each_kind_of_change_the_carried_totals_equal_a_full_recomputation(DatabaseProvider provider, string change)
    {
        await using var db = databases.CreateContext(provider);
        var before = await MappingReportContributions.LoadAsync(db, MappingReportComparison.Survey);
        // Every scope's totals made before the change, so the refresh carries them forward (the changed council's old
        // groups taken out, its new ones added) rather than adding everything up afresh.
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, before);
        var council = await CouncilAsync(db);

        await Changes[change](db, council.ResponseId, council.OrganisationId);
        var refreshed = await before.RefreshAsync(db, [council.OrganisationId]);
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, refreshed);

        // A second change, refreshed from the first refresh's carried totals.
        await db.Database.ExecuteSqlAsync($"DELETE FROM staff_lines WHERE id = (SELECT MIN(id) FROM staff_lines WHERE response_id = {council.ResponseId})");
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, await refreshed.RefreshAsync(db, [council.OrganisationId]));
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task After_a_change_ftePerHead_for_any_limit_equals_its_definition(DatabaseProvider provider)
    {
        await using var db = databases.CreateContext(provider);
        var before = await MappingReportContributions.LoadAsync(db, MappingReportComparison.Survey);
        int?[] limits = [0, 1, 3, null, 100_000];
        await FtePerHeadShouldEqualDefinitionAsync(db, before, limits);
        var council = await CouncilAsync(db);

        await TieWithTheHighestAsync(db, council.ResponseId, council.OrganisationId);
        var refreshed = await before.RefreshAsync(db, [council.OrganisationId]);

        var all = await refreshed.ComputeAsync(MappingReportAggregates.FtePerHead, db, new MappingReportArguments(Limit: 2));
        all.Highest.Select(r => r.FtePer100k).Distinct().Count().ShouldBe(1, "the two councils tie at the top");
        all.Highest.Select(r => r.Organisation.Code).ShouldBe(all.Highest.Select(r => r.Organisation.Code).Order(StringComparer.Ordinal));
        await FtePerHeadShouldEqualDefinitionAsync(db, refreshed, limits);
    }

    private static async Task FtePerHeadShouldEqualDefinitionAsync(DirectoryDbContext db, MappingReportContributions contributions, IEnumerable<int?> limits)
    {
        var queries = new MappingReportQueries(db);
        foreach (var limit in limits)
        {
            foreach (var region in new[] { null, "London", "Wales" })
            {
                var summed = await contributions.ComputeAsync(MappingReportAggregates.FtePerHead, db, new MappingReportArguments(region, Limit: limit));
                var defined = await queries.ComputeAsync(MappingReportAggregates.FtePerHead, MappingReportComparison.Survey, region, limit: limit);
                MappingReportComparison.Serialize(summed).ShouldBe(MappingReportComparison.Serialize(defined), $"limit {limit}, {region ?? "all regions"}");
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Changes_to_several_organisations_refreshed_at_once_equal_a_full_recomputation(DatabaseProvider provider)
    {
        await using var db = databases.CreateContext(provider);
        var before = await MappingReportContributions.LoadAsync(db, MappingReportComparison.Survey);
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, before);
        var staffingBefore = MappingReportComparison.Serialize(await Staffing(before, db));
        string[] changes = ["a staff line added", "its region changed", "a commissioner erased", "all its staff lines removed", "its population changed"];
        var councils = await CouncilsAsync(db, changes.Length);

        foreach (var (council, change) in councils.Zip(changes))
        {
            await Changes[change](db, council.ResponseId, council.OrganisationId);
        }
        var refreshed = await before.RefreshAsync(db, [.. councils.Select(c => c.OrganisationId)]);
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, refreshed);
        MappingReportComparison.Serialize(await Staffing(before, db)).ShouldBe(staffingBefore, "a refresh leaves the instance it came from as it was");

        // Every organisation at once (and one that is not there): more than a refresh keeps beside the organisations
        // read in full, so they are all folded into one map again.
        await db.Database.ExecuteSqlAsync($"UPDATE survey_responses SET focus = NULL WHERE id = {councils[^1].ResponseId}");
        var everyone = await db.Organisations.Select(o => o.Id).ToListAsync();
        var all = await refreshed.RefreshAsync(db, [.. everyone, everyone.Max() + 1]);
        all.Organisations.Count.ShouldBe(everyone.Count);
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, all);
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, await all.RefreshAsync(db, [councils[0].OrganisationId]));
    }

    /// <summary>An in-scope council with staff lines, services and a commissioner: response and organisation ids.</summary>
    private static async Task<(int ResponseId, int OrganisationId)> CouncilAsync(DirectoryDbContext db) => (await CouncilsAsync(db, 1))[0];

    /// <summary><paramref name="count"/> such councils (a response of each).</summary>
    private static async Task<List<(int ResponseId, int OrganisationId)>> CouncilsAsync(DirectoryDbContext db, int count)
    {
        var councils = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.Organisation.Type == OrganisationType.LOCAL_AUTHORITY && r.Organisation.InScope && r.StaffLines.Count > 1
                && r.Services.Count > 0 && r.Contacts.Any(c => c.Role == ContactRole.COMMISSIONER))
            .OrderBy(r => r.Id).Select(r => new { ResponseId = r.Id, r.OrganisationId }).ToListAsync();
        var found = councils.DistinctBy(c => c.OrganisationId).Take(count).Select(c => (c.ResponseId, c.OrganisationId)).ToList();
        found.Count.ShouldBe(count);
        return found;
    }

    private static Task<Staffing> Staffing(MappingReportContributions contributions, DirectoryDbContext db) =>
        contributions.ComputeAsync(MappingReportAggregates.Staffing, db, new MappingReportArguments());
}

/// <summary>
/// Compares every aggregate (<see cref="MappingReportAggregates.All"/>: a new one is compared without a line here) of a
/// set of contributions with <see cref="MappingReportQueries"/>, as JSON, for every region and type (an aggregate
/// without a type argument ignores it).
/// </summary>
internal static class MappingReportComparison
{
    public const string Survey = "STADV-2020";

    private static readonly string?[] Regions = [null, "London", "East of England", "Wales"];

    private static readonly OrganisationType?[] Types = [null, OrganisationType.LOCAL_AUTHORITY, OrganisationType.PCC, OrganisationType.CCG];

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(object? result) => JsonSerializer.Serialize(result, Json);

    public static async Task ShouldEqualDefinitionAsync(DirectoryDbContext db, MappingReportContributions contributions)
    {
        var queries = new MappingReportQueries(db);
        foreach (var aggregate in MappingReportAggregates.All)
        {
            foreach (var region in Regions)
            {
                foreach (var type in Types)
                {
                    var arguments = new MappingReportArguments(region, type, Limit: 5);
                    var summed = await contributions.ComputeObjectAsync(aggregate, db, arguments);
                    var defined = await queries.ComputeObjectAsync(aggregate, Survey, arguments);
                    Serialize(summed).ShouldBe(Serialize(defined),
                        $"{aggregate.Field} ({region ?? "all regions"}, {type?.ToString() ?? "all types"})");
                }
            }
        }
    }
}
