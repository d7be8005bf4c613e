using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Aggregates;

/// <summary>The arguments an aggregate may take: the report's region, the field's <c>orgType</c> and <c>limit</c>.</summary>
public sealed record MappingReportArguments(string? Region = null, OrganisationType? OrgType = null, int? Limit = null)
{
    /// <summary>The in-scope organisations of the region and type.</summary>
    public ReportScope Scope => new ReportScope(Region, OrgType).Checked();
}

/// <summary>
/// Where an aggregate reads its tallies' groups: from SQL for a scope (<see cref="MappingReportQueries"/>, the
/// definition) or summed from the organisations' cached contributions (<see cref="MappingReportContributions"/>).
/// </summary>
public interface IMappingReportTallies
{
    /// <summary>For the few entities a result carries (service types).</summary>
    DirectoryDbContext Db { get; }

    /// <summary>The organisations with <paramref name="ids"/> (untracked), which a result carries, by id.</summary>
    Task<Func<int, Organisation>> OrganisationsAsync(IEnumerable<int> ids, CancellationToken cancellationToken);

    /// <summary>The tally's groups over the organisations of <paramref name="scope"/>.</summary>
    Task<IReadOnlyList<TallyGroup<TKey>>> GroupsAsync<TRow, TKey>(MappingReportTally<TRow, TKey> tally, ReportScope scope, CancellationToken cancellationToken);

    /// <summary><paramref name="fold"/> of the tally's groups over the organisations of <paramref name="scope"/>.</summary>
    Task<TState> FoldAsync<TRow, TKey, TState>(MappingReportTally<TRow, TKey> tally, ReportScope scope, TallyFold<TKey, TState> fold, CancellationToken cancellationToken)
        where TState : class;
}

/// <summary>One aggregate of the report: the <c>MappingReport</c> field it answers and the tallies it reads.</summary>
public abstract class MappingReportAggregate
{
    private protected MappingReportAggregate(string field, IReadOnlyList<IMappingReportTally> tallies)
    {
        Field = field;
        Tallies = tallies;
    }

    /// <summary>The field of GraphQL <c>MappingReport</c> the aggregate answers (bound by this name).</summary>
    public string Field { get; }

    /// <summary>What it counts; the contributions read every aggregate's tallies.</summary>
    public IReadOnlyList<IMappingReportTally> Tallies { get; }

    /// <summary>The aggregate for the arguments, as an object (for the resolver, which binds every field alike).</summary>
    public abstract Task<object?> ComputeObjectAsync(IMappingReportTallies tallies, MappingReportArguments arguments, CancellationToken cancellationToken);
}

/// <summary>An aggregate whose result is a <typeparamref name="TResult"/> (a record of MappingReportRecords.cs, or a scalar).</summary>
public sealed class MappingReportAggregate<TResult>(
    string field,
    Func<IMappingReportTallies, MappingReportArguments, CancellationToken, Task<TResult>> compute,
    params IMappingReportTally[] tallies) : MappingReportAggregate(field, tallies)
{
    public Task<TResult> ComputeAsync(IMappingReportTallies tallies, MappingReportArguments arguments, CancellationToken cancellationToken = default) =>
        compute(tallies, arguments, cancellationToken);

    public override async Task<object?> ComputeObjectAsync(IMappingReportTallies tallies, MappingReportArguments arguments, CancellationToken cancellationToken) =>
        await compute(tallies, arguments, cancellationToken);
}

/// <summary>
/// The aggregates of the STADV mapping report, one declaration each (see docs/data.md, "Mapping report"): what it
/// counts, as tallies of the survey's rows (shared where several aggregates count the same rows), and how its result
/// is made from their groups. The same declaration gives the SQL definition (each tally grouped by its key over the
/// scope) and the service's answer (each tally grouped by organisation, summed over the scope's organisations); the
/// arithmetic after the groups is this file's, so the two agree by construction. Percentages and FTE are exact
/// decimals: counts and sums come from SQL as integers (FTE is stored as ten-thousandths) and are divided here.
/// Only in-scope organisations of the surveyed types are counted: responses from organisations outside the survey
/// population appear solely as <see cref="Data.Aggregates.Coverage.OutOfScopeResponses"/>.
/// </summary>
public static class MappingReportAggregates
{
    /// <summary>The category reported for commissioners without a (categorised) department.</summary>
    public const string NotListed = "NOT_LISTED";

