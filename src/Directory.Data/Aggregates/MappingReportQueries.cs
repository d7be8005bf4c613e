using Directory.Data.Model;

namespace Directory.Data.Aggregates;

/// <summary>
/// The aggregates of the STADV mapping report as defined (<see cref="MappingReportAggregates"/>), counted and summed
/// by the database: each tally an aggregate reads is one <c>GROUP BY</c> of its key over the scope's rows, so only one
/// row per group ever reaches the application and each aggregate issues a fixed number of SQL commands whatever the
/// size of the data. The service answers from <see cref="MappingReportContributions"/>; the tests hold the two equal
/// and this one to an independent oracle. See docs/data.md, "Mapping report".
/// </summary>
public sealed class MappingReportQueries(DirectoryDbContext db)
{
    /// <summary>
    /// <paramref name="aggregate"/> for the survey, an optional English region (only organisations whose region is
    /// exactly that are counted) and, where it applies, one of the surveyed organisation types (null: all three;
    /// another type throws <see cref="ArgumentOutOfRangeException"/>).
    /// </summary>
    public Task<TResult> ComputeAsync<TResult>(
        MappingReportAggregate<TResult> aggregate, string surveyCode, string? region = null, OrganisationType? orgType = null, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyCode);
        return aggregate.ComputeAsync(new SurveyTallies(db, surveyCode), new MappingReportArguments(region, orgType, limit), cancellationToken);
    }

    /// <summary>As <see cref="ComputeAsync"/>, for a caller that handles every aggregate alike.</summary>
    public Task<object?> ComputeObjectAsync(
        MappingReportAggregate aggregate, string surveyCode, MappingReportArguments arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyCode);
        return aggregate.ComputeObjectAsync(new SurveyTallies(db, surveyCode), arguments, cancellationToken);
    }

    /// <summary>One survey's tallies, each grouped by its key over a scope's rows in SQL.</summary>
    private sealed class SurveyTallies(DirectoryDbContext db, string surveyCode) : IMappingReportTallies
    {
        public DirectoryDbContext Db => db;

        public Task<Func<int, Organisation>> OrganisationsAsync(IEnumerable<int> ids, CancellationToken cancellationToken) =>
            MappingReportAggregates.LoadOrganisationsAsync(db, ids, cancellationToken);

        public Task<IReadOnlyList<TallyGroup<TKey>>> GroupsAsync<TRow, TKey>(
            MappingReportTally<TRow, TKey> tally, ReportScope scope, CancellationToken cancellationToken) =>
            tally.TotalAsync(new MappingReportRows(db, surveyCode, scope.Checked().Organisations(db)), cancellationToken);

        public async Task<TState> FoldAsync<TRow, TKey, TState>(
            MappingReportTally<TRow, TKey> tally, ReportScope scope, TallyFold<TKey, TState> fold, CancellationToken cancellationToken)
            where TState : class =>
            fold.Build(await GroupsAsync(tally, scope, cancellationToken));
    }
}
