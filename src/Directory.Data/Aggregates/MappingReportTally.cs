using System.Linq.Expressions;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Aggregates;

/// <summary>
/// Which organisations an aggregate counts: the in-scope organisations of the surveyed type (or of all three) and
/// region, or, with <see cref="OutOfScope"/>, the region's organisations outside the survey population (any type).
/// </summary>
public sealed record ReportScope(string? Region, OrganisationType? Type, bool OutOfScope = false)
{
    /// <summary>The organisation types the survey covered, in report order.</summary>
    public static IReadOnlyList<OrganisationType> SurveyedTypes { get; } =
        [OrganisationType.LOCAL_AUTHORITY, OrganisationType.PCC, OrganisationType.CCG];

    /// <summary>Throws for a type the survey did not cover, before anything is counted.</summary>
    public ReportScope Checked()
    {
        if (Type is { } only && !SurveyedTypes.Contains(only))
        {
            throw new ArgumentOutOfRangeException(nameof(Type), only, "The mapping report covers LOCAL_AUTHORITY, PCC and CCG only.");
        }

        return this;
    }

    /// <summary>Whether an organisation with these attributes is counted (the in-memory twin of <see cref="Organisations"/>).</summary>
    public bool Selects(OrganisationType type, string? region, bool inScope) =>
        (Region is null || region == Region)
        && (OutOfScope ? !inScope : inScope && (Type is { } only ? type == only : SurveyedTypes.Contains(type)));

    /// <summary>The ids of the organisations counted, as SQL.</summary>
    public IQueryable<int> Organisations(DirectoryDbContext db)
    {
        var organisations = OutOfScope ? db.Organisations.Where(o => !o.InScope) : db.Organisations.Where(o => o.InScope);
        if (!OutOfScope)
        {
            organisations = Type is { } only
                ? organisations.Where(o => o.Type == only)
                : organisations.Where(o => o.Type == OrganisationType.LOCAL_AUTHORITY || o.Type == OrganisationType.PCC || o.Type == OrganisationType.CCG);
        }

        return (Region is null ? organisations : organisations.Where(o => o.Region == Region)).Select(o => o.Id);
    }
}

/// <summary>
/// The rows of one survey that the report counts, restricted to a set of organisations: a scope's (the definition) or
/// the ones a change touched (a refresh), or none (every organisation's contribution). Each row belongs to exactly one
/// organisation, through its response.
/// </summary>
public sealed class MappingReportRows
{
    internal MappingReportRows(DirectoryDbContext db, string surveyCode, IQueryable<int>? organisationIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyCode);
        var statuses = new OrganisationStatusQueries(db).Statuses(surveyCode);
        // The survey as a subquery, not a join: SQLite (without statistics) then looks a refresh's few organisations'
        // responses up by organisation, where a join on the survey made it read every response of the survey.
        var survey = db.SurveyRounds.Where(s => s.Code == surveyCode).Select(s => s.Id);
        var responses = db.SurveyResponses.AsNoTracking().Where(r => survey.Contains(r.SurveyRoundId));
        if (organisationIds is not null)
        {
            statuses = statuses.Where(s => organisationIds.Contains(s.OrganisationId));
            responses = responses.Where(r => organisationIds.Contains(r.OrganisationId));
        }

        Statuses = statuses;
        Responses = responses;
        var responseIds = responses.Select(r => r.Id);
        var nullableResponseIds = responses.Select(r => (int?)r.Id);
        Activities = db.SurveyResponseActivities.Join(responses, a => a.ResponseId, r => r.Id, (a, r) => new ChosenOption<CommissioningActivity>
        {
            OrganisationId = r.OrganisationId,
            Option = a.Activity,
        });
        LeadAnswers = db.SurveyResponseLeadAnswers.Join(responses, a => a.ResponseId, r => r.Id, (a, r) => new ChosenOption<LeadAnswer>
        {
            OrganisationId = r.OrganisationId,
            Option = a.Answer,
        });
        Commissioners = db.Contacts.AsNoTracking().Where(c => c.Role == ContactRole.COMMISSIONER && nullableResponseIds.Contains(c.ResponseId));
        StaffLines = db.StaffLines.AsNoTracking().Where(s => responseIds.Contains(s.ResponseId));
        ServicesCommissioned = db.ServicesCommissioned.AsNoTracking().Where(s => responseIds.Contains(s.ResponseId));
    }

    /// <summary>Each organisation's status in the survey (one row per organisation).</summary>
    public IQueryable<OrganisationSurveyStatus> Statuses { get; }

    public IQueryable<SurveyResponse> Responses { get; }

    public IQueryable<ChosenOption<CommissioningActivity>> Activities { get; }

    public IQueryable<ChosenOption<LeadAnswer>> LeadAnswers { get; }

    /// <summary>The COMMISSIONER contacts named in the responses.</summary>
    public IQueryable<Contact> Commissioners { get; }

    public IQueryable<StaffLine> StaffLines { get; }

    public IQueryable<ServiceCommissioned> ServicesCommissioned { get; }
}

