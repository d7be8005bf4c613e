using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Aggregates;

/// <summary>
/// The aggregates of the STADV mapping report, counted and summed by the database (GROUP BY, COUNT, SUM): only one
/// row per group ever reaches the application, and each method issues a fixed number of SQL commands whatever the
/// size of the data. Percentages and FTE are exact decimals: counts and sums come from SQL as integers (FTE is
/// stored as ten-thousandths), and the divisions are done here in <see cref="decimal"/>.
/// <para>
/// Every method takes the survey code, an optional English region (only organisations whose region is exactly that
/// are counted) and, where it applies, one of the surveyed organisation types LOCAL_AUTHORITY, PCC or CCG (null:
/// all three). Only in-scope organisations are counted: responses from organisations outside the survey population
/// appear solely as <see cref="Coverage.OutOfScopeResponses"/>. See docs/data.md, "Mapping report".
/// </para>
/// </summary>
public sealed class MappingReportQueries(DirectoryDbContext db)
{
    /// <summary>The category reported for commissioners without a (categorised) department.</summary>
    public const string NotListed = "NOT_LISTED";

    /// <summary>The organisation types the survey covered, in report order.</summary>
    public static IReadOnlyList<OrganisationType> ReportOrganisationTypes { get; } =
        [OrganisationType.LOCAL_AUTHORITY, OrganisationType.PCC, OrganisationType.CCG];

    private readonly OrganisationStatusQueries _statuses = new(db);

    /// <summary>In-scope organisations per type by survey status, and the responses from out-of-scope organisations.</summary>
    public async Task<Coverage> CoverageAsync(string surveyCode, string? region = null, CancellationToken cancellationToken = default)
    {
        var population = InScopePopulation(region, type: null).Select(o => o.Id);
        var counts = await _statuses.Statuses(surveyCode)
            .Where(s => population.Contains(s.OrganisationId))
            .GroupBy(s => new { s.OrganisationType, s.Status })
            .Select(g => new { g.Key.OrganisationType, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);

        int Count(OrganisationType type, SurveyStatus status) =>
            counts.Where(c => c.OrganisationType == type && c.Status == status).Sum(c => c.Count);

        var rows = ReportOrganisationTypes.Select(type =>
        {
            var completed = Count(type, SurveyStatus.COMPLETED);
            var additional = Count(type, SurveyStatus.ADDITIONAL_CONTACT);
            var notReceived = Count(type, SurveyStatus.NOT_RECEIVED);
            return new CoverageRow(type, completed, additional, notReceived, completed + additional + notReceived);
        }).ToList();

        var outOfScope = db.Organisations.Where(o => !o.InScope);
        if (region is not null)
        {
            outOfScope = outOfScope.Where(o => o.Region == region);
        }

        var outOfScopeIds = outOfScope.Select(o => o.Id);
        // Both response counts in one GROUP BY: the population is in scope by definition, the others are not.
        var responses = await SurveyResponses(surveyCode)
            .Where(r => population.Contains(r.OrganisationId) || outOfScopeIds.Contains(r.OrganisationId))
            .GroupBy(r => r.Organisation.InScope)
            .Select(g => new { InScope = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new Coverage(
            rows,
            responses.Where(r => !r.InScope).Sum(r => r.Count),
            responses.Where(r => r.InScope).Sum(r => r.Count));
    }

    /// <summary>
    /// The survey's responses from the in-scope organisations of the type and region: the responses the other
    /// aggregates count (unlike <c>Survey.responseCount</c>, which counts every response nationally).
    /// </summary>
    public Task<int> ResponseCountAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default) =>
        Responses(surveyCode, region, orgType).CountAsync(cancellationToken);

    /// <summary>The department categories of the commissioners named in the responses, most common first.</summary>
    public async Task<IReadOnlyList<DepartmentShare>> DepartmentBreakdownAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var groups = await Commissioners(surveyCode, region, orgType)
            .GroupBy(c => c.Department == null ? null : c.Department.Category)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var total = groups.Sum(g => g.Count);
        return groups
            .Select(g => new { Category = CategoryName(g.Category), g.Count })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Category, StringComparer.Ordinal)
            .Select(g => new DepartmentShare(g.Category, g.Count, Percent(g.Count, total)))
            .ToList();
    }

