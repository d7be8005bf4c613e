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
/// <para>
/// A total is kept as its count per organisation, so that the first request after a write need not check every match
/// again: the audit entries since the kept version name the organisations they may have touched
/// (<see cref="MappingReportCache.ChangedOrganisationCodes"/>), and only those organisations' matches are counted
/// again (a few dozen rows read through the organisation's index), replacing their counts: one command that finds the
/// organisations by their codes and counts their rows. On PostgreSQL the page's command also reads the first change
/// since the kept version with the data version (when it is the only change, the audit log is not read again: one
/// round trip less) and, after a write made by this process, that write's organisation's count (<see cref="RecountHint"/>:
/// no recount command when the log read in the same command names only that organisation); on SQLite the audit
/// entries are read in a command of their own. Whatever can change matches
/// or visibility beyond the organisations it names — an erasure (it redacts text anywhere), an import, an entry the
/// log cannot tie to organisations, too many changes — counts everything again. Partnerships and contracts change no
/// contact's text and no one's visibility (the rule, <c>ContactResolvers.Visible</c>, is the caller's organisation
/// and the consent of the contact's organisation's response), so they recount nothing. Contacts never move between
/// organisations by a mutation (a department must be the contact's own organisation's); an import may move them, and
/// counts everything again. The incremental total keeps the lifetime of the full count it started from, so a change
/// made by hand is still seen within <c>Search:TotalCacheSeconds</c>.
/// </para>
/// </summary>
internal sealed class TotalCountCache(MappingReportCache versions, IConfiguration configuration, Audit.AuditTrail audit)
{
    // A search per key: a bound keeps made-up searches from growing the memory without end (past it, all are forgotten).
    private const int MaxEntries = 10_000;

    // The per-organisation counts of all entries together (≈ 20 bytes each: ≈ 10 MB): "commissioning manager" at ×100
    // keeps 5,100, a search as wide as "council" tens of thousands. Past it, all are forgotten; a single search
    // matching in more organisations than that keeps nothing.
    private const int MaxOrganisationCounts = 500_000;

    /// <summary>
    /// Changed organisations beyond which one full count (through the search index) is cheaper than counting each
    /// organisation's contacts again through the organisation's index (≈ 110 rows each at ×100).
    /// </summary>
    public const int MaxOrganisationsRecounted = 50;

    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(configuration.GetValue("Search:TotalCacheSeconds", 600));
    private readonly ConcurrentDictionary<string, KeptCounts> _entries = new(StringComparer.Ordinal);
    private readonly Lock _keeping = new();
    private int _organisationCounts; // under _keeping
    private long _fullCounts;
    private long _incrementalCounts;
    private long _changeReads;
    private long _recountsInPage;

    /// <summary>How many totals were counted over every organisation (for tests: which way a total was counted).</summary>
    public long FullCounts => Interlocked.Read(ref _fullCounts);

    /// <summary>How many totals were brought up to date by counting only the changed organisations again.</summary>
    public long IncrementalCounts => Interlocked.Read(ref _incrementalCounts);

    /// <summary>How many times the audit entries since a kept total were read in a command of their own (for tests).</summary>
    public long ChangeReads => Interlocked.Read(ref _changeReads);

    /// <summary>How many changed organisations were counted again in the page's command rather than in one of their own (for tests).</summary>
    public long RecountsInPage => Interlocked.Read(ref _recountsInPage);

    /// <summary>Whether totals are kept at all (<c>Search:TotalCacheSeconds</c> above 0).</summary>
    public bool KeepsTotals => _lifetime > TimeSpan.Zero;

    /// <summary>The data versions totals are kept for: a command that reads the audit log beside its rows starts from its <see cref="MappingReportCache.KnownVersion"/>.</summary>
    public MappingReportCache Versions => versions;

    /// <summary>
    /// The total kept under <paramref name="key"/> for the data as it is now (null when none is), with the version to
    /// keep a total counted now under and any counts kept for an earlier version; null when nothing is kept at all
    /// (<c>Search:TotalCacheSeconds</c> = 0). The version is read on <paramref name="db"/>'s connection.
    /// </summary>
    public async Task<KeptTotal?> LookUpAsync(string key, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        if (!KeepsTotals)
        {
            return null;
        }
        // The version is read before counting, so a total is never kept under a version older than the data it counted:
        // a write committed in between has a newer version, which the next request reads and misses with (and, as the
        // audit entries after the kept version name it, counts its organisation again).
        return LookUp(key, await versions.DataVersionAsync(db, cancellationToken));
    }