/// <summary>An answer to a multiple-choice question, with its response's organisation.</summary>
public sealed class ChosenOption<TOption>
{
    public int OrganisationId { get; init; }

    public TOption Option { get; init; } = default!;
}

/// <summary>
/// One group of a tally: the rows with one key, how many, their summed amount (FTE) and how many distinct
/// organisations they came from.
/// </summary>
public sealed record TallyGroup<TKey>(TKey Key, int Count, decimal Amount, int Organisations);

/// <summary>A tally of any row and key type, as the contributions hold them.</summary>
public interface IMappingReportTally
{
    /// <summary>
    /// Its rows grouped by organisation and key, of every organisation or only of <paramref name="only"/> (compiled
    /// once: a refresh runs it after every change): one SQL command.
    /// </summary>
    internal Task<ILookup<int, object>> PerOrganisationAsync(DirectoryDbContext db, string surveyCode, List<int>? only, CancellationToken cancellationToken);
}

/// <summary>
/// Rows of the survey counted by a key: the one declaration from which both the whole-population definition
/// (<c>GROUP BY key</c> over the scope's rows) and each organisation's contribution (<c>GROUP BY organisation, key</c>
/// over every organisation's rows) are derived, so the two cannot count different rows. Every measure is a sum over
/// organisations (a row belongs to one organisation), which is what lets a report be summed from contributions.
/// </summary>
public sealed class MappingReportTally<TRow, TKey> : IMappingReportTally
{
    private readonly Func<MappingReportRows, IQueryable<TRow>> _rows;
    private readonly Expression<Func<TRow, Keyed<TKey>>> _keyed;
    private readonly bool _summed;
    private readonly RefreshQuery<OrganisationGroup<TKey>> _refreshed;

