using System.Collections.Frozen;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Aggregates;

/// <summary>
/// What one organisation adds to every aggregate of the mapping report in one survey: its own attributes (type,
/// region, scope, tier, population, survey status) and its counts and sums. Every aggregate of the report is a sum of
/// these over the organisations its region and type select, because each counted row (response, answer, commissioner,
/// staff line, service) belongs to exactly one organisation through its response.
/// </summary>
public sealed record OrganisationContribution(
    int OrganisationId,
    string Code,
    OrganisationType Type,
    string? Region,
    bool InScope,
    CouncilTier? CouncilTier,
    int? Population,
    SurveyStatus Status)
{
    public int Responses { get; init; }

    public int ActivitiesAnswered { get; init; }

    public IReadOnlyDictionary<CommissioningActivity, int> Activities { get; init; } = Empty<CommissioningActivity>();

    public int LeadAnswered { get; init; }

    public IReadOnlyDictionary<LeadAnswer, int> LeadAnswers { get; init; } = Empty<LeadAnswer>();

    public IReadOnlyDictionary<ResponseFocus, int> Focus { get; init; } = Empty<ResponseFocus>();

    public IReadOnlyDictionary<JointCommissioningGroupAnswer, int> JointCommissioningGroup { get; init; } = Empty<JointCommissioningGroupAnswer>();

    /// <summary>Commissioners named in the responses by (department category, seniority, job title).</summary>
    public IReadOnlyList<CommissionerGroup> Commissioners { get; init; } = [];

    /// <summary>Staff lines and FTE per responsibility.</summary>
    public IReadOnlyDictionary<StaffResponsibility, (int Staff, decimal Fte)> Staff { get; init; } = Empty<StaffResponsibility, (int, decimal)>();

    /// <summary>Per service type: whether any response commissions it alone, jointly, women-only.</summary>
    public IReadOnlyDictionary<int, (bool Sole, bool Joint, bool WomenOnly)> Services { get; init; } = Empty<int, (bool, bool, bool)>();

    private static IReadOnlyDictionary<TKey, int> Empty<TKey>() where TKey : notnull => FrozenDictionary<TKey, int>.Empty;

    private static IReadOnlyDictionary<TKey, TValue> Empty<TKey, TValue>() where TKey : notnull => FrozenDictionary<TKey, TValue>.Empty;
}

/// <summary>How many commissioners of one organisation share a department category, seniority and job title.</summary>
public sealed record CommissionerGroup(DepartmentCategory? Category, Seniority? Seniority, string? JobTitle, int Count);

/// <summary>
/// Every organisation's <see cref="OrganisationContribution"/> to one survey's mapping report, and the report's
/// aggregates summed from them. Loading all of them is a fixed number of GROUP BY commands (one per table, grouped by
/// organisation); <see cref="RefreshAsync"/> reloads only the organisations a change touched, with the same commands
/// restricted to them, so the first report after a change costs the changed organisations' rows, not the whole
/// database's (issue 18 §5). Immutable: a refresh returns a new instance, so readers of the old one are undisturbed.
/// The aggregates are exactly those of <see cref="MappingReportQueries"/>, which stays the definition (the tests
/// compare the two on every aggregate).
/// </summary>
public sealed class MappingReportContributions
{
    // Never changed once built (a refresh copies it): a plain dictionary, since a refresh rebuilds it for every
    // organisation and a frozen one costs more to build than the whole refresh's SQL.
    private readonly Dictionary<int, OrganisationContribution> _byOrganisation;

    private MappingReportContributions(string surveyCode, Dictionary<int, OrganisationContribution> byOrganisation)
    {
        SurveyCode = surveyCode;
        _byOrganisation = byOrganisation;
    }

    public string SurveyCode { get; }

    public IReadOnlyCollection<OrganisationContribution> Organisations => _byOrganisation.Values;

    /// <summary>The id of the organisation with <paramref name="code"/> as loaded (a removed one is still found here until refreshed).</summary>
    public int? IdOf(string code) => _byOrganisation.Values.FirstOrDefault(c => c.Code == code)?.OrganisationId;

