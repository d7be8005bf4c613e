using System.Collections.Concurrent;
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

    /// <summary>The organisation as read with its groups (untracked), which a result may carry (ftePerHead's councils).</summary>
    internal Organisation Organisation { get; init; } = null!;
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
public sealed class MappingReportContributions
{
    private static readonly Dictionary<IMappingReportTally, int> TallyIndex =
        MappingReportAggregates.Tallies.Select((tally, index) => (tally, index)).ToDictionary(t => t.tally, t => t.index);

    private readonly ContributionMap _byOrganisation;

    // The organisations by what a scope selects them by, and each tally's groups summed per such class, computed when
    // first asked: a scope's groups are then the sum of a few classes' sums, not of every organisation's groups. A
    // refresh keeps the classes and sums its organisations are not in, so the first report after a one-organisation
    // change adds up that organisation's class again, not the whole country (issue 18 §5).
    private readonly Dictionary<SelectionClass, List<OrganisationContribution>> _classes;
    private readonly ConcurrentDictionary<(int Tally, SelectionClass Class), IReadOnlyList<object>> _sums;

    // Each tally's totals over each scope asked for. A refresh carries the ones made forward, taking out the changed
    // organisations' old groups and adding their new ones when first asked, so the first report after a change adds
    // up nothing but that organisation's groups, however many organisations a scope selects (issue 18 §5).
    private readonly ConcurrentDictionary<(int Tally, ReportScope Scope), Lazy<ITallyTotals>> _totals;

    // Each fold of a tally over a scope asked for (staffing's teams, ftePerHead's ranking), carried forward like the
    // totals: a refresh applies the changed organisations' old and new groups to the fold made before.
    private readonly ConcurrentDictionary<(int Tally, ReportScope Scope, ITallyFold Fold), Lazy<object>> _folds;

    private MappingReportContributions(
        string surveyCode,
        ContributionMap byOrganisation,
        Dictionary<SelectionClass, List<OrganisationContribution>>? classes = null,
        ConcurrentDictionary<(int Tally, SelectionClass Class), IReadOnlyList<object>>? sums = null,
        ConcurrentDictionary<(int Tally, ReportScope Scope), Lazy<ITallyTotals>>? totals = null,
        ConcurrentDictionary<(int Tally, ReportScope Scope, ITallyFold Fold), Lazy<object>>? folds = null)
    {
        SurveyCode = surveyCode;
        _byOrganisation = byOrganisation;
        _classes = classes ?? byOrganisation.All.GroupBy(SelectionClass.Of).ToDictionary(g => g.Key, g => g.ToList());
        _sums = sums ?? new();
        _totals = totals ?? new();
        _folds = folds ?? new();
    }

    /// <summary>What a <see cref="ReportScope"/> selects an organisation by.</summary>
    private readonly record struct SelectionClass(OrganisationType Type, string? Region, bool InScope)
    {
        public static SelectionClass Of(OrganisationContribution organisation) => new(organisation.Type, organisation.Region, organisation.InScope);
    }

    public string SurveyCode { get; }

    public IReadOnlyCollection<OrganisationContribution> Organisations => _byOrganisation.All;

    /// <summary>The id of the organisation with <paramref name="code"/> as loaded (a removed one is still found here until refreshed).</summary>
    public int? IdOf(string code) => _byOrganisation.All.FirstOrDefault(c => c.Code == code)?.OrganisationId;

    /// <summary>Every organisation's contribution to <paramref name="surveyCode"/>.</summary>
    public static async Task<MappingReportContributions> LoadAsync(DirectoryDbContext db, string surveyCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var loaded = await LoadOrganisationsAsync(db, surveyCode, null, cancellationToken);
        return new MappingReportContributions(surveyCode, new ContributionMap(loaded, []));
    }

    /// <summary>
    /// The organisations' contributions by id: a map of every organisation as last read in full, and the ones refreshed
    /// since (null: no longer there). Never changed once built: a refresh copies the refreshed ones with its own, not
    /// every organisation (≈ 50,000 at ×100, a megabyte on the large-object heap per change), and folds them into a
    /// new map of all once they are many. Plain dictionaries, since ftePerHead looks up every council it lists.
    /// </summary>
    private sealed class ContributionMap(Dictionary<int, OrganisationContribution> read, Dictionary<int, OrganisationContribution?> refreshed)
    {
        private const int MaxRefreshed = 256;

