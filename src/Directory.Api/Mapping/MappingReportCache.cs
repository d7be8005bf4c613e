using System.Collections.Concurrent;
using Directory.Api.Audit;
using Directory.Data;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Mapping;

/// <summary>
/// The mapping report's aggregates, kept between requests. Each aggregate is a GROUP BY over every response of a
/// survey: cheap on the sample, hundreds of milliseconds on a national-scale database, and the same for every caller
/// (the report is aggregates only, whoever asks). An entry is valid for one data version — the newest audit entry's
/// id that records a change: every write to the directory (import, mutation) commits an audit entry in its own
/// transaction, on whichever instance made it, so a new id means the data may have changed; exports are audited
/// too, but read only, and leave the version as it was. Entries also expire after
/// <c>MappingReport:CacheSeconds</c> (600; 0 turns the cache off), in case the database is changed by hand.
/// </summary>
public sealed class MappingReportCache(IDbContextFactory<DirectoryDbContext> contexts, IConfiguration configuration)
{
    private const int MaxEntries = 2_000;

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("MappingReport:CacheSeconds", 600));
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long DataVersion, DateTime ExpiresAt, Lazy<Task<object?>> Result)
    {
        public bool IsUsableFor(long version) =>
            DataVersion == version && ExpiresAt > DateTime.UtcNow && !Result.Value.IsFaulted && !Result.Value.IsCanceled;
    }

    /// <summary>Audit actions that record a reading of the data, not a change to it: they leave the aggregates as they were.</summary>
    private static readonly string[] ReadingActions = [AuditTrail.Actions.Export, AuditTrail.Actions.Disclose];

    /// <summary>Up to which audit entry the log has been looked at, and the newest entry among those that changed data.</summary>
    private sealed record VersionState(long CheckedUpTo, long DataVersion);

    private VersionState _versionState = new(0, 0);

    /// <summary>
    /// The data version a request's aggregates are read at: the id of the newest audit entry that records a change
    /// (0 when none). Exports and their disclosures are audited too but change nothing, so they must not cost the next
    /// report its cache. Asked on every report, so it reads the newest id (the primary key's last entry) and looks at
    /// the entries added since it last asked only when there are any, newest first, stopping at the first change.
    /// </summary>
    public async Task<long> DataVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await db.AuditLog.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var known = Volatile.Read(ref _versionState);
        if (newest == known.CheckedUpTo)
        {
            return known.DataVersion;
        }

        var from = newest > known.CheckedUpTo ? known.CheckedUpTo : 0; // a smaller id: a different (restored) database
        var changed = await db.AuditLog.Where(e => e.Id > from && e.Id <= newest && !ReadingActions.Contains(e.Action))
            .OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var state = new VersionState(newest, changed ?? (from == 0 ? 0 : known.DataVersion));
        // Concurrent requests may both look: whichever stores its state first is kept; each answer is right for what it read.
        Interlocked.CompareExchange(ref _versionState, state, known);
        return state.DataVersion;
    }

    /// <summary>
    /// The aggregate for <paramref name="key"/> at <paramref name="dataVersion"/>, computed once however many requests
    /// ask for it at the same time. The computation gets its own DbContext and no request's cancellation (other
    /// requests may be waiting for it); each caller stops waiting when its own request is cancelled.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, long dataVersion, Func<MappingReportQueriesFactory, Task<T>> compute, CancellationToken cancellationToken)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return await compute(new MappingReportQueriesFactory(contexts, cancellationToken));
        }
        if (_entries.Count > MaxEntries)
        {
            // Keys are bounded by surveys × regions × arguments; a flood of distinct arguments simply starts afresh.
            _entries.Clear();
        }
        // On the thread pool, not the first caller's execution scheduler: that request may finish (or be cancelled)
        // while others still wait for the result.
        var fresh = new Entry(dataVersion, DateTime.UtcNow + _lifetime,
            new Lazy<Task<object?>>(() => Task.Run(async () => (object?)await compute(new MappingReportQueriesFactory(contexts, CancellationToken.None)))));
        var entry = _entries.AddOrUpdate(key, fresh, (_, existing) => existing.IsUsableFor(dataVersion) ? existing : fresh);
        return (T)(await entry.Result.Value.WaitAsync(cancellationToken))!;
    }
}

/// <summary>Opens the DbContext an aggregate runs in, with the token it runs under.</summary>
public sealed record MappingReportQueriesFactory(IDbContextFactory<DirectoryDbContext> Contexts, CancellationToken CancellationToken);