    /// <summary>The activities commissioners are involved in, as a share of the responses that chose any (multi-select).</summary>
    public async Task<QuestionBreakdown> ActivitiesAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var responseIds = Responses(surveyCode, region, orgType).Select(r => r.Id);
        var chosen = db.SurveyResponseActivities.Where(a => responseIds.Contains(a.ResponseId));
        var groups = await chosen
            .GroupBy(a => a.Activity)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var answered = await chosen.Select(a => a.ResponseId).Distinct().CountAsync(cancellationToken);
        return Breakdown(answered, groups.Select(g => (g.Key.ToString(), g.Count)));
    }

    /// <summary>The answers about a DA/VAWG lead, as a share of the responses that gave any (multi-select).</summary>
    public async Task<QuestionBreakdown> LeadStatusAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var responseIds = Responses(surveyCode, region, orgType).Select(r => r.Id);
        var chosen = db.SurveyResponseLeadAnswers.Where(a => responseIds.Contains(a.ResponseId));
        var groups = await chosen
            .GroupBy(a => a.Answer)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var answered = await chosen.Select(a => a.ResponseId).Distinct().CountAsync(cancellationToken);
        return Breakdown(answered, groups.Select(g => (g.Key.ToString(), g.Count)));
    }

    /// <summary>The focus of the organisations' DA work, as a share of the responses that answered.</summary>
    public async Task<QuestionBreakdown> FocusAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var groups = await Responses(surveyCode, region, orgType)
            .Where(r => r.Focus != null)
            .GroupBy(r => r.Focus)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Single-choice: every answering response is in exactly one group.
        return Breakdown(groups.Sum(g => g.Count), groups.Select(g => (g.Key!.Value.ToString(), g.Count)));
    }

    /// <summary>Whether a joint commissioning group exists, as a share of the responses that answered.</summary>
    public async Task<QuestionBreakdown> JointCommissioningGroupAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var groups = await Responses(surveyCode, region, orgType)
            .Where(r => r.JointCommissioningGroup != null)
            .GroupBy(r => r.JointCommissioningGroup)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return Breakdown(groups.Sum(g => g.Count), groups.Select(g => (g.Key!.Value.ToString(), g.Count)));
    }

    /// <summary>The seniority of the commissioners named in the responses, as a share of those with a seniority.</summary>
    public async Task<QuestionBreakdown> SeniorityAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var groups = await Commissioners(surveyCode, region, orgType)
            .Where(c => c.Seniority != null)
            .GroupBy(c => c.Seniority)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return Breakdown(groups.Sum(g => g.Count), groups.Select(g => (g.Key!.Value.ToString(), g.Count)));
    }

    /// <summary>
    /// Staff lines and FTE per responsibility (all five, in questionnaire order) and in total, with the estimate for
    /// the whole population fte × (R + U) / R; R = <see cref="Staffing.ReportingOrganisations"/> (organisations with
    /// at least one staff line), U = <see cref="Staffing.UnknownCommissioningOrganisations"/> (NOT_RECEIVED
    /// organisations that commission at their own level, i.e. not district councils). Estimates are 0 when R is 0.
    /// </summary>
    public async Task<Staffing> StaffingAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var lines = StaffLines(surveyCode, region, orgType);
        var perResponsibility = await lines
            .GroupBy(s => s.Responsibility)
            .Select(g => new { Responsibility = g.Key, Staff = g.Count(), Fte = g.Sum(s => s.Fte) })
            .ToListAsync(cancellationToken);

        // Team size = staff lines per organisation (over all its responses in the survey); grouped twice in SQL.
        var sizes = await lines
            .GroupBy(s => s.Response.OrganisationId)
            .Select(g => g.Count())
            .GroupBy(size => size)
            .Select(g => new { Size = g.Key, Organisations = g.Count() })
            .ToListAsync(cancellationToken);

        // Each reporting organisation has exactly one team size, so R is the sum of the size groups.
        var reporting = sizes.Sum(s => s.Organisations);
        var population = InScopePopulation(region, orgType).Select(o => o.Id);
        var unknown = await _statuses.Statuses(surveyCode)
            .Where(s => population.Contains(s.OrganisationId)
                && s.Status == SurveyStatus.NOT_RECEIVED
                && s.CouncilTier != CouncilTier.DISTRICT)
            .CountAsync(cancellationToken);

        decimal Estimate(decimal fte) => reporting == 0 ? 0m : fte * (reporting + unknown) / reporting;

        var rows = Enum.GetValues<StaffResponsibility>().Select(responsibility =>
        {
            var group = perResponsibility.SingleOrDefault(g => g.Responsibility == responsibility);
            var fte = group?.Fte ?? 0m;
            return new StaffingRow(responsibility, group?.Staff ?? 0, fte, Estimate(fte));
        }).ToList();
        var totalFte = rows.Sum(r => r.Fte);
        var total = new StaffingRow(null, rows.Sum(r => r.Staff), totalFte, Estimate(totalFte));

        var teamSizes = sizes
            .OrderBy(s => s.Size)
            .Select(s => new TeamSize(s.Size, s.Organisations, Percent(s.Organisations, reporting)))
            .ToList();
        return new Staffing(rows, total, reporting, unknown, teamSizes);
    }

    /// <summary>
    /// The councils with staff lines and a population, by total FTE per 100,000 population: the <paramref name="limit"/>
    /// highest (highest first) and the <paramref name="limit"/> lowest (lowest first), ties by organisation code; and all
    /// of them by code.
    /// One row per council comes back from SQL (FTE summed there); the exact ratio is ordered here in decimal,
    /// because SQL would divide in floating point (or in integers on SQLite).
    /// </summary>
    public async Task<FtePerHead> FtePerHeadAsync(
        string surveyCode, string? region = null, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var councils = await StaffLines(surveyCode, region, OrganisationType.LOCAL_AUTHORITY)
            .Where(s => s.Response.Organisation.Population > 0)
            .GroupBy(s => new { s.Response.OrganisationId, Population = s.Response.Organisation.Population!.Value })
            .Select(g => new { g.Key.OrganisationId, g.Key.Population, Fte = g.Sum(s => s.Fte) })
            .ToListAsync(cancellationToken);
        return await FtePerHeadOfAsync(db, [.. councils.Select(c => (c.OrganisationId, c.Population, c.Fte))], limit, cancellationToken);
    }

    /// <summary>
    /// The councils' rows with their organisations (one command), the <paramref name="limit"/> highest and lowest,
    /// ties by code, and all of them by code.
    /// </summary>
    internal static async Task<FtePerHead> FtePerHeadOfAsync(
        DirectoryDbContext db, IReadOnlyList<(int OrganisationId, int Population, decimal Fte)> councils, int limit, CancellationToken cancellationToken)
    {
        // Every council is listed (councils), so all of them are loaded: one query, a few hundred rows at most.
        var ids = councils.Select(c => c.OrganisationId).ToList();
        var organisations = ids.Count == 0
            ? []
            : await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var rows = councils
            .Select(c => new FtePerHeadRow(organisations[c.OrganisationId], c.Fte, c.Population, c.Fte * 100_000m / c.Population))
            .ToList();
        return new FtePerHead(
            rows.OrderByDescending(r => r.FtePer100k).ThenBy(r => r.Organisation.Code, StringComparer.Ordinal).Take(limit).ToList(),
            rows.OrderBy(r => r.FtePer100k).ThenBy(r => r.Organisation.Code, StringComparer.Ordinal).Take(limit).ToList(),
            rows.OrderBy(r => r.Organisation.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Per service type (all of them, by category then name): the distinct organisations commissioning it alone,
    /// jointly, and as a women-only service.
    /// </summary>
    public async Task<IReadOnlyList<ServiceCommissioningShare>> ServicesCommissionedAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var responseIds = Responses(surveyCode, region, orgType).Select(r => r.Id);
        // Two GROUP BYs over one scan: first one row per service type and organisation with 0/1 flags (an
        // organisation counts once however many of its responses name the service), then the flags summed per service
        // type. Three DISTINCT counts per group, as correlated subqueries, rescanned the table once per service type
        // and flag (over a second per report on the 100x benchmark dataset).
        var counts = await db.ServicesCommissioned
            .Where(s => responseIds.Contains(s.ResponseId))
            .Select(s => new { s.ServiceTypeId, s.Commissioning, s.WomenOnly, s.Response.OrganisationId })
            .GroupBy(s => new { s.ServiceTypeId, s.OrganisationId })
            .Select(g => new
            {
                g.Key.ServiceTypeId,
                Sole = g.Max(s => s.Commissioning == CommissioningArrangement.SOLE ? 1 : 0),
                Joint = g.Max(s => s.Commissioning == CommissioningArrangement.JOINT ? 1 : 0),
                WomenOnly = g.Max(s => s.WomenOnly ? 1 : 0),
            })
            .GroupBy(o => o.ServiceTypeId)
            .Select(g => new { ServiceTypeId = g.Key, Sole = g.Sum(o => o.Sole), Joint = g.Sum(o => o.Joint), WomenOnly = g.Sum(o => o.WomenOnly) })
            .ToDictionaryAsync(c => c.ServiceTypeId, c => (c.Sole, c.Joint, c.WomenOnly), cancellationToken);
        return await ServiceSharesAsync(db, counts, cancellationToken);
    }

    /// <summary>Every service type, by category then name, with its counts (0 when absent from <paramref name="counts"/>).</summary>
    internal static async Task<IReadOnlyList<ServiceCommissioningShare>> ServiceSharesAsync(
        DirectoryDbContext db, IReadOnlyDictionary<int, (int Sole, int Joint, int WomenOnly)> counts, CancellationToken cancellationToken)
    {
        var serviceTypes = await db.ServiceTypes.AsNoTracking()
            .OrderBy(t => t.Category).ThenBy(t => t.Name).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return serviceTypes
            .Select(t => counts.TryGetValue(t.Id, out var c)
                ? new ServiceCommissioningShare(t, c.Sole, c.Joint, c.WomenOnly)
                : new ServiceCommissioningShare(t, 0, 0, 0))
            .ToList();
    }

    /// <summary>
    /// The job titles of the commissioners named in the responses, grouped by department category (NOT_LISTED when
    /// none): groups by number of commissioners, then category; titles by count, then title.
    /// </summary>
    public async Task<IReadOnlyList<JobTitleGroup>> JobTitlesAsync(
        string surveyCode, string? region = null, OrganisationType? orgType = null, CancellationToken cancellationToken = default)
    {
        var counts = await Commissioners(surveyCode, region, orgType)
            .Where(c => c.JobTitle != null)
            .GroupBy(c => new { Category = c.Department == null ? null : c.Department.Category, c.JobTitle })
            .Select(g => new { g.Key.Category, g.Key.JobTitle, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return JobTitleGroups(counts.Select(c => (c.Category, c.JobTitle!, c.Count)));
    }

    /// <summary>Counts per (category, title) as groups by commissioners then category, titles by count then title.</summary>
    internal static IReadOnlyList<JobTitleGroup> JobTitleGroups(IEnumerable<(DepartmentCategory? Category, string JobTitle, int Count)> counts) =>
        counts
            .GroupBy(c => CategoryName(c.Category), StringComparer.Ordinal)
            .Select(g => new
            {
                Category = g.Key,
                Total = g.Sum(c => c.Count),
                Titles = g.OrderByDescending(c => c.Count).ThenBy(c => c.JobTitle, StringComparer.Ordinal)
                    .Select(c => new JobTitleCount(c.JobTitle, c.Count)).ToList(),
            })
            .OrderByDescending(g => g.Total).ThenBy(g => g.Category, StringComparer.Ordinal)
            .Select(g => new JobTitleGroup(g.Category, g.Titles))
            .ToList();

    /// <summary><paramref name="count"/> as an exact percentage of <paramref name="of"/>; 0 when <paramref name="of"/> is 0.</summary>
    public static decimal Percent(int count, int of) => of == 0 ? 0m : count * 100m / of;

    internal static string CategoryName(DepartmentCategory? category) => category?.ToString() ?? NotListed;

    internal static QuestionBreakdown Breakdown(int answered, IEnumerable<(string Option, int Count)> groups) =>
        new(answered, groups
            .OrderByDescending(g => g.Count).ThenBy(g => g.Option, StringComparer.Ordinal)
            .Select(g => new OptionShare(g.Option, g.Count, Percent(g.Count, answered)))
            .ToList());

    /// <summary>In-scope organisations of the type (or of all three surveyed types) and region.</summary>
    private IQueryable<Organisation> InScopePopulation(string? region, OrganisationType? type)
    {
        var organisations = db.Organisations.Where(o => o.InScope);
        if (type is { } only)
        {
            if (!ReportOrganisationTypes.Contains(only))
            {
                throw new ArgumentOutOfRangeException(nameof(type), only, "The mapping report covers LOCAL_AUTHORITY, PCC and CCG only.");
            }

            organisations = organisations.Where(o => o.Type == only);
        }
        else
        {
            organisations = organisations.Where(o =>
                o.Type == OrganisationType.LOCAL_AUTHORITY || o.Type == OrganisationType.PCC || o.Type == OrganisationType.CCG);
        }

        return region is null ? organisations : organisations.Where(o => o.Region == region);
    }

    private IQueryable<SurveyResponse> SurveyResponses(string surveyCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyCode);
        return db.SurveyResponses.AsNoTracking().Where(r => r.SurveyRound.Code == surveyCode);
    }

    /// <summary>The survey's responses from the in-scope organisations of the type and region.</summary>
    private IQueryable<SurveyResponse> Responses(string surveyCode, string? region, OrganisationType? type)
    {
        var population = InScopePopulation(region, type).Select(o => o.Id);
        return SurveyResponses(surveyCode).Where(r => population.Contains(r.OrganisationId));
    }

    /// <summary>The COMMISSIONER contacts named in those responses.</summary>
    private IQueryable<Contact> Commissioners(string surveyCode, string? region, OrganisationType? type)
    {
        var responseIds = Responses(surveyCode, region, type).Select(r => (int?)r.Id);
        return db.Contacts.AsNoTracking().Where(c => c.Role == ContactRole.COMMISSIONER && responseIds.Contains(c.ResponseId));
    }

    /// <summary>The staff lines of those responses.</summary>
    private IQueryable<StaffLine> StaffLines(string surveyCode, string? region, OrganisationType? type)
    {
        var responseIds = Responses(surveyCode, region, type).Select(r => r.Id);
        return db.StaffLines.AsNoTracking().Where(s => responseIds.Contains(s.ResponseId));
    }
}
