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
        var staffingBefore = before.Staffing();

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

        refreshed.Staffing().Total.Staff.ShouldBe(staffingBefore.Total.Staff - 1);
        before.Staffing().Total.Staff.ShouldBe(staffingBefore.Total.Staff, "a refresh leaves the instance it came from as it was");
        await MappingReportComparison.ShouldEqualDefinitionAsync(db, refreshed);
    }
}

/// <summary>Compares every aggregate of a set of contributions with <see cref="MappingReportQueries"/>, as JSON.</summary>
internal static class MappingReportComparison
{
    public const string Survey = "STADV-2020";

    private static readonly string?[] Regions = [null, "London", "East of England", "Wales"];

    private static readonly OrganisationType?[] Types = [null, OrganisationType.LOCAL_AUTHORITY, OrganisationType.PCC, OrganisationType.CCG];

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, Converters = { new JsonStringEnumConverter() } };

    public static async Task ShouldEqualDefinitionAsync(DirectoryDbContext db, MappingReportContributions contributions)
    {
        var queries = new MappingReportQueries(db);
        foreach (var region in Regions)
        {
            Same(contributions.Coverage(region), await queries.CoverageAsync(Survey, region), "coverage", region, null);
            Same(await contributions.FtePerHeadAsync(db, region, 5), await queries.FtePerHeadAsync(Survey, region, 5), "ftePerHead", region, null);
            foreach (var type in Types)
            {
                Same(contributions.ResponseCount(region, type), await queries.ResponseCountAsync(Survey, region, type), "responseCount", region, type);
                Same(contributions.DepartmentBreakdown(region, type), await queries.DepartmentBreakdownAsync(Survey, region, type), "departmentBreakdown", region, type);
                Same(contributions.Activities(region, type), await queries.ActivitiesAsync(Survey, region, type), "activities", region, type);
                Same(contributions.LeadStatus(region, type), await queries.LeadStatusAsync(Survey, region, type), "leadStatus", region, type);
                Same(contributions.Focus(region, type), await queries.FocusAsync(Survey, region, type), "focus", region, type);
                Same(contributions.Seniority(region, type), await queries.SeniorityAsync(Survey, region, type), "seniority", region, type);
                Same(contributions.JointCommissioningGroup(region, type), await queries.JointCommissioningGroupAsync(Survey, region, type), "jointCommissioningGroup", region, type);
                Same(contributions.Staffing(region, type), await queries.StaffingAsync(Survey, region, type), "staffing", region, type);
                Same(await contributions.ServicesCommissionedAsync(db, region, type), await queries.ServicesCommissionedAsync(Survey, region, type), "servicesCommissioned", region, type);
                Same(contributions.JobTitles(region, type), await queries.JobTitlesAsync(Survey, region, type), "jobTitles", region, type);
            }
        }
    }

    private static void Same<T>(T summed, T defined, string aggregate, string? region, OrganisationType? type) =>
        JsonSerializer.Serialize(summed, Json).ShouldBe(JsonSerializer.Serialize(defined, Json), $"{aggregate} ({region ?? "all regions"}, {type?.ToString() ?? "all types"})");
}
