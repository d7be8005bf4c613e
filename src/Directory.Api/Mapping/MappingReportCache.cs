using System.Collections.Concurrent;
using Directory.Api.Audit;
using Directory.Data;
using Directory.Data.Aggregates;
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
    internal static readonly string[] ReadingActions = [AuditTrail.Actions.Export, AuditTrail.Actions.Disclose];

    /// <summary>Up to which audit entry the log has been looked at, and the newest entry among those that changed data.</summary>
    internal sealed record VersionState(long CheckedUpTo, long DataVersion);

    private VersionState _versionState = new(0, 0);

    /// <summary>
    /// What this instance knows of the audit log: a command that reads the log beside its own rows (a search's page,
    /// <see cref="Paging.Connection{T}"/>) reads the newest change after its <see cref="VersionState.CheckedUpTo"/>
    /// and hands both back to <see cref="DataVersionFromAsync"/>.
    /// </summary>
    internal VersionState KnownVersion => Volatile.Read(ref _versionState);

    /// <summary>The newest audit entry's id, and the newest among those after an id that record a change (null: none).</summary>
    internal sealed record AuditRead(long Newest, long? ChangedAfter);

    // One command, compiled (EF Core's cache look-up of a LINQ query costs more than the command here): the newest id
    // (the primary key's last entry) and, in the same statement and so the same snapshot, the newest change after the
    // id last looked at, read through the primary key from there (nothing to read when no entry was added).
    private static readonly CompiledQuery<Func<DirectoryDbContext, long, CancellationToken, Task<AuditRead?>>> ReadAudit = new(_ => EF.CompileAsyncQuery(
        (DirectoryDbContext db, long after, CancellationToken _) => db.AuditLog.OrderByDescending(e => e.Id)
            .Select(e => new AuditRead(e.Id, db.AuditLog.Where(c => c.Id > after && !ReadingActions.Contains(c.Action)).Max(c => (long?)c.Id)))
            .FirstOrDefault()));

    /// <summary>
    /// The data version a request's aggregates are read at: the id of the newest audit entry that records a change
    /// (0 when none). Exports and their disclosures are audited too but change nothing, so they must not cost the next
    /// report its cache. Asked on every report, so it is one command: the newest id, and the newest change among the
    /// entries added since it last asked.
    /// </summary>
    public async Task<long> DataVersionAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DataVersionAsync(db, cancellationToken);
    }

    /// <summary>As <see cref="DataVersionAsync(CancellationToken)"/>, on a context the caller has (and its open connection).</summary>
    internal async Task<long> DataVersionAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var known = KnownVersion;
        var read = await ReadAudit.For(db)(db, known.CheckedUpTo, cancellationToken);
        return await DataVersionFromAsync(db, known, read ?? new AuditRead(0, null), cancellationToken);
    }

    /// <summary>
    /// The data version from a read of the audit log made from <paramref name="known"/> (<see cref="KnownVersion"/>
    /// before the read): the newest id (0 when the log is empty) and the newest change after
    /// <paramref name="known"/>'s <see cref="VersionState.CheckedUpTo"/>. A smaller newest id than known (another,
    /// restored database) reads the log again from its start.
    /// </summary>
    internal async Task<long> DataVersionFromAsync(DirectoryDbContext db, VersionState known, AuditRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(read);
        if (read.Newest == known.CheckedUpTo)
        {
            return known.DataVersion;
        }

        var state = read.Newest > known.CheckedUpTo
            ? new VersionState(read.Newest, read.ChangedAfter ?? known.DataVersion)
            // A smaller id: a different (restored) database, whose changes are read from its first entry.
            : await ReadAudit.For(db)(db, 0, cancellationToken) is { } restored ? new VersionState(restored.Newest, restored.ChangedAfter ?? 0) : new VersionState(0, 0);
        // Concurrent requests may both look: whichever stores its state first is kept; each answer is right for what it read.
        Interlocked.CompareExchange(ref _versionState, state, known);
        return state.DataVersion;
    }

    /// <summary>Each survey's organisations' contributions to the report, as read at a data version.</summary>
    private sealed record Contributions(long DataVersion, DateTime ReadAt, Task<MappingReportContributions> Value);

    private readonly ConcurrentDictionary<string, Contributions> _contributions = new(StringComparer.Ordinal);
    private readonly Lock _contributionsGate = new();

    /// <summary>Audit entries beyond which reading everything again is cheaper than refreshing organisation by organisation.</summary>
    private const int MaxChangesRefreshed = 500;

    /// <summary>
    /// Every organisation's contribution to <paramref name="surveyCode"/> at <paramref name="dataVersion"/> (or later),
    /// read once however many aggregates ask at the same time. After a change only the organisations the audit entries
    /// since the last version name are read again (<see cref="ChangedOrganisationsAsync"/>); anything the entries do
    /// not tie to organisations (an import, an erasure, a hand-made change) reads everything again, and so does a
    /// version older than the cache's lifetime. Audit entries commit in id order (the context saves them only under
    /// the write lock), so no change can appear behind a version already read; the lifetime covers changes made by
    /// hand, outside the service.
    /// </summary>
    public Task<MappingReportContributions> ContributionsAsync(string surveyCode, long dataVersion, CancellationToken cancellationToken)
    {
        if (_lifetime <= TimeSpan.Zero)
        {
            return ReadAllAsync(surveyCode, cancellationToken);
        }
        lock (_contributionsGate)
        {
            if (_contributions.TryGetValue(surveyCode, out var known) && known.DataVersion >= dataVersion
                && !known.Value.IsFaulted && !known.Value.IsCanceled && known.ReadAt + _lifetime > DateTime.UtcNow)
            {
                return known.Value.WaitAsync(cancellationToken);
            }
            var usable = known is not null && !known.Value.IsFaulted && !known.Value.IsCanceled && known.ReadAt + _lifetime > DateTime.UtcNow
                ? known : null;
            // On the thread pool and under no request's token: other requests may wait for the same read.
            var next = new Contributions(dataVersion, usable?.ReadAt ?? DateTime.UtcNow, Task.Run(() => usable is null
                ? ReadAllAsync(surveyCode, CancellationToken.None)
                : AdvanceAsync(usable, dataVersion, CancellationToken.None)));
            _contributions[surveyCode] = next;
            return next.Value.WaitAsync(cancellationToken);
        }
    }

    private async Task<MappingReportContributions> ReadAllAsync(string surveyCode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await MappingReportContributions.LoadAsync(db, surveyCode, cancellationToken);
    }

    private async Task<MappingReportContributions> AdvanceAsync(Contributions known, long dataVersion, CancellationToken cancellationToken)
    {
        var previous = await known.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await ChangedOrganisationsAsync(db, known.DataVersion, dataVersion, previous.IdOf, cancellationToken);
        return changed is null
            ? await MappingReportContributions.LoadAsync(db, previous.SurveyCode, cancellationToken)
            : await previous.RefreshAsync(db, changed, cancellationToken);
    }

    /// <summary>What a change's audit entry says it touched.</summary>
    internal sealed record AuditedChange(string Action, string EntityType, string EntityKey, string? Details);

    // Compiled, as every query of a refresh: the first report after each change runs them.
    private static readonly CompiledQuery<Func<DirectoryDbContext, long, long, IAsyncEnumerable<AuditedChange>>> ChangesBetween = new(_ => EF.CompileAsyncQuery(
        (DirectoryDbContext db, long from, long to) => db.AuditLog.AsNoTracking()
            .Where(e => e.Id > from && e.Id <= to && !ReadingActions.Contains(e.Action))
            .OrderBy(e => e.Id).Take(MaxChangesRefreshed + 1)
            .Select(e => new AuditedChange(e.Action, e.EntityType, e.EntityKey, e.Details))));

    private sealed record OrganisationCode(string Code, int Id);

    private static readonly CompiledQuery<Func<DirectoryDbContext, List<string>, IAsyncEnumerable<OrganisationCode>>> OrganisationsByCode = new(_ => EF.CompileAsyncQuery(
        (DirectoryDbContext db, List<string> codes) => db.Organisations.Where(o => codes.Contains(o.Code)).Select(o => new OrganisationCode(o.Code, o.Id))));

    /// <summary>
    /// The organisations whose data the changes audited after <paramref name="from"/> up to <paramref name="to"/> may
    /// have touched, or null when some change cannot be tied to organisations (<see cref="ChangedOrganisationCodes"/>).
    /// A code no longer in the database (renamed or gone) is the id <paramref name="formerIdOf"/> says it had, null
    /// when it knows none.
    /// </summary>
    internal static async Task<IReadOnlyCollection<int>?> ChangedOrganisationsAsync(
        DirectoryDbContext db, long from, long to, Func<string, int?> formerIdOf, CancellationToken cancellationToken)
    {
        if (ChangedOrganisationCodes(await ChangesBetweenAsync(db, from, to, cancellationToken)) is not { } codes)
        {
            return null;
        }
        if (codes.Count == 0)
        {
            return [];
        }
        var ids = new List<OrganisationCode>();
        await foreach (var organisation in OrganisationsByCode.For(db)(db, [.. codes]).WithCancellation(cancellationToken))
        {
            ids.Add(organisation);
        }
        var found = ids.Select(o => o.Id).ToHashSet();
        foreach (var code in codes.Where(c => !ids.Any(o => o.Code == c)))
        {
            // Gone since (or renamed): the id it had when last read, if it was there then.
            if (formerIdOf(code) is not { } id)
            {
                return null;
            }
            found.Add(id);
        }
        return found;
    }

    /// <summary>
    /// The changes audited after <paramref name="from"/> up to <paramref name="to"/>, in id order, reading actions
    /// left out: at most <see cref="MaxChangesRefreshed"/> and one more (which <see cref="ChangedOrganisationCodes"/> reads as too many).
    /// </summary>
    internal static async Task<IReadOnlyList<AuditedChange>> ChangesBetweenAsync(DirectoryDbContext db, long from, long to, CancellationToken cancellationToken)
    {
        var entries = new List<AuditedChange>();
        await foreach (var entry in ChangesBetween.For(db)(db, from, to).WithCancellation(cancellationToken))
        {
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>
    /// The codes of the organisations whose data <paramref name="changes"/> may have touched, or null when some change
    /// cannot be tied to organisations. Every mutation of an organisation, its departments, contacts and survey
    /// responses names the organisation (the entry's key, or <c>organisation</c> in its details); partnerships and
    /// contracts change no organisation's own data (not the report's, not which of its contacts anyone sees), so they
    /// name none. An erasure may redact text anywhere; an import names no organisation; more than
    /// <see cref="MaxChangesRefreshed"/> entries are not worth reading one by one: null. Shared by the report's
    /// contributions and the search totals (<see cref="Paging.TotalCountCache"/>).
    /// </summary>
    internal static IReadOnlySet<string>? ChangedOrganisationCodes(IReadOnlyList<AuditedChange> changes)
    {
        if (changes.Count > MaxChangesRefreshed)
        {
            return null;
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in changes)
        {
            if (entry.EntityType is "Partnership" or "Contract")
            {
                continue;
            }
            if (entry.Action == AuditTrail.Actions.Erase)
            {
                return null;
            }
            var code = entry.EntityType switch
            {
                "Organisation" => entry.EntityKey,
                "Contact" or "Department" or "SurveyResponse" => OrganisationNamedIn(entry.Details),
                _ => null,
            };
            if (code is null)
            {
                return null;
            }
            codes.Add(code);
        }
        return codes;
    }

    private static string? OrganisationNamedIn(string? details)
    {
        if (details is null)
        {
            return null;
        }
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(details);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("organisation", out var organisation)
                && organisation.ValueKind == System.Text.Json.JsonValueKind.String
                ? organisation.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
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