    internal MappingReportTally(
        Func<MappingReportRows, IQueryable<TRow>> rows,
        Expression<Func<TRow, int>> organisation,
        Expression<Func<TRow, TKey>> key,
        Expression<Func<TRow, decimal>>? amount)
    {
        _rows = rows;
        _summed = amount is not null;
        // row => new Keyed<TKey> { Organisation = organisation(row), Key = key(row), Amount = amount(row) }
        var row = Expression.Parameter(typeof(TRow), "row");
        var bindings = new List<MemberBinding>
        {
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.Organisation))!, Body(organisation, row)),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.Key))!, Body(key, row)),
        };
        if (amount is not null)
        {
            bindings.Add(Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Keyed<TKey>.Amount))!, Body(amount, row)));
        }

        _keyed = Expression.Lambda<Func<TRow, Keyed<TKey>>>(Expression.MemberInit(Expression.New(typeof(Keyed<TKey>)), bindings), row);
        _refreshed = new RefreshQuery<OrganisationGroup<TKey>>(PerOrganisation);
    }

    /// <summary>The definition: the rows grouped by key alone, one row per group from SQL.</summary>
    internal async Task<IReadOnlyList<TallyGroup<TKey>>> TotalAsync(MappingReportRows rows, CancellationToken cancellationToken)
    {
        var keyed = _rows(rows).Select(_keyed);
        // SQLite cannot SUM a decimal unless it is a converted column, so an unsummed tally does not ask for one.
        return _summed
            ? await keyed.GroupBy(r => r.Key)
                .Select(g => new TallyGroup<TKey>(g.Key, g.Count(), g.Sum(r => r.Amount), g.Select(r => r.Organisation).Distinct().Count()))
                .ToListAsync(cancellationToken)
            : await keyed.GroupBy(r => r.Key)
                .Select(g => new TallyGroup<TKey>(g.Key, g.Count(), 0m, g.Select(r => r.Organisation).Distinct().Count()))
                .ToListAsync(cancellationToken);
    }

    async Task<ILookup<int, object>> IMappingReportTally.PerOrganisationAsync(
        DirectoryDbContext db, string surveyCode, List<int>? only, CancellationToken cancellationToken)
    {
        var groups = only is null
            ? await PerOrganisation(new MappingReportRows(db, surveyCode, null)).ToListAsync(cancellationToken)
            : await _refreshed.ToListAsync(db, surveyCode, only, cancellationToken);
        return groups.ToLookup(g => g.Organisation, g => (object)g.Group);
    }

    /// <summary>The rows grouped by organisation and key, one row per group from SQL.</summary>
    private IQueryable<OrganisationGroup<TKey>> PerOrganisation(MappingReportRows rows)
    {
        var keyed = _rows(rows).Select(_keyed);
        return _summed
            ? keyed.GroupBy(r => new { r.Organisation, r.Key })
                .Select(g => new OrganisationGroup<TKey>(g.Key.Organisation, new TallyGroup<TKey>(g.Key.Key, g.Count(), g.Sum(r => r.Amount), 1)))
            : keyed.GroupBy(r => new { r.Organisation, r.Key })
                .Select(g => new OrganisationGroup<TKey>(g.Key.Organisation, new TallyGroup<TKey>(g.Key.Key, g.Count(), 0m, 1)));
    }

    /// <summary>The groups of several organisations' contributions added up by key: the definition's groups for them.</summary>
    internal IReadOnlyList<TallyGroup<TKey>> Sum(IEnumerable<IEnumerable<object>> perOrganisation) => Total(perOrganisation).Groups;

    /// <summary>As <see cref="Sum"/>, kept as totals a change can later be applied to.</summary>
    internal static TallyTotals<TKey> Total(IEnumerable<IEnumerable<object>> perOrganisation) =>
        TallyTotals<TKey>.Empty.With([], perOrganisation);

    /// <summary>A fold of this tally's groups, each read as a <typeparamref name="TItem"/>; made from <paramref name="empty"/>.</summary>
    internal TallyFold<TKey, TState> Fold<TItem, TState>(
        Func<TallyGroup<TKey>, TItem> item, TState empty, Func<TState, IEnumerable<TItem>, IEnumerable<TItem>, TState> with)
        where TState : class =>
        new(groups => with(empty, [], groups.Select(item)), (state, removed, added) => with(state, removed.Select(item), added.Select(item)));

    private static Expression Body<TValue>(Expression<Func<TRow, TValue>> selector, ParameterExpression row) =>
        new ParameterSwap(selector.Parameters[0], row).Visit(selector.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>
/// A tally's groups added up by key over some organisations. Immutable: <see cref="With"/> gives the totals with some
/// organisations' groups taken out and others added, so a scope's totals after a change to one organisation cost that
/// organisation's groups and a copy, not a sum over every organisation the scope selects (issue 18 §5).
/// </summary>
internal sealed class TallyTotals<TKey> : ITallyTotals
{
    public static TallyTotals<TKey> Empty { get; } = new([]);

    // Keyed by a one-element tuple: a key may be null (an unanswered question), which a dictionary key may not.
    private readonly Dictionary<ValueTuple<TKey>, (int Count, decimal Amount, int Organisations)> _sums;
    private IReadOnlyList<TallyGroup<TKey>>? _groups;

    private TallyTotals(Dictionary<ValueTuple<TKey>, (int Count, decimal Amount, int Organisations)> sums) => _sums = sums;

    /// <summary>The groups, one per key that some counted row has (a group whose rows were all taken out is gone).</summary>
    public IReadOnlyList<TallyGroup<TKey>> Groups =>
        // Made once per instance; two threads racing make equal lists, either may be kept.
        _groups ??= [.. _sums.Select(s => new TallyGroup<TKey>(s.Key.Item1, s.Value.Count, s.Value.Amount, s.Value.Organisations))];

    /// <summary>These totals without the groups of <paramref name="removed"/> and with those of <paramref name="added"/>.</summary>
    public TallyTotals<TKey> With(IEnumerable<IEnumerable<object>> removed, IEnumerable<IEnumerable<object>> added)
    {
        var sums = new Dictionary<ValueTuple<TKey>, (int Count, decimal Amount, int Organisations)>(_sums);
        foreach (var group in removed.SelectMany(groups => groups).Cast<TallyGroup<TKey>>())
        {
            var key = new ValueTuple<TKey>(group.Key);
            var sum = sums[key];
            var left = (sum.Count - group.Count, sum.Amount - group.Amount, sum.Organisations - group.Organisations);
            // Every group counts at least one row, so a key no row is left with is no group (as in SQL's GROUP BY).
            if (left.Item1 == 0)
            {
                sums.Remove(key);
            }
            else
            {
                sums[key] = left;
            }
        }
        foreach (var group in added.SelectMany(groups => groups).Cast<TallyGroup<TKey>>())
        {
            var key = new ValueTuple<TKey>(group.Key);
            var sum = sums.GetValueOrDefault(key);
            sums[key] = (sum.Count + group.Count, sum.Amount + group.Amount, sum.Organisations + group.Organisations);
        }

        return new TallyTotals<TKey>(sums);
    }

    ITallyTotals ITallyTotals.With(IEnumerable<IEnumerable<object>> removed, IEnumerable<IEnumerable<object>> added) => With(removed, added);
}

/// <summary>Totals of any key type, as the contributions keep them per tally and scope.</summary>
internal interface ITallyTotals
{
    /// <summary>See <see cref="TallyTotals{TKey}.With"/>.</summary>
    ITallyTotals With(IEnumerable<IEnumerable<object>> removed, IEnumerable<IEnumerable<object>> added);
}

/// <summary>
/// A summary of a tally's groups over a scope that follows a change without reading every group again: what an
/// aggregate keeps when its result depends on every group of a large tally (the staff lines per organisation, tens
/// of thousands at ×100), so the first report after a change costs the changed organisations' groups, not a pass
/// over all of them (issue 18 §5). <see cref="Build"/> makes it from the groups (the SQL definition does so every
/// time); <see cref="Apply"/> gives the summary with some organisations' groups taken out and others added, leaving
/// the one it was given as it was (a report being written from it may still be reading it).
/// </summary>
public sealed class TallyFold<TKey, TState>(
    Func<IEnumerable<TallyGroup<TKey>>, TState> build,
    Func<TState, IReadOnlyList<TallyGroup<TKey>>, IReadOnlyList<TallyGroup<TKey>>, TState> apply) : ITallyFold
    where TState : class
{
    /// <summary>The summary of <paramref name="groups"/>.</summary>
    public TState Build(IEnumerable<TallyGroup<TKey>> groups) => build(groups);

    /// <summary><paramref name="state"/> without the groups <paramref name="removed"/> and with those <paramref name="added"/>.</summary>
    public TState Apply(TState state, IReadOnlyList<TallyGroup<TKey>> removed, IReadOnlyList<TallyGroup<TKey>> added) => apply(state, removed, added);

    object ITallyFold.Apply(object state, IEnumerable<IEnumerable<object>> removed, IEnumerable<IEnumerable<object>> added) =>
        apply((TState)state, [.. removed.SelectMany(groups => groups).Cast<TallyGroup<TKey>>()], [.. added.SelectMany(groups => groups).Cast<TallyGroup<TKey>>()]);
}

/// <summary>A fold of any key and state type, as the contributions carry them from one refresh to the next.</summary>
public interface ITallyFold
{
    /// <summary>See <see cref="TallyFold{TKey, TState}.Apply"/>, with organisations' groups as the contributions hold them.</summary>
    internal object Apply(object state, IEnumerable<IEnumerable<object>> removed, IEnumerable<IEnumerable<object>> added);
}

/// <summary>One group of a tally's rows of one organisation, as SQL gives it.</summary>
internal sealed record OrganisationGroup<TKey>(int Organisation, TallyGroup<TKey> Group);

/// <summary>A counted row reduced to what a tally groups and sums.</summary>
internal sealed class Keyed<TKey>
{
    public int Organisation { get; init; }

    public TKey Key { get; init; } = default!;

    public decimal Amount { get; init; }
}

/// <summary>Declares tallies; the row and key types are inferred from the lambdas (keys are often anonymous).</summary>
public static class MappingReportTally
{
    /// <summary>Rows counted by <paramref name="key"/>.</summary>
    public static MappingReportTally<TRow, TKey> Count<TRow, TKey>(
        Func<MappingReportRows, IQueryable<TRow>> rows, Expression<Func<TRow, int>> organisation, Expression<Func<TRow, TKey>> key) =>
        new(rows, organisation, key, null);

    /// <summary>Rows counted by <paramref name="key"/>, with <paramref name="amount"/> (a converted exact column) summed.</summary>
    public static MappingReportTally<TRow, TKey> Sum<TRow, TKey>(
        Func<MappingReportRows, IQueryable<TRow>> rows, Expression<Func<TRow, int>> organisation, Expression<Func<TRow, TKey>> key,
        Expression<Func<TRow, decimal>> amount) =>
        new(rows, organisation, key, amount);
}
