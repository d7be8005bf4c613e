using Directory.Data.Aggregates;
using Directory.Data.Model;

namespace Directory.Data.Tests.Aggregates;

/// <summary>
/// Each aggregate issues a fixed, small number of SQL commands whatever the data: the same on the full sample (hundreds
/// of responses, contacts and staff lines), on a region or type filter, and on an empty database. A per-row query
/// would make the count grow with the data; counting in C# would show up as a command without an aggregate.
/// </summary>
public sealed class MappingReportCommandCountTests(SampleDatabases databases) : IClassFixture<SampleDatabases>
{
    private const string Survey = "STADV-2020";

    public static TheoryData<DatabaseProvider> ByProvider() => Providers.Both;

    /// <summary>
    /// Every aggregate with the number of commands it issues when there is data: one per tally it reads (coverage reads
    /// the responses tally twice, for the population and for the out-of-scope organisations), plus the organisations
    /// (ftePerHead) or service types (servicesCommissioned) its result carries.
    /// </summary>
    private static readonly (string Name, int Commands, Func<MappingReportQueries, string?, OrganisationType?, Task> Run)[] Aggregates =
    [
        ("coverage", 3, (q, region, _) => q.ComputeAsync(MappingReportAggregates.Coverage, Survey, region)),
        ("departmentBreakdown", 1, (q, region, type) => q.ComputeAsync(MappingReportAggregates.DepartmentBreakdown, Survey, region, type)),
        ("activities", 2, (q, region, type) => q.ComputeAsync(MappingReportAggregates.Activities, Survey, region, type)),
        ("leadStatus", 2, (q, region, type) => q.ComputeAsync(MappingReportAggregates.LeadStatus, Survey, region, type)),
        ("focus", 1, (q, region, type) => q.ComputeAsync(MappingReportAggregates.Focus, Survey, region, type)),
        ("seniority", 1, (q, region, type) => q.ComputeAsync(MappingReportAggregates.Seniority, Survey, region, type)),
        ("jointCommissioningGroup", 1, (q, region, type) => q.ComputeAsync(MappingReportAggregates.JointCommissioningGroup, Survey, region, type)),
        ("staffing", 2, (q, region, type) => q.ComputeAsync(MappingReportAggregates.Staffing, Survey, region, type)),
        ("ftePerHead", 2, (q, region, _) => q.ComputeAsync(MappingReportAggregates.FtePerHead, Survey, region, limit: 10)),
        ("servicesCommissioned", 3, (q, region, type) => q.ComputeAsync(MappingReportAggregates.ServicesCommissioned, Survey, region, type)),
        ("jobTitles", 1, (q, region, type) => q.ComputeAsync(MappingReportAggregates.JobTitles, Survey, region, type)),
    ];

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Every_aggregate_issues_a_fixed_number_of_commands_on_the_sample(DatabaseProvider provider)
    {
        var counter = new CommandCounter();
        await using var db = databases.CreateContext(provider, counter);
        var queries = new MappingReportQueries(db);

        foreach (var (region, type) in new (string?, OrganisationType?)[] { (null, null), (null, OrganisationType.PCC), ("London", OrganisationType.LOCAL_AUTHORITY) })
        {
            foreach (var (name, commands, run) in Aggregates)
            {
                counter.Reset();
                await run(queries, region, type);
                counter.Count.ShouldBe(commands, $"{name} ({region ?? "all regions"}, {type?.ToString() ?? "all types"})");
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Counting_and_summing_happen_in_sql(DatabaseProvider provider)
    {
        var counter = new CommandCounter();
        await using var db = databases.CreateContext(provider, counter);
        var queries = new MappingReportQueries(db);

        foreach (var (name, _, run) in Aggregates.Where(a => a.Name is not "servicesCommissioned" and not "ftePerHead"))
        {
            counter.Reset();
            await run(queries, null, null);
            counter.Texts.ShouldAllBe(sql => sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase), name);
        }

        counter.Reset();
        await queries.ComputeAsync(MappingReportAggregates.Staffing, Survey);
        counter.Texts.ShouldContain(sql => sql.Contains("SUM(", StringComparison.OrdinalIgnoreCase) && sql.Contains("GROUP BY", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task An_empty_database_needs_no_more_commands(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var counter = new CommandCounter();
        await using var db = InterceptedContext.Create(provider, database.ConnectionString, counter);
        var queries = new MappingReportQueries(db);
        foreach (var (name, commands, run) in Aggregates)
        {
            counter.Reset();
            await run(queries, null, null);
            counter.Count.ShouldBeInRange(1, commands, name);
        }
    }
}