        public OrganisationContribution? Find(int id) =>
            refreshed.Count != 0 && refreshed.TryGetValue(id, out var contribution) ? contribution : read.GetValueOrDefault(id);

        public IReadOnlyCollection<OrganisationContribution> All => refreshed.Count == 0
            ? read.Values
            : [.. read.Values.Where(c => !refreshed.ContainsKey(c.OrganisationId)), .. refreshed.Values.OfType<OrganisationContribution>()];

        /// <summary>This map with <paramref name="ids"/> as <paramref name="reloaded"/> has them (those it lacks gone).</summary>
        public ContributionMap With(IEnumerable<int> ids, Dictionary<int, OrganisationContribution> reloaded)
        {
            var next = new Dictionary<int, OrganisationContribution?>(refreshed);
            foreach (var id in ids)
            {
                next[id] = reloaded.GetValueOrDefault(id);
            }
            if (next.Count <= MaxRefreshed)
            {
                return new ContributionMap(read, next);
            }
            var all = new Dictionary<int, OrganisationContribution>(read);
            foreach (var (id, contribution) in next)
            {
                if (contribution is null)
                {
                    all.Remove(id);
                }
                else
                {
                    all[id] = contribution;
                }
            }
            return new ContributionMap(all, []);
        }
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
        var ids = organisationIds.ToHashSet();
        var merged = _byOrganisation.With(ids, reloaded);
        var removed = ids.Select(_byOrganisation.Find).OfType<OrganisationContribution>().ToList();
        var changed = removed.Concat(reloaded.Values).Select(SelectionClass.Of).ToHashSet();

        var classes = new Dictionary<SelectionClass, List<OrganisationContribution>>(_classes);
        foreach (var selection in changed)
        {
            var members = _classes.GetValueOrDefault(selection, []).Where(o => !ids.Contains(o.OrganisationId))
                .Concat(reloaded.Values.Where(o => SelectionClass.Of(o) == selection))
                .ToList();
            if (members.Count == 0)
            {
                classes.Remove(selection);
            }
            else
            {
                classes[selection] = members;
            }
        }
        var sums = new ConcurrentDictionary<(int Tally, SelectionClass Class), IReadOnlyList<object>>(_sums.Where(s => !changed.Contains(s.Key.Class)));
        // The changed organisations' old and new groups of a tally that a scope selects: what a carried total or fold
        // takes out and adds.
        (List<IReadOnlyList<object>> Taken, List<IReadOnlyList<object>> Added) Change(int tally, ReportScope scope) =>
            ([.. removed.Where(o => scope.Selects(o.Type, o.Region, o.InScope)).Select(o => o.Groups[tally])],
             [.. reloaded.Values.Where(o => scope.Selects(o.Type, o.Region, o.InScope)).Select(o => o.Groups[tally])]);
        // Only totals and folds already made are carried: carrying a pending one forward would chain every refresh
        // since it was asked.
        var totals = new ConcurrentDictionary<(int Tally, ReportScope Scope), Lazy<ITallyTotals>>();
        foreach (var ((tally, scope), known) in _totals.Where(t => t.Value.IsValueCreated))
        {
            var (taken, added) = Change(tally, scope);
            totals[(tally, scope)] = new Lazy<ITallyTotals>(() => known.Value.With(taken, added));
        }
        var folds = new ConcurrentDictionary<(int Tally, ReportScope Scope, ITallyFold Fold), Lazy<object>>();
        foreach (var ((tally, scope, fold), known) in _folds.Where(f => f.Value.IsValueCreated))
        {
            var (taken, added) = Change(tally, scope);
            folds[(tally, scope, fold)] = new Lazy<object>(() => fold.Apply(known.Value, taken, added));
        }
        return new MappingReportContributions(SurveyCode, merged, classes, sums, totals, folds);
    }

    /// <summary>The attributes a scope selects organisations by, with the organisation (a result may carry it).</summary>
    private sealed record Attributes(int OrganisationId, Organisation Organisation, OrganisationType Type, string? Region, bool InScope);

