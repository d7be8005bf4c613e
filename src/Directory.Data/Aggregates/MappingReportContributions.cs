using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Aggregates;

/// <summary>
/// What one organisation adds to every aggregate of the mapping report in one survey: the attributes a scope selects
/// it by, and its groups of every tally (<see cref="MappingReportAggregates.Tallies"/>, in that order). Every aggregate
/// is made from the sum of these over the organisations its region and type select, because each counted row
/// (response, answer, commissioner, staff line, service) belongs to exactly one organisation through its response.
/// </summary>
public sealed record OrganisationContribution(int OrganisationId, string Code, OrganisationType Type, string? Region, bool InScope)
{
    internal IReadOnlyList<object>[] Groups { get; init; } = [];
}

/// <summary>
/// Every organisation's <see cref="OrganisationContribution"/> to one survey's mapping report, and the report's
/// aggregates summed from them. Loading all of them is a fixed number of commands (the organisations, then one
/// <c>GROUP BY organisation, key</c> per tally); <see cref="RefreshAsync"/> reloads only the organisations a change
/// touched, with the same commands restricted to them, so the first report after a change costs the changed
/// organisations' rows, not the whole database's (issue 18 §5). Immutable: a refresh returns a new instance, so
/// readers of the old one are undisturbed. The aggregates are exactly those of <see cref="MappingReportQueries"/>:
/// both come from the same declarations, and the tests compare the two on every aggregate.
/// </summary>
public sealed class MappingReportContributions : IMappingReportTallies
{
    private static readonly Dictionary<IMappingReportTally, int> TallyIndex =
        MappingReportAggregates.Tallies.Select((tally, index) => (tally, index)).ToDictionary(t => t.tally, t => t.index);

    // Never changed once built (a refresh copies it): a plain dictionary, since a refresh rebuilds it for every
    // organisation and a frozen one costs more to build than the whole refresh's SQL.
    private readonly Dictionary<int, OrganisationContribution> _byOrganisation;
    private DirectoryDbContext? _db;

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
        var rows = new MappingReportRows(db, surveyCode, ids is null ? null : db.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Id));
        var attributes = await rows.Statuses
            .Select(s => new { s.OrganisationId, s.Organisation.Code, s.OrganisationType, s.Region, s.InScope })
            .ToListAsync(cancellationToken);
        var tallies = MappingReportAggregates.Tallies;
        var groups = new ILookup<int, object>[tallies.Count];
        for (var i = 0; i < tallies.Count; i++)
        {
            groups[i] = await tallies[i].PerOrganisationAsync(rows, cancellationToken);
        }

        return attributes.ToDictionary(a => a.OrganisationId, a => new OrganisationContribution(a.OrganisationId, a.Code, a.OrganisationType, a.Region, a.InScope)
        {
            Groups = [.. groups.Select(g => (IReadOnlyList<object>)[.. g[a.OrganisationId]])],
        });
    }

    /// <summary>
    /// <paramref name="aggregate"/> summed from the contributions; <paramref name="db"/> reads only the few entities a
    /// result carries (organisations, service types).
    /// </summary>
    public Task<TResult> ComputeAsync<TResult>(
        MappingReportAggregate<TResult> aggregate, DirectoryDbContext db, MappingReportArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return aggregate.ComputeAsync(With(db), arguments, cancellationToken);
    }

    /// <summary>As <see cref="ComputeAsync"/>, for a caller that binds every aggregate alike.</summary>
    public Task<object?> ComputeObjectAsync(MappingReportAggregate aggregate, DirectoryDbContext db, MappingReportArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return aggregate.ComputeObjectAsync(With(db), arguments, cancellationToken);
    }

    private MappingReportContributions With(DirectoryDbContext db) =>
        new(SurveyCode, _byOrganisation) { _db = db ?? throw new ArgumentNullException(nameof(db)) };

    DirectoryDbContext IMappingReportTallies.Db => _db ?? throw new InvalidOperationException("No DbContext given.");

    Task<IReadOnlyList<TallyGroup<TKey>>> IMappingReportTallies.GroupsAsync<TRow, TKey>(
        MappingReportTally<TRow, TKey> tally, ReportScope scope, CancellationToken cancellationToken)
    {
        var index = TallyIndex[tally];
        scope = scope.Checked();
        return Task.FromResult(tally.Sum(_byOrganisation.Values
            .Where(o => scope.Selects(o.Type, o.Region, o.InScope))
            .Select(o => o.Groups[index])));
    }
}