    /// <summary>In-scope organisations per type by survey status, and the responses from out-of-scope organisations.</summary>
    public static MappingReportAggregate<Coverage> Coverage { get; }

    /// <summary>
    /// The survey's responses from the in-scope organisations of the type and region: the responses the other
    /// aggregates count (unlike <c>Survey.responseCount</c>, which counts every response nationally).
    /// </summary>
    public static MappingReportAggregate<int> ResponseCount { get; }

    /// <summary>The department categories of the commissioners named in the responses, most common first.</summary>
    public static MappingReportAggregate<IReadOnlyList<DepartmentShare>> DepartmentBreakdown { get; }

    /// <summary>The activities commissioners are involved in, as a share of the responses that chose any (multi-select).</summary>
    public static MappingReportAggregate<QuestionBreakdown> Activities { get; }

    /// <summary>The answers about a DA/VAWG lead, as a share of the responses that gave any (multi-select).</summary>
    public static MappingReportAggregate<QuestionBreakdown> LeadStatus { get; }

    /// <summary>The focus of the organisations' DA work, as a share of the responses that answered.</summary>
    public static MappingReportAggregate<QuestionBreakdown> Focus { get; }

    /// <summary>The seniority of the commissioners named in the responses, as a share of those with a seniority.</summary>
    public static MappingReportAggregate<QuestionBreakdown> Seniority { get; }

    /// <summary>Whether a joint commissioning group exists, as a share of the responses that answered.</summary>
    public static MappingReportAggregate<QuestionBreakdown> JointCommissioningGroup { get; }

    /// <summary>
    /// Staff lines and FTE per responsibility (all five, in questionnaire order) and in total, with the estimate for
    /// the whole population fte × (R + U) / R; R = <see cref="Data.Aggregates.Staffing.ReportingOrganisations"/>
    /// (organisations with at least one staff line), U = <see cref="Data.Aggregates.Staffing.UnknownCommissioningOrganisations"/>
    /// (NOT_RECEIVED organisations that commission at their own level, i.e. not district councils). Estimates are 0
    /// when R is 0.
    /// </summary>
    public static MappingReportAggregate<Staffing> Staffing { get; }

    /// <summary>
    /// The councils with staff lines and a population, by total FTE per 100,000 population: the <c>limit</c> (10)
    /// highest (highest first) and lowest (lowest first), ties by organisation code; and all of them by code. The exact
    /// ratio is ordered here in decimal, because SQL would divide in floating point (or in integers on SQLite).
    /// </summary>
    public static MappingReportAggregate<FtePerHead> FtePerHead { get; }

    /// <summary>
    /// Per service type (all of them, by category then name): the distinct organisations commissioning it alone,
    /// jointly, and as a women-only service.
    /// </summary>
    public static MappingReportAggregate<IReadOnlyList<ServiceCommissioningShare>> ServicesCommissioned { get; }

    /// <summary>
    /// The job titles of the commissioners named in the responses, grouped by department category (NOT_LISTED when
    /// none): groups by number of commissioners, then category; titles by count, then title.
    /// </summary>
    public static MappingReportAggregate<IReadOnlyList<JobTitleGroup>> JobTitles { get; }

    /// <summary>Every aggregate, in schema order; the API binds each to the <c>MappingReport</c> field it names.</summary>
    public static IReadOnlyList<MappingReportAggregate> All { get; }