    /// <summary>
    /// The total kept under <paramref name="key"/> for <paramref name="version"/>, a data version read before anything
    /// is counted for it (in the same command as the page it goes with, or on its own: <see cref="LookUpAsync"/>).
    /// </summary>
    public KeptTotal LookUp(string key, long version)
    {
        var kept = _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > DateTime.UtcNow ? entry : null;
        return kept?.DataVersion == version ? new KeptTotal(key, version, kept.Total, null) : new KeptTotal(key, version, null, kept);
    }

    /// <summary>
    /// The data version a total is kept for under <paramref name="key"/>, whichever it is (null when none is kept, or
    /// it has expired): a command that reads the data version can read the first change audited after it alongside
    /// (<see cref="FirstChange"/>), which saves reading the audit log again when that change is the only one.
    /// </summary>
    public long? KeptVersion(string key) => _entries.TryGetValue(key, out var entry) && entry.ExpiresAt > DateTime.UtcNow ? entry.DataVersion : null;

    /// <summary>
    /// The code of the organisation that the change this process audited last names (<see cref="Audit.AuditTrail.LastChangeRecorded"/>),
    /// when that change was saved after <paramref name="keptVersion"/> and names exactly one organisation; else null.
    /// The first search after a write made here can then count that organisation's matches in its page's command
    /// (<see cref="RecountedInPage"/>), sparing the recount its own command, round trip and planning.
    /// </summary>
    public string? RecountHint(long keptVersion) =>
        audit.LastChangeRecorded is { Id: var id } entry && id > keptVersion
        && MappingReportCache.ChangedOrganisationCodes([new MappingReportCache.AuditedChange(entry.Action, entry.EntityType, entry.EntityKey, entry.Details)]) is { Count: 1 } codes
            ? codes.First()
            : null;

