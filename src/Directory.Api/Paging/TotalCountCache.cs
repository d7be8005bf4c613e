using System.Collections.Concurrent;
using Directory.Api.Mapping;

namespace Directory.Api.Paging;

/// <summary>
/// Totals of lists kept between requests, each for one data version (<see cref="MappingReportCache.DataVersionAsync"/>:
/// the newest audit entry that records a change; every write — mutation, import, consent change, removal, erasure —
/// commits one in the same transaction as the change). A search's <c>totalCount</c> checks every match (5,600 rows for
/// "commissioning manager" at the sample ×100, ≈ 5 ms) while its first page needs a few dozen; asked again for the same
/// data, it is the same number. The key must name everything the count depends on besides the data: the caller's
/// visibility, the normalised search, the filter. Entries expire after <c>Search:TotalCacheSeconds</c> (600; 0 keeps
/// none), in case the database is changed by hand.
/// </summary>
internal sealed class TotalCountCache(MappingReportCache versions, IConfiguration configuration)
{
    // A search per key: a bound keeps made-up searches from growing the memory without end (past it, all are forgotten).
    private const int MaxEntries = 10_000;

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("Search:TotalCacheSeconds", 600));
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long DataVersion, DateTime ExpiresAt, int Total);

    /// <summary>
    /// The total kept under <paramref name="key"/> for the data as it is now (null when none is), with the version to
    /// keep a total counted now under; null when nothing is kept at all (<c>Search:TotalCacheSeconds</c> = 0).
    /// </summary>
    public async Task<KeptTotal?> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return null;
        }
        // The version is read before counting, so a total is never kept under a version older than the data it counted:
        // a write committed in between has a newer version, which the next request reads and misses with.
        var version = await versions.DataVersionAsync(cancellationToken);
        var kept = _entries.TryGetValue(key, out var entry) && entry.DataVersion == version && entry.ExpiresAt > DateTime.UtcNow ? entry.Total : (int?)null;
        return new KeptTotal(key, version, kept);
    }

    /// <summary>Keeps <paramref name="total"/>, counted after <paramref name="lookUp"/>, for its version.</summary>
    public void Keep(KeptTotal lookUp, int total)
    {
        ArgumentNullException.ThrowIfNull(lookUp);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[lookUp.Key] = new Entry(lookUp.DataVersion, DateTime.UtcNow + _lifetime, total);
    }
}

/// <summary>What <see cref="TotalCountCache.LookUpAsync"/> found: the kept total, if any, and the version it was looked up at.</summary>
internal sealed record KeptTotal(string Key, long DataVersion, int? Total);