    /// <summary>Every tally the aggregates read, once each: what an organisation's contribution holds.</summary>
    public static IReadOnlyList<IMappingReportTally> Tallies { get; }

#pragma warning disable CA1810 // The tallies' keys are anonymous types: they can only be declared as locals, here.
    static MappingReportAggregates()
#pragma warning restore CA1810
    {
        // Each organisation once, by type and status (and whether a district council: the estimate leaves those out).
        var organisations = MappingReportTally.Count(rows => rows.Statuses, s => s.OrganisationId,
            s => new { Type = s.OrganisationType, s.Status, District = s.CouncilTier == CouncilTier.DISTRICT });
        // Each response by its single-choice answers and whether it chose any option of each multi-select question.
        var responses = MappingReportTally.Count(rows => rows.Responses, r => r.OrganisationId,
            r => new { r.Focus, r.JointCommissioningGroup, ChoseActivity = r.Activities.Any(), ChoseLead = r.LeadAnswers.Any() });
        var activities = MappingReportTally.Count(rows => rows.Activities, a => a.OrganisationId, a => a.Option);
        var leadAnswers = MappingReportTally.Count(rows => rows.LeadAnswers, a => a.OrganisationId, a => a.Option);
        var commissioners = MappingReportTally.Count(rows => rows.Commissioners, c => c.Response!.OrganisationId,
            c => new { Category = c.Department == null ? null : c.Department.Category, c.Seniority, c.JobTitle });
        // Per organisation as well as per responsibility: team sizes and FTE per head are per organisation.
        // With the organisation's code and population, which ftePerHead ranks its councils by.
        var staff = MappingReportTally.Sum(rows => rows.StaffLines, s => s.Response.OrganisationId,
            s => new { Organisation = s.Response.OrganisationId, s.Response.Organisation.Code, s.Response.Organisation.Population, s.Responsibility },
            s => s.Fte);
        // The staff groups are per organisation (tens of thousands at ×100): staffing and ftePerHead keep folds of them
        // that follow a change, rather than passing over every group after each one (issue 18 §5).
        static (TallyFold<TKey, StaffTeams> Teams, TallyFold<TKey, CouncilRanking> Ranking) StaffFolds<TRow, TKey>(
            MappingReportTally<TRow, TKey> tally, Func<TallyGroup<TKey>, StaffGroup> group) =>
            (tally.Fold(group, StaffTeams.Empty, (teams, removed, added) => teams.With(removed, added)),
             tally.Fold(group, CouncilRanking.Empty, (ranking, removed, added) => ranking.With(removed, added)));
        var (staffTeams, councilRanking) = StaffFolds(staff,
            g => new StaffGroup(g.Key.Organisation, g.Key.Code, g.Key.Population, g.Key.Responsibility, g.Count, g.Amount));
        // Counted as distinct organisations: an organisation counts once however many of its responses name the service.
        var arrangements = MappingReportTally.Count(rows => rows.ServicesCommissioned, s => s.Response.OrganisationId,
            s => new { s.ServiceTypeId, s.Commissioning });
        var womenOnly = MappingReportTally.Count(rows => rows.ServicesCommissioned.Where(s => s.WomenOnly), s => s.Response.OrganisationId,
            s => s.ServiceTypeId);

        ResponseCount = new("responseCount", async (t, a, ct) =>
            (await t.GroupsAsync(responses, a.Scope, ct)).Sum(g => g.Count), responses);

        Coverage = new("coverage", async (t, a, ct) =>
        {
            var statuses = await t.GroupsAsync(organisations, new ReportScope(a.Region, null), ct);
            var rows = ReportScope.SurveyedTypes.Select(type =>
            {
                int Count(SurveyStatus status) => statuses.Where(g => g.Key.Type == type && g.Key.Status == status).Sum(g => g.Count);
                var completed = Count(SurveyStatus.COMPLETED);
                var additional = Count(SurveyStatus.ADDITIONAL_CONTACT);
                var notReceived = Count(SurveyStatus.NOT_RECEIVED);
                return new CoverageRow(type, completed, additional, notReceived, completed + additional + notReceived);
            }).ToList();
            var outOfScope = await t.GroupsAsync(responses, new ReportScope(a.Region, null, OutOfScope: true), ct);
            var inScope = await t.GroupsAsync(responses, new ReportScope(a.Region, null), ct);
            return new Coverage(rows, outOfScope.Sum(g => g.Count), inScope.Sum(g => g.Count));
        }, organisations, responses);

        DepartmentBreakdown = new("departmentBreakdown", async (t, a, ct) =>
        {
            var groups = (await t.GroupsAsync(commissioners, a.Scope, ct))
                .GroupBy(g => CategoryName(g.Key.Category), StringComparer.Ordinal)
                .Select(g => (Category: g.Key, Count: g.Sum(c => c.Count)))
                .ToList();
            var total = groups.Sum(g => g.Count);
            return (IReadOnlyList<DepartmentShare>)groups
                .OrderByDescending(g => g.Count).ThenBy(g => g.Category, StringComparer.Ordinal)
                .Select(g => new DepartmentShare(g.Category, g.Count, Percent(g.Count, total)))
                .ToList();
        }, commissioners);

        Activities = new("activities", async (t, a, ct) => Breakdown(
            (await t.GroupsAsync(responses, a.Scope, ct)).Where(g => g.Key.ChoseActivity).Sum(g => g.Count),
            Options(await t.GroupsAsync(activities, a.Scope, ct), g => g.Key)), responses, activities);

        LeadStatus = new("leadStatus", async (t, a, ct) => Breakdown(
            (await t.GroupsAsync(responses, a.Scope, ct)).Where(g => g.Key.ChoseLead).Sum(g => g.Count),
            Options(await t.GroupsAsync(leadAnswers, a.Scope, ct), g => g.Key)), responses, leadAnswers);

        Focus = new("focus", async (t, a, ct) =>
            SingleChoice(Options(await t.GroupsAsync(responses, a.Scope, ct), g => g.Key.Focus)), responses);

        Seniority = new("seniority", async (t, a, ct) =>
            SingleChoice(Options(await t.GroupsAsync(commissioners, a.Scope, ct), g => g.Key.Seniority)), commissioners);

        JointCommissioningGroup = new("jointCommissioningGroup", async (t, a, ct) =>
            SingleChoice(Options(await t.GroupsAsync(responses, a.Scope, ct), g => g.Key.JointCommissioningGroup)), responses);

        Staffing = new("staffing", async (t, a, ct) =>
        {
            var teams = await t.FoldAsync(staff, a.Scope, staffTeams, ct);
            // Team size = staff lines per organisation (over all its responses in the survey).
            var reporting = teams.LinesOf.Count;
            var unknown = (await t.GroupsAsync(organisations, a.Scope, ct))
                .Where(g => g.Key.Status == SurveyStatus.NOT_RECEIVED && !g.Key.District).Sum(g => g.Count);

            decimal Estimate(decimal fte) => reporting == 0 ? 0m : fte * (reporting + unknown) / reporting;

            var rows = Enum.GetValues<StaffResponsibility>().Select(responsibility =>
            {
                var (staffLines, summed) = teams.ByResponsibility.GetValueOrDefault(responsibility);
                var fte = AsSummedInSql(summed);
                return new StaffingRow(responsibility, staffLines, fte, Estimate(fte));
            }).ToList();
            var totalFte = rows.Sum(r => r.Fte);
            var total = new StaffingRow(null, rows.Sum(r => r.Staff), totalFte, Estimate(totalFte));
            var teamSizes = teams.TeamSizes.Select(s => new TeamSize(s.Key, s.Value, Percent(s.Value, reporting))).ToList();
            return new Staffing(rows, total, reporting, unknown, teamSizes);
        }, staff, organisations);

        FtePerHead = new("ftePerHead", async (t, a, ct) =>
        {
            var limit = a.Limit ?? 10;
            ArgumentOutOfRangeException.ThrowIfNegative(limit);
            // Ranked as the councils' staff lines change (≈ 17,400 councils at ×100, issue 18 §5); every council is
            // listed (councils), made row by row only when read.
            var ranking = await t.FoldAsync(staff, new ReportScope(a.Region, OrganisationType.LOCAL_AUTHORITY), councilRanking, ct);
            var organisation = await t.OrganisationsAsync(ranking.ByCode.Select(c => c.Id), ct);
            return new FtePerHead(
                [.. new RankedRows(ranking.Highest, organisation).Take(limit)], [.. new RankedRows(ranking.Lowest, organisation).Take(limit)],
                new RankedRows(ranking.ByCode, organisation));
        }, staff);

        ServicesCommissioned = new("servicesCommissioned", async (t, a, ct) =>
        {
            var byArrangement = (await t.GroupsAsync(arrangements, a.Scope, ct)).ToLookup(g => g.Key.ServiceTypeId);
            var womenOnlyBy = (await t.GroupsAsync(womenOnly, a.Scope, ct)).ToDictionary(g => g.Key, g => g.Organisations);
            int Organisations(int serviceType, CommissioningArrangement arrangement) =>
                byArrangement[serviceType].Where(g => g.Key.Commissioning == arrangement).Sum(g => g.Organisations);
            var serviceTypes = new List<ServiceType>();
            await foreach (var serviceType in ServiceTypesInOrder.For(t.Db)(t.Db).WithCancellation(ct))
            {
                serviceTypes.Add(serviceType);
            }
            return (IReadOnlyList<ServiceCommissioningShare>)serviceTypes
                .Select(s => new ServiceCommissioningShare(s, Organisations(s.Id, CommissioningArrangement.SOLE),
                    Organisations(s.Id, CommissioningArrangement.JOINT), womenOnlyBy.GetValueOrDefault(s.Id)))
                .ToList();
        }, arrangements, womenOnly);

        JobTitles = new("jobTitles", async (t, a, ct) => (IReadOnlyList<JobTitleGroup>)(await t.GroupsAsync(commissioners, a.Scope, ct))
            .Where(g => g.Key.JobTitle is not null)
            .GroupBy(g => CategoryName(g.Key.Category), StringComparer.Ordinal)
            .Select(g => new
            {
                Category = g.Key,
                Total = g.Sum(c => c.Count),
                Titles = g.GroupBy(c => c.Key.JobTitle!, StringComparer.Ordinal)
                    .Select(t => new JobTitleCount(t.Key, t.Sum(c => c.Count)))
                    .OrderByDescending(c => c.Count).ThenBy(c => c.JobTitle, StringComparer.Ordinal)
                    .ToList(),
            })
            .OrderByDescending(g => g.Total).ThenBy(g => g.Category, StringComparer.Ordinal)
            .Select(g => new JobTitleGroup(g.Category, g.Titles))
            .ToList(), commissioners);

        All = [ResponseCount, Coverage, DepartmentBreakdown, Activities, LeadStatus, Focus, Seniority, JointCommissioningGroup, Staffing, FtePerHead, ServicesCommissioned, JobTitles];
        Tallies = [.. All.SelectMany(a => a.Tallies).Distinct()];
    }