    /// <summary>
    /// The total for <paramref name="lookUp"/>'s version (which found none), counted and kept: from the counts kept for
    /// an earlier version, counting again only the organisations changed since, when the audit log says which they
    /// are and the list allows it (<paramref name="recountsChangedOrganisations"/>: no row's membership depends on
    /// another organisation's data); else every organisation. <paramref name="countPerOrganisation"/> counts the list's
    /// rows per organisation in one command: of the organisations with the given codes only, one row for each found
    /// (its count 0 when it has none), or (null) of every organisation, one row for each with rows.
    /// <paramref name="firstChange"/>, when the caller read it with the version, is the first change audited after the
    /// version it was read from: when that is the earlier version and the change is the version itself, it is the
    /// only change since, and the audit log is not read again. <paramref name="countedInPage"/>, when the caller counted an
    /// organisation in the same command as the version it read, is used when that organisation is the only one changed.
    /// </summary>
    public async Task<int> CountAsync(
        DirectoryDbContext db, KeptTotal lookUp, Func<IReadOnlyCollection<string>?, IQueryable<OrganisationCount>> countPerOrganisation,
        bool recountsChangedOrganisations, FirstChange? firstChange, RecountedInPage? countedInPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookUp);
        ArgumentNullException.ThrowIfNull(countPerOrganisation);
        var earlier = lookUp.Earlier;
        IReadOnlySet<string>? changed = null;
        // An earlier version only: a newer one is another (restored) database's, whose log says nothing of ours.
        if (recountsChangedOrganisations && earlier is not null && earlier.DataVersion < lookUp.DataVersion)
        {
            // The first change after the earlier version being the version itself, no other change lies between.
            IReadOnlyList<MappingReportCache.AuditedChange> changes;
            if (firstChange is not null && firstChange.After == earlier.DataVersion && firstChange.Id == lookUp.DataVersion)
            {
                changes = [firstChange.Change];
            }
            else
            {
                changes = await MappingReportCache.ChangesBetweenAsync(db, earlier.DataVersion, lookUp.DataVersion, cancellationToken);
                Interlocked.Increment(ref _changeReads);
            }
            changed = MappingReportCache.ChangedOrganisationCodes(changes);
        }
        Dictionary<int, int>? perOrganisation = null;
        DateTime expiresAt = default;
        if (changed is not null && changed.Count <= MaxOrganisationsRecounted)
        {
            var recounted = new Dictionary<int, int>(earlier!.PerOrganisation);
            var found = 0;
            // An organisation found and counted again: its count replaces the kept one (none kept when it has no rows).
            void Replace(OrganisationCount count)
            {
                found++;
                if (count.Count > 0)
                {
                    recounted[count.OrganisationId] = count.Count;
                }
                else
                {
                    recounted.Remove(count.OrganisationId);
                }
            }
            if (countedInPage is not null && changed.Count == 1 && changed.Contains(countedInPage.Code))
            {
                // Counted at the version itself, in the command that read it; no count: no organisation has the code.
                if (countedInPage.Count is { } count)
                {
                    Replace(count);
                }
                Interlocked.Increment(ref _recountsInPage);
            }
            else if (changed.Count > 0)
            {
                // The organisations by their codes and their rows counted again, in one command.
                await foreach (var count in countPerOrganisation([.. changed]).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    Replace(count);
                }
            }
            // A code the database no longer has cannot be told apart from one it never had: counted afresh.
            if (found == changed.Count)
            {
                (perOrganisation, expiresAt) = (recounted, earlier.ExpiresAt);
                Interlocked.Increment(ref _incrementalCounts);
            }
        }
        if (perOrganisation is null)
        {
            perOrganisation = [];
            await foreach (var count in countPerOrganisation(null).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                perOrganisation[count.OrganisationId] = count.Count;
            }
            expiresAt = DateTime.UtcNow + _lifetime;
            Interlocked.Increment(ref _fullCounts);
        }
        var total = perOrganisation.Values.Sum();
        Keep(lookUp.Key, new KeptCounts(lookUp.DataVersion, expiresAt, total, perOrganisation));
        return total;
    }

    private void Keep(string key, KeptCounts counts)
    {
        lock (_keeping)
        {
            if (counts.PerOrganisation.Count > MaxOrganisationCounts)
            {
                return;
            }
            if (_entries.Count >= MaxEntries || _organisationCounts + counts.PerOrganisation.Count > MaxOrganisationCounts)
            {
                _entries.Clear();
                _organisationCounts = 0;
            }
            if (_entries.TryGetValue(key, out var replaced))
            {
                _organisationCounts -= replaced.PerOrganisation.Count;
            }
            _entries[key] = counts;
            _organisationCounts += counts.PerOrganisation.Count;
        }
    }
}

/// <summary>
/// The first change audited after <paramref name="After"/> (its id and what it says it touched), read in the same
/// command as the data version (<see cref="Connection{T}"/>'s page).
/// </summary>
internal sealed record FirstChange(long After, long Id, MappingReportCache.AuditedChange Change);

/// <summary>
/// A list's rows of one organisation: the unit a kept total is counted again in. Properties set by an initializer, not
/// a constructor, so that a query can read one of them in SQL (<see cref="Connection{T}"/>'s page reads one as a subquery).
/// </summary>
internal sealed record OrganisationCount
{
    public required int OrganisationId { get; init; }

    public required int Count { get; init; }
}

/// <summary>
/// The matches of the organisation with <paramref name="Code"/>, counted in the page's command at the data version it
/// read (<see cref="TotalCountCache.RecountHint"/>); <paramref name="Count"/> null when no organisation has the code.
/// </summary>
internal sealed record RecountedInPage(string Code, OrganisationCount? Count);

/// <summary>A total kept for a data version, as the count of each organisation with rows (the others have none).</summary>
internal sealed record KeptCounts(long DataVersion, DateTime ExpiresAt, int Total, IReadOnlyDictionary<int, int> PerOrganisation);

/// <summary>
/// What <see cref="TotalCountCache.LookUpAsync"/> found: the kept total, if any, the version it was looked up at and,
/// when the total kept is for an earlier version, its counts.
/// </summary>
internal sealed record KeptTotal(string Key, long DataVersion, int? Total, KeptCounts? Earlier);