    private static IQueryable<Attributes> AttributesOf(MappingReportRows rows) =>
        rows.Statuses.Select(s => new Attributes(s.OrganisationId, s.Organisation, s.OrganisationType, s.Region, s.InScope));

    private static readonly RefreshQuery<Attributes> RefreshedAttributes = new(AttributesOf);

    private static async Task<Dictionary<int, OrganisationContribution>> LoadOrganisationsAsync(
        DirectoryDbContext db, string surveyCode, IReadOnlyCollection<int>? only, CancellationToken cancellationToken)
    {
        var ids = only?.Distinct().ToList();
        var attributes = ids is null
            ? await AttributesOf(new MappingReportRows(db, surveyCode, null)).ToListAsync(cancellationToken)
            : await RefreshedAttributes.ToListAsync(db, surveyCode, ids, cancellationToken);
        var tallies = MappingReportAggregates.Tallies;
        var groups = new ILookup<int, object>[tallies.Count];
        for (var i = 0; i < tallies.Count; i++)
        {
            groups[i] = await tallies[i].PerOrganisationAsync(db, surveyCode, ids, cancellationToken);
        }

        return attributes.ToDictionary(a => a.OrganisationId, a => new OrganisationContribution(a.OrganisationId, a.Organisation.Code, a.Type, a.Region, a.InScope)
        {
            Organisation = a.Organisation,
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
        return aggregate.ComputeAsync(new Summing(this, db), arguments, cancellationToken);
    }

    /// <summary>As <see cref="ComputeAsync"/>, for a caller that binds every aggregate alike.</summary>
    public Task<object?> ComputeObjectAsync(MappingReportAggregate aggregate, DirectoryDbContext db, MappingReportArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return aggregate.ComputeObjectAsync(new Summing(this, db), arguments, cancellationToken);
    }

    /// <summary>The tallies' groups over a scope, added up from the sums of the classes of organisations it selects.</summary>
    private sealed class Summing(MappingReportContributions contributions, DirectoryDbContext db) : IMappingReportTallies
    {
        public DirectoryDbContext Db { get; } = db ?? throw new ArgumentNullException(nameof(db));

        // As read with their contributions: a council's is there whenever its groups are (a look-up, not a command).
        public Task<Func<int, Organisation>> OrganisationsAsync(IEnumerable<int> ids, CancellationToken cancellationToken) =>
            Task.FromResult<Func<int, Organisation>>(id => (contributions._byOrganisation.Find(id) ?? throw new KeyNotFoundException($"No organisation {id}.")).Organisation);

        public Task<IReadOnlyList<TallyGroup<TKey>>> GroupsAsync<TRow, TKey>(
            MappingReportTally<TRow, TKey> tally, ReportScope scope, CancellationToken cancellationToken) =>
            Task.FromResult(Groups(tally, scope.Checked()));

        public Task<TState> FoldAsync<TRow, TKey, TState>(
            MappingReportTally<TRow, TKey> tally, ReportScope scope, TallyFold<TKey, TState> fold, CancellationToken cancellationToken)
            where TState : class
        {
            scope = scope.Checked();
            var state = contributions._folds.GetOrAdd((TallyIndex[tally], scope, fold), _ => new Lazy<object>(() => fold.Build(Groups(tally, scope))));
            return Task.FromResult((TState)state.Value);
        }

        private IReadOnlyList<TallyGroup<TKey>> Groups<TRow, TKey>(MappingReportTally<TRow, TKey> tally, ReportScope scope)
        {
            var index = TallyIndex[tally];
            var totals = contributions._totals.GetOrAdd((index, scope), _ => new Lazy<ITallyTotals>(() => MappingReportTally<TRow, TKey>.Total(
                contributions._classes
                    .Where(c => scope.Selects(c.Key.Type, c.Key.Region, c.Key.InScope))
                    .Select(c => contributions._sums.GetOrAdd((index, c.Key), _ => tally.Sum(c.Value.Select(o => o.Groups[index])))))));
            return ((TallyTotals<TKey>)totals.Value).Groups;
        }
    }
}