    /// <summary>Every service type by category, then name; compiled, as servicesCommissioned reads them after every change.</summary>
    private static readonly CompiledQuery<Func<DirectoryDbContext, IAsyncEnumerable<ServiceType>>> ServiceTypesInOrder = new(_ => EF.CompileAsyncQuery<DirectoryDbContext, ServiceType>(
        (DirectoryDbContext db) => db.ServiceTypes.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Name).ThenBy(s => s.Id)));

    /// <summary>The organisations with <paramref name="ids"/>, untracked: one command (none for no ids).</summary>
    internal static async Task<Func<int, Organisation>> LoadOrganisationsAsync(
        DirectoryDbContext db, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.ToList();
        var loaded = wanted.Count == 0
            ? []
            : await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        return id => loaded[id];
    }

    /// <summary><paramref name="count"/> as an exact percentage of <paramref name="of"/>; 0 when <paramref name="of"/> is 0.</summary>
    public static decimal Percent(int count, int of) => of == 0 ? 0m : count * 100m / of;

    private static string CategoryName(DepartmentCategory? category) => category?.ToString() ?? NotListed;

    /// <summary>The groups' counts summed by option (an enum; groups without one, unanswered, left out), as names.</summary>
    private static List<(string Option, int Count)> Options<TKey, TOption>(IEnumerable<TallyGroup<TKey>> groups, Func<TallyGroup<TKey>, TOption?> option)
        where TOption : struct, Enum =>
        [.. groups.Where(g => option(g) is not null)
            .GroupBy(g => option(g)!.Value)
            .Select(g => (g.Key.ToString(), g.Sum(o => o.Count)))];

    private static List<(string Option, int Count)> Options<TKey, TOption>(IEnumerable<TallyGroup<TKey>> groups, Func<TallyGroup<TKey>, TOption> option)
        where TOption : struct, Enum =>
        Options(groups, g => (TOption?)option(g));

    /// <summary>A single-choice question: every answer is in exactly one group, so the answered are the groups' sum.</summary>
    private static QuestionBreakdown SingleChoice(List<(string Option, int Count)> groups) => Breakdown(groups.Sum(g => g.Count), groups);

    private static QuestionBreakdown Breakdown(int answered, IEnumerable<(string Option, int Count)> groups) =>
        new(answered, groups
            .OrderByDescending(g => g.Count).ThenBy(g => g.Option, StringComparer.Ordinal)
            .Select(g => new OptionShare(g.Option, g.Count, Percent(g.Count, answered)))
            .ToList());

    /// <summary>
    /// A sum of FTE in the form SQL gives one: the integer sum of ten-thousandths divided by 10,000 (the column's
    /// converter), so 2.55 + 2.55 reads 5.1, not 5.10, whichever way the groups were added up.
    /// </summary>
    internal static decimal AsSummedInSql(decimal fte) => decimal.ToInt64(fte * 10_000m) / 10_000m;
}