    /// <summary>Every organisation's contribution to <paramref name="surveyCode"/>.</summary>
    public static async Task<MappingReportContributions> LoadAsync(DirectoryDbContext db, string surveyCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var loaded = await LoadOrganisationsAsync(db, surveyCode, null, cancellationToken);
        return new MappingReportContributions(surveyCode, loaded);
    }

    /// <summary>
    /// A copy with the contributions of <paramref name="organisationIds"/> read again (those no longer in the database
    /// dropped, new ones added); every other organisation's is kept as it was.
    /// </summary>
    public async Task<MappingReportContributions> RefreshAsync(
        DirectoryDbContext db, IReadOnlyCollection<int> organisationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisationIds);
        if (organisationIds.Count == 0)
        {
            return this;
        }

        var reloaded = await LoadOrganisationsAsync(db, SurveyCode, organisationIds, cancellationToken);
        var merged = new Dictionary<int, OrganisationContribution>(_byOrganisation);
        foreach (var id in organisationIds)
        {
            merged.Remove(id);
        }
        foreach (var (id, contribution) in reloaded)
        {
            merged[id] = contribution;
        }
        return new MappingReportContributions(SurveyCode, merged);
    }

    private static async Task<Dictionary<int, OrganisationContribution>> LoadOrganisationsAsync(
        DirectoryDbContext db, string surveyCode, IReadOnlyCollection<int>? only, CancellationToken cancellationToken)
    {
        var ids = only?.Distinct().ToList();
        var statuses = new OrganisationStatusQueries(db).Statuses(surveyCode);
        var responses = db.SurveyResponses.AsNoTracking().Where(r => r.SurveyRound.Code == surveyCode);
        if (ids is not null)
        {
            statuses = statuses.Where(s => ids.Contains(s.OrganisationId));
            responses = responses.Where(r => ids.Contains(r.OrganisationId));
        }
        var responseIds = responses.Select(r => r.Id);

        var organisations = await statuses
            .Select(s => new OrganisationContribution(
                s.OrganisationId, s.Organisation.Code, s.OrganisationType, s.Region, s.InScope, s.CouncilTier, s.Organisation.Population, s.Status))
            .ToDictionaryAsync(c => c.OrganisationId, cancellationToken);

        var answers = await responses
            .GroupBy(r => new { r.OrganisationId, r.Focus, r.JointCommissioningGroup })
            .Select(g => new { g.Key.OrganisationId, g.Key.Focus, g.Key.JointCommissioningGroup, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var (activities, activitiesAnswered) = await MultiChoiceAsync(db.SurveyResponseActivities.Join(responses, a => a.ResponseId, r => r.Id,
            (a, r) => new Chosen<CommissioningActivity> { ResponseId = a.ResponseId, OrganisationId = r.OrganisationId, Option = a.Activity }), cancellationToken);
        var (leadAnswers, leadAnswered) = await MultiChoiceAsync(db.SurveyResponseLeadAnswers.Join(responses, a => a.ResponseId, r => r.Id,
            (a, r) => new Chosen<LeadAnswer> { ResponseId = a.ResponseId, OrganisationId = r.OrganisationId, Option = a.Answer }), cancellationToken);

        var nullableResponseIds = responses.Select(r => (int?)r.Id);
        var commissioners = await db.Contacts.AsNoTracking()
            .Where(c => c.Role == ContactRole.COMMISSIONER && nullableResponseIds.Contains(c.ResponseId))
            .GroupBy(c => new { c.Response!.OrganisationId, Category = c.Department == null ? null : c.Department.Category, c.Seniority, c.JobTitle })
            .Select(g => new { g.Key.OrganisationId, g.Key.Category, g.Key.Seniority, g.Key.JobTitle, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var staff = await db.StaffLines.AsNoTracking()
            .Where(s => responseIds.Contains(s.ResponseId))
            .GroupBy(s => new { s.Response.OrganisationId, s.Responsibility })
            .Select(g => new { g.Key.OrganisationId, g.Key.Responsibility, Staff = g.Count(), Fte = g.Sum(s => s.Fte) })
            .ToListAsync(cancellationToken);

        var services = await db.ServicesCommissioned
            .Where(s => responseIds.Contains(s.ResponseId))
            .Select(s => new { s.ServiceTypeId, s.Commissioning, s.WomenOnly, s.Response.OrganisationId })
            .GroupBy(s => new { s.OrganisationId, s.ServiceTypeId })
            .Select(g => new
            {
                g.Key.OrganisationId,
                g.Key.ServiceTypeId,
                Sole = g.Max(s => s.Commissioning == CommissioningArrangement.SOLE ? 1 : 0),
                Joint = g.Max(s => s.Commissioning == CommissioningArrangement.JOINT ? 1 : 0),
                WomenOnly = g.Max(s => s.WomenOnly ? 1 : 0),
            })
            .ToListAsync(cancellationToken);

        var answersBy = answers.ToLookup(a => a.OrganisationId);
        var commissionersBy = commissioners.ToLookup(c => c.OrganisationId);
        var staffBy = staff.ToLookup(s => s.OrganisationId);
        var servicesBy = services.ToLookup(s => s.OrganisationId);
        foreach (var (id, organisation) in organisations)
        {
            var own = answersBy[id].ToList();
            organisations[id] = organisation with
            {
                Responses = own.Sum(a => a.Count),
                Focus = Counts(own.Where(a => a.Focus is not null), a => a.Focus!.Value, a => a.Count),
                JointCommissioningGroup = Counts(own.Where(a => a.JointCommissioningGroup is not null), a => a.JointCommissioningGroup!.Value, a => a.Count),
                ActivitiesAnswered = activitiesAnswered.GetValueOrDefault(id),
                Activities = Counts(activities[id], a => a.Option, a => a.Count),
                LeadAnswered = leadAnswered.GetValueOrDefault(id),
                LeadAnswers = Counts(leadAnswers[id], a => a.Option, a => a.Count),
                Commissioners = commissionersBy[id].Select(c => new CommissionerGroup(c.Category, c.Seniority, c.JobTitle, c.Count)).ToList(),
                Staff = staffBy[id].ToFrozenDictionary(s => s.Responsibility, s => (s.Staff, s.Fte)),
                Services = servicesBy[id].ToFrozenDictionary(s => s.ServiceTypeId, s => (s.Sole == 1, s.Joint == 1, s.WomenOnly == 1)),
            };
        }
        return organisations;
    }

    /// <summary>An answer to a multiple-choice question, with its response's organisation.</summary>
    private sealed class Chosen<TOption>
    {
        public int ResponseId { get; init; }

        public int OrganisationId { get; init; }

        public TOption Option { get; init; } = default!;
    }

    /// <summary>Per organisation: how many times each option was chosen, and how many responses chose any.</summary>
    private static async Task<(ILookup<int, (TOption Option, int Count)> Counts, Dictionary<int, int> Answered)> MultiChoiceAsync<TOption>(
        IQueryable<Chosen<TOption>> chosen, CancellationToken cancellationToken)
    {
        var counts = await chosen
            .GroupBy(a => new { a.OrganisationId, a.Option })
            .Select(g => new { g.Key.OrganisationId, g.Key.Option, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var answered = await chosen
            .Select(a => new { a.ResponseId, a.OrganisationId }).Distinct()
            .GroupBy(a => a.OrganisationId)
            .Select(g => new { OrganisationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.OrganisationId, g => g.Count, cancellationToken);
        return (counts.ToLookup(c => c.OrganisationId, c => (c.Option, c.Count)), answered);
    }

    private static FrozenDictionary<TKey, int> Counts<TRow, TKey>(IEnumerable<TRow> rows, Func<TRow, TKey> key, Func<TRow, int> count)
        where TKey : notnull =>
        rows.GroupBy(key).ToFrozenDictionary(g => g.Key, g => g.Sum(count));

    // The aggregates, summed over the organisations a region and type select; same meaning, order and arithmetic as
    // MappingReportQueries.

    /// <summary>In-scope organisations of the type (or of the three surveyed types) and region.</summary>
    private IEnumerable<OrganisationContribution> Population(string? region, OrganisationType? type)
    {
        if (type is { } only && !MappingReportQueries.ReportOrganisationTypes.Contains(only))
        {
            throw new ArgumentOutOfRangeException(nameof(type), only, "The mapping report covers LOCAL_AUTHORITY, PCC and CCG only.");
        }

        return _byOrganisation.Values.Where(o => o.InScope
            && (type is { } t ? o.Type == t : MappingReportQueries.ReportOrganisationTypes.Contains(o.Type))
            && (region is null || o.Region == region));
    }

    public Coverage Coverage(string? region = null)
    {
        var population = Population(region, null).ToList();
        var rows = MappingReportQueries.ReportOrganisationTypes.Select(type =>
        {
            int Count(SurveyStatus status) => population.Count(o => o.Type == type && o.Status == status);
            var completed = Count(SurveyStatus.COMPLETED);
            var additional = Count(SurveyStatus.ADDITIONAL_CONTACT);
            var notReceived = Count(SurveyStatus.NOT_RECEIVED);
            return new CoverageRow(type, completed, additional, notReceived, completed + additional + notReceived);
        }).ToList();
        var outOfScope = _byOrganisation.Values.Where(o => !o.InScope && (region is null || o.Region == region)).Sum(o => o.Responses);
        return new Coverage(rows, outOfScope, population.Sum(o => o.Responses));
    }

    public int ResponseCount(string? region = null, OrganisationType? orgType = null) => Population(region, orgType).Sum(o => o.Responses);

    public IReadOnlyList<DepartmentShare> DepartmentBreakdown(string? region = null, OrganisationType? orgType = null)
    {
        var groups = Population(region, orgType).SelectMany(o => o.Commissioners)
            .GroupBy(c => MappingReportQueries.CategoryName(c.Category), StringComparer.Ordinal)
            .Select(g => (Category: g.Key, Count: g.Sum(c => c.Count)))
            .ToList();
        var total = groups.Sum(g => g.Count);
        return groups
            .OrderByDescending(g => g.Count).ThenBy(g => g.Category, StringComparer.Ordinal)
            .Select(g => new DepartmentShare(g.Category, g.Count, MappingReportQueries.Percent(g.Count, total)))
            .ToList();
    }

    public QuestionBreakdown Activities(string? region = null, OrganisationType? orgType = null)
    {
        var population = Population(region, orgType).ToList();
        return MappingReportQueries.Breakdown(population.Sum(o => o.ActivitiesAnswered), Options(population.Select(o => o.Activities)));
    }

    public QuestionBreakdown LeadStatus(string? region = null, OrganisationType? orgType = null)
    {
        var population = Population(region, orgType).ToList();
        return MappingReportQueries.Breakdown(population.Sum(o => o.LeadAnswered), Options(population.Select(o => o.LeadAnswers)));
    }

    public QuestionBreakdown Focus(string? region = null, OrganisationType? orgType = null) =>
        SingleChoice(Options(Population(region, orgType).Select(o => o.Focus)));

    public QuestionBreakdown JointCommissioningGroup(string? region = null, OrganisationType? orgType = null) =>
        SingleChoice(Options(Population(region, orgType).Select(o => o.JointCommissioningGroup)));

    public QuestionBreakdown Seniority(string? region = null, OrganisationType? orgType = null) =>
        SingleChoice(Population(region, orgType).SelectMany(o => o.Commissioners).Where(c => c.Seniority is not null)
            .GroupBy(c => c.Seniority!.Value.ToString(), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(c => c.Count)))
            .ToList());

    /// <summary>A single-choice question: every answer is in exactly one group, so the answered are the groups' sum.</summary>
    private static QuestionBreakdown SingleChoice(IReadOnlyList<(string Option, int Count)> groups) =>
        MappingReportQueries.Breakdown(groups.Sum(g => g.Count), groups);

    private static List<(string Option, int Count)> Options<TOption>(IEnumerable<IReadOnlyDictionary<TOption, int>> perOrganisation)
        where TOption : struct, Enum =>
        perOrganisation.SelectMany(d => d)
            .GroupBy(p => p.Key)
            .Select(g => (g.Key.ToString(), g.Sum(p => p.Value)))
            .ToList();

    public Staffing Staffing(string? region = null, OrganisationType? orgType = null)
    {
        var population = Population(region, orgType).ToList();
        var reportingTeams = population.Select(o => o.Staff.Values.Sum(s => s.Staff)).Where(size => size > 0).ToList();
        var reporting = reportingTeams.Count;
        var unknown = population.Count(o => o.Status == SurveyStatus.NOT_RECEIVED && o.CouncilTier != CouncilTier.DISTRICT);

        decimal Estimate(decimal fte) => reporting == 0 ? 0m : fte * (reporting + unknown) / reporting;

        var rows = Enum.GetValues<StaffResponsibility>().Select(responsibility =>
        {
            var lines = population.Select(o => o.Staff.GetValueOrDefault(responsibility)).ToList();
            var fte = AsSummedInSql(lines.Sum(l => l.Fte));
            return new StaffingRow(responsibility, lines.Sum(l => l.Staff), fte, Estimate(fte));
        }).ToList();
        var totalFte = rows.Sum(r => r.Fte);
        var total = new StaffingRow(null, rows.Sum(r => r.Staff), totalFte, Estimate(totalFte));
        var teamSizes = reportingTeams.GroupBy(size => size).OrderBy(g => g.Key)
            .Select(g => new TeamSize(g.Key, g.Count(), MappingReportQueries.Percent(g.Count(), reporting)))
            .ToList();
        return new Staffing(rows, total, reporting, unknown, teamSizes);
    }

    /// <summary>The councils' rows read the organisations themselves (one command), as <see cref="MappingReportQueries.FtePerHeadAsync"/> does.</summary>
    public async Task<FtePerHead> FtePerHeadAsync(DirectoryDbContext db, string? region = null, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var councils = Population(region, OrganisationType.LOCAL_AUTHORITY)
            .Where(o => o.Population > 0 && o.Staff.Count > 0)
            .Select(o => (o.OrganisationId, o.Population!.Value, AsSummedInSql(o.Staff.Values.Sum(s => s.Fte))))
            .ToList();
        return await MappingReportQueries.FtePerHeadOfAsync(db, councils, limit, cancellationToken);
    }

    /// <summary>
    /// A sum of FTE in the form SQL gives it: the integer sum of ten-thousandths divided by 10,000 (the column's
    /// converter), so 2.55 + 2.55 reads 5.1, as the definition's, not 5.10.
    /// </summary>
    private static decimal AsSummedInSql(decimal fte) => decimal.ToInt64(fte * 10_000m) / 10_000m;

    /// <summary>Every service type (read from the database, one command) with the organisations commissioning it.</summary>
    public async Task<IReadOnlyList<ServiceCommissioningShare>> ServicesCommissionedAsync(
        DirectoryDbContext db, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = Population(region, orgType).SelectMany(o => o.Services)
            .GroupBy(s => s.Key)
            .ToDictionary(g => g.Key, g => (Sole: g.Count(s => s.Value.Sole), Joint: g.Count(s => s.Value.Joint), WomenOnly: g.Count(s => s.Value.WomenOnly)));
        return await MappingReportQueries.ServiceSharesAsync(db, counts, cancellationToken);
    }

    public IReadOnlyList<JobTitleGroup> JobTitles(string? region = null, OrganisationType? orgType = null) =>
        MappingReportQueries.JobTitleGroups(Population(region, orgType).SelectMany(o => o.Commissioners)
            .Where(c => c.JobTitle is not null)
            .GroupBy(c => (c.Category, c.JobTitle))
            .Select(g => (g.Key.Category, g.Key.JobTitle!, g.Sum(c => c.Count))));
}
