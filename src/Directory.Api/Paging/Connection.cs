using Directory.Api.Mapping;
using Directory.Api.Reads;

namespace Directory.Api.Paging;

/// <summary>The <c>pageInfo</c> of a connection.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>
/// One <c>edges</c> entry of a connection. Its cursor is encoded when first read: a page read through <c>nodes</c>
/// needs only the first and last rows' (for <c>pageInfo</c>), and encoding every row's (JSON and base64) cost a
/// national contact list page ≈ 25 µs of server CPU.
/// </summary>
public sealed class Edge<T>
{
    private readonly IReadOnlyList<object?>? _keys;
    private readonly int _offset;
    private string? _cursor;

    /// <summary>The edge of a keyset-paged row, whose cursor holds its sort key values.</summary>
    public Edge(IReadOnlyList<object?> keys, T node)
    {
        _keys = keys;
        Node = node;
    }

    /// <summary>The edge of the row at <paramref name="offset"/> of an offset-paged list.</summary>
    public Edge(int offset, T node)
    {
        _offset = offset;
        Node = node;
    }

    public string Cursor => _cursor ??= _keys is { } keys ? PageRequest.EncodeCursor(keys) : PageRequest.EncodeCursor(_offset);

    public T Node { get; }
}

/// <summary>
/// A Relay connection over a filtered, sorted query. Its fields ask a per-connection DataLoader for the parts they
/// need — the total, the page — so that whatever a selection holds (<c>totalCount</c>, <c>pageInfo</c>, <c>nodes</c>,
/// <c>edges</c>, aliased or in fragments), the parts asked for in one execution level are fetched together: one
/// DbContext, the query built once, a COUNT only when <c>totalCount</c> is selected (or <c>last</c> needs it) and
/// rows only when a page field is; a total and a page together are one SQL command (one round trip on PostgreSQL).
/// </summary>
public sealed class Connection<T>
    where T : class
{
    private enum Part
    {
        Total,
        Page,
    }

    private readonly IDbContextFactory<DirectoryDbContext> _contexts;
    private readonly Func<DirectoryDbContext, IQueryable<T>> _query;
    private readonly PageRequest _page;
    private readonly Projection? _nodeColumns;
    /// <summary>The request's loader of this connection's parts; unique in the process, whatever <typeparamref name="T"/> is.</summary>
    internal string LoaderName { get; } = ConnectionLoaderNames.Next();

    /// <param name="nodes">What the selection reads of the nodes (<see cref="Projection.OfConnectionNodes"/>); null reads whole rows.</param>
    public Connection(IDbContextFactory<DirectoryDbContext> contexts, Func<DirectoryDbContext, IQueryable<T>> query, PageRequest page, Projection? nodes)
    {
        _contexts = contexts;
        _query = query;
        _page = page;
        _nodeColumns = nodes?.Type == typeof(T) ? nodes : null;
    }

    /// <param name="shortcuts">Cheaper ways to the first rows or to the total that the list knows of (see <see cref="ConnectionShortcuts{T}"/>).</param>
    internal Connection(
        IDbContextFactory<DirectoryDbContext> contexts, Func<DirectoryDbContext, IQueryable<T>> query, PageRequest page, Projection? nodes, ConnectionShortcuts<T>? shortcuts)
        : this(contexts, query, page, nodes) => _shortcuts = shortcuts;

    private readonly ConnectionShortcuts<T>? _shortcuts;

    private sealed record Page(IReadOnlyList<Edge<T>> Edges, PageInfo Info);

    public async Task<int> TotalCountAsync(ResolverContext context) => (int)(await Parts(context).LoadAsync(Part.Total))!;

    public async Task<IReadOnlyList<Edge<T>>> EdgesAsync(ResolverContext context) => (await PageAsync(context)).Edges;

    public async Task<IReadOnlyList<T>> NodesAsync(ResolverContext context) => [.. (await EdgesAsync(context)).Select(e => e.Node)];

    public async Task<PageInfo> PageInfoAsync(ResolverContext context) => (await PageAsync(context)).Info;

    private async Task<Page> PageAsync(ResolverContext context) => (Page)(await Parts(context).LoadAsync(Part.Page))!;

    private BatchDataLoader<Part, object> Parts(ResolverContext context) => context.BatchLoader<Part, object>(LoaderName, FetchAsync);

    private async Task<IReadOnlyDictionary<Part, object>> FetchAsync(IReadOnlyList<Part> parts, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        // Every command of the fetch on one connection: EF Core would open and close it around each, and each opening
        // of a pooled PostgreSQL connection sends its reset (DISCARD ALL) before the command.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var rows = _query(db);
        var fetched = new Dictionary<Part, object>(2);
        var unordered = Keyset<T>.WithoutOrder(rows);
        var keyset = parts.Contains(Part.Page) ? Keyset<T>.Of(rows, db.Model) : null;
        // A total the list keeps between requests is looked up for the data version; when none is kept for the data as
        // it is, it is counted per organisation (only the changed organisations' when an earlier version's counts are
        // kept), then kept. Without kept totals it is counted as it would be without (in the page's command).
        var keeps = parts.Contains(Part.Total) && _shortcuts is { Totals.KeepsTotals: true, TotalKey: not null, CountPerOrganisation: not null };
        // A page by offset reads the version in its own command (one round trip for both); otherwise it is read first.
        var versionInPage = keeps && parts.Contains(Part.Page) && keyset is null;
        var kept = keeps && !versionInPage ? await _shortcuts!.Totals!.LookUpAsync(_shortcuts.TotalKey!, db, cancellationToken) : null;
        if (kept is not null)
        {
            fetched[Part.Total] = await TotalAsync(db, kept, null, null, cancellationToken);
        }
        var withTotal = parts.Contains(Part.Total) && !keeps;
        if (!parts.Contains(Part.Page))
        {
            if (withTotal)
            {
                fetched[Part.Total] = await unordered.CountAsync(cancellationToken);
            }
        }
        else if (keyset is not null)
        {
            await FetchByKeysAsync(rows, keyset, withTotal, fetched, cancellationToken);
        }
        else
        {
            await FetchByOffsetAsync(db, rows, unordered, withTotal, versionInPage, fetched, cancellationToken);
        }
        return fetched;
    }

    /// <summary>The kept total <paramref name="kept"/> found, or the total counted for its version and kept.</summary>
    private async Task<int> TotalAsync(
        DirectoryDbContext db, KeptTotal kept, FirstChange? firstChange, RecountedInPage? countedInPage, CancellationToken cancellationToken) =>
        kept.Total ?? await _shortcuts!.Totals!.CountAsync(
            db, kept, organisations => _shortcuts.CountPerOrganisation!(db, organisations), _shortcuts.RecountsChangedOrganisations, firstChange,
            countedInPage, cancellationToken);

    /// <summary>
    /// A page by offset (a sort the keyset rules out): from the list's first-rows shortcut when it has one that holds
    /// the whole window, else from the list's query; the total, when asked for, in the same command. With
    /// <paramref name="versionInPage"/>, the page's command also reads the data version, and the kept total for it
    /// (counted afterwards when none is kept) is the total: a total is never kept under a version older than the data
    /// it counted, as the count comes after the read. It also reads the first change audited after the version a total
    /// is kept for (when one is, and the list recounts changed organisations), so that after a single write the
    /// recount need not read the audit log again (<see cref="TotalCountCache.CountAsync"/>), and, when this process made
    /// a change since (<see cref="TotalCountCache.RecountHint"/>), counts the matches of the organisation it names, so
    /// that a single write's recount needs no command of its own.
    /// </summary>
    private async Task FetchByOffsetAsync(
        DirectoryDbContext db, IQueryable<T> rows, IQueryable<T> unordered, bool withTotal, bool versionInPage, Dictionary<Part, object> fetched,
        CancellationToken cancellationToken)
    {
        if (_page.After is { Offset: null } || _page.Before is { Offset: null })
        {
            throw PageRequest.InvalidCursor((_page.After is { Offset: null } ? _page.After : _page.Before)!.Argument);
        }
        // Paging from the end needs the total before the page's window is known: a command of its own. (A kept total
        // is not for that: kept totals serve totalCount only, so the window stays the rows' own.)
        int? total = _page.NeedsTotal ? await unordered.CountAsync(cancellationToken) : null;
        var (start, count) = _page.Window(total);
        var versions = versionInPage ? _shortcuts!.Totals!.Versions : null;
        var known = versions?.KnownVersion;
        // On PostgreSQL only: there it saves the recount a round trip; on SQLite (no round trips) the page's extra subquery
        // cost a kept search more (≈ 0.1–0.2 ms at ×100) than the command it saved after a write.
        var changesAfter = versions is not null && _shortcuts!.RecountsChangedOrganisations && db.Provider == DatabaseProvider.Postgres
            ? _shortcuts.Totals!.KeptVersion(_shortcuts.TotalKey!)
            : null;
        var recountCode = changesAfter is { } keptVersion ? _shortcuts!.Totals!.RecountHint(keptVersion) : null;
        MappingReportCache.AuditRead? audit = null;
        FirstChange? firstChange = null;
        RecountedInPage? countedInPage = null;
        List<T>? nodes = null;
        if (_shortcuts?.FirstRows?.Invoke(db, start + count + 1) is { } first)
        {
            // The shortcut's rows are the list's first ones: the whole window there (count + 1 rows, the one more
            // telling whether a next page exists) is the page; fewer say nothing, and the list's own query answers.
            var (read, readTotal, readAudit, readChange, readCount) = await ReadAsync(
                db, first.Skip(start).Take(count + 1), withTotal && total is null ? unordered : null, known, changesAfter, recountCode, cancellationToken);
            total ??= readTotal;
            nodes = read.Count > count ? read : null;
            (audit, firstChange, countedInPage) = nodes is null ? (null, null, null) : (readAudit, readChange, readCount);
        }
        if (nodes is null)
        {
            // One row more than asked tells whether a next page exists without a COUNT.
            var (read, readTotal, readAudit, readChange, readCount) = await ReadAsync(
                db, rows.Skip(start).Take(count + 1), withTotal && total is null ? unordered : null, known, changesAfter, recountCode, cancellationToken);
            (nodes, total, audit, firstChange, countedInPage) = (read, total ?? readTotal, readAudit, readChange, readCount);
        }
        if (withTotal)
        {
            fetched[Part.Total] = total ?? await unordered.CountAsync(cancellationToken);
        }
        if (versions is not null)
        {
            // An empty page carries no version: read on its own.
            var version = audit is null
                ? await versions.DataVersionAsync(db, cancellationToken)
                : await versions.DataVersionFromAsync(db, known!, audit, cancellationToken);
            // The count in the page's command is at the version only when the version is that command's (a smaller newest
            // id than known, another database's, reads the log again).
            countedInPage = audit is not null && audit.Newest >= known!.CheckedUpTo ? countedInPage : null;
            fetched[Part.Total] = await TotalAsync(db, _shortcuts!.Totals!.LookUp(_shortcuts.TotalKey!, version), firstChange, countedInPage, cancellationToken);
        }
        fetched[Part.Page] = ToPage(nodes, start, count);
    }

    /// <summary>
    /// The rows of <paramref name="window"/> as the selection reads them, with either the total of
    /// <paramref name="counted"/> alongside when given (an uncorrelated scalar subquery the database evaluates once, in
    /// the same command) or, from <paramref name="known"/>, the audit log's newest entry and newest change
    /// (<see cref="MappingReportCache.DataVersionFromAsync"/>), two more such subqueries, and with
    /// <paramref name="changesAfter"/> the first change audited after it (<see cref="FirstChange"/>; each of its
    /// fields joined in one subquery) and with <paramref name="recountCode"/> that organisation's matches counted
    /// (<see cref="RecountedInPage"/>, one more subquery). An empty window (past the end, or nothing matches) carries none.
    /// </summary>
    private async Task<(List<T> Rows, int? Total, MappingReportCache.AuditRead? Audit, FirstChange? Change, RecountedInPage? Recounted)> ReadAsync(
        DirectoryDbContext db, IQueryable<T> window, IQueryable<T>? counted, MappingReportCache.VersionState? known, long? changesAfter,
        string? recountCode, CancellationToken cancellationToken)
    {
        var projected = Projection.Apply(window.AsNoTracking(), _nodeColumns);
        if (counted is not null)
        {
            var withTotal = await projected.Select(row => new Counted { Row = row, Total = counted.Count() }).ToListAsync(cancellationToken);
            return ([.. withTotal.Select(c => c.Row)], withTotal.Count > 0 ? withTotal[0].Total : null, null, null, null);
        }
        if (known is null)
        {
            return (await projected.ToListAsync(cancellationToken), null, null, null, null);
        }
        // The data version's two reads (MappingReportCache.DataVersionFromAsync), inlined into the command as subqueries.
        var after = known.CheckedUpTo;
        var entries = db.AuditLog.Select(e => (long?)e.Id);
        var changesSince = db.AuditLog.Where(e => e.Id > after && !MappingReportCache.ReadingActions.Contains(e.Action)).Select(e => (long?)e.Id);
        if (changesAfter is not { } kept)
        {
            var versioned = await projected.Select(row => new Audited { Row = row, Newest = entries.Max(), ChangedAfter = changesSince.Max() })
                .ToListAsync(cancellationToken);
            return ([.. versioned.Select(a => a.Row)], null,
                versioned.Count > 0 ? new MappingReportCache.AuditRead(versioned[0].Newest ?? 0, versioned[0].ChangedAfter) : null, null, null);
        }
        // One subquery, not one per field: each costs the page's command (on every search whose total is kept).
        var firstChange = db.AuditLog.Where(e => e.Id > kept && !MappingReportCache.ReadingActions.Contains(e.Action)).OrderBy(e => e.Id)
            .Select(e => e.Id.ToString() + FirstChangeSeparator + e.Action + FirstChangeSeparator + e.EntityType
                + FirstChangeSeparator + e.EntityKey + FirstChangeSeparator + (e.Details ?? ""));
        List<Audited> read;
        if (recountCode is null)
        {
            read = await projected.Select(row => new Audited
            {
                Row = row,
                Newest = entries.Max(),
                ChangedAfter = changesSince.Max(),
                FirstChange = firstChange.FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        }
        else
        {
            // Only after a change made here (a kept search's command stays as it was): the organisation it names,
            // counted as the recount would, "id,count" in one subquery.
            var recount = _shortcuts!.CountPerOrganisation!(db, [recountCode])
                .Select(c => c.OrganisationId.ToString() + RecountSeparator + c.Count.ToString());
            read = await projected.Select(row => new Audited
            {
                Row = row,
                Newest = entries.Max(),
                ChangedAfter = changesSince.Max(),
                FirstChange = firstChange.FirstOrDefault(),
                Recounted = recount.FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        }
        if (read.Count == 0)
        {
            return ([], null, null, null, null);
        }
        var top = read[0];
        return ([.. read.Select(a => a.Row)], null, new MappingReportCache.AuditRead(top.Newest ?? 0, top.ChangedAfter), ParseFirstChange(kept, top.FirstChange),
            recountCode is null ? null : ParseRecounted(recountCode, top.Recounted));
    }

    /// <summary>
    /// A page by the sort key values of its cursors (see <see cref="Keyset{T}"/>): <c>first</c> reads forward from
    /// <c>after</c>, <c>last</c> backward from <c>before</c> (or the end), one row more than asked telling whether
    /// more lie beyond; the total, when asked for, comes in the same command.
    /// </summary>
    private async Task<IReadOnlyDictionary<Part, object>> FetchByKeysAsync(
        IQueryable<T> rows, Keyset<T> keyset, bool withTotal, Dictionary<Part, object> fetched, CancellationToken cancellationToken)
    {
        var backward = _page.First is null;
        var count = (backward ? _page.Last : _page.First) ?? PageRequest.DefaultPageSize;
        var unordered = Keyset<T>.WithoutOrder(rows);
        var window = keyset.Rows(rows.Provider, _page.After, _page.Before, backward).AsNoTracking().Take(count + 1);
        var read = await keyset.WithKeys(window, _nodeColumns?.Selector, withTotal ? unordered : null).ToListAsync(cancellationToken);
        var more = read.Count > count;
        var keyed = read.Take(count).ToList();
        if (backward)
        {
            keyed.Reverse();
        }
        var trimmed = false;
        if (!backward && _page.Last is { } last && keyed.Count > last)
        {
            // first and last together: the last items of the first ones, as the Relay algorithm has it.
            keyed = keyed[^last..];
            trimmed = true;
        }
        if (withTotal)
        {
            fetched[Part.Total] = read.Count > 0 ? read[0].Total : await unordered.CountAsync(cancellationToken);
        }
        var edges = keyed.Select(k => new Edge<T>(k.Keys, k.Row)).ToList();
        fetched[Part.Page] = new Page(edges, new PageInfo(
            HasNextPage: backward ? _page.Before is not null : more,
            HasPreviousPage: backward ? more : _page.After is not null || trimmed,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null));
        return fetched;
    }

    private sealed class Counted
    {
        public T Row { get; init; } = null!;

        public int Total { get; init; }
    }

    private sealed class Audited
    {
        public T Row { get; init; } = null!;

        public long? Newest { get; init; }

        public long? ChangedAfter { get; init; }

        public string? FirstChange { get; init; }

        public string? Recounted { get; init; }
    }

    // Between the first change's fields in the page's command. A JSON text (the details) never holds it unescaped, and
    // a field that holds it makes more than four, which is not read (the audit log is then read on its own).
    private const string FirstChangeSeparator = "\u001f";

    /// <summary>
    /// The first change after <paramref name="after"/> from its fields joined by <see cref="FirstChangeSeparator"/>
    /// (id, action, entity type, key, details; an empty details is none); null when there is none, or it cannot be
    /// split unambiguously.
    /// </summary>
    private static FirstChange? ParseFirstChange(long after, string? joined)
    {
        var fields = joined?.Split(FirstChangeSeparator);
        return fields is [var id, var action, var type, var key, var details]
            && long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var changeId)
            ? new FirstChange(after, changeId, new MappingReportCache.AuditedChange(action, type, key, details.Length == 0 ? null : details))
            : null;
    }

    // Between the recounted organisation's id and its count in the page's command.
    private const string RecountSeparator = ",";

    /// <summary>The organisation with <paramref name="code"/> and its count from "id,count" (null: no organisation has the code).</summary>
    private static RecountedInPage ParseRecounted(string code, string? joined)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return joined?.Split(RecountSeparator) is [var id, var count]
            ? new RecountedInPage(code, new OrganisationCount
            {
                OrganisationId = int.Parse(id, System.Globalization.NumberStyles.AllowLeadingSign, invariant),
                Count = int.Parse(count, System.Globalization.NumberStyles.None, invariant),
            })
            : new RecountedInPage(code, null);
    }

    private static Page ToPage(List<T> fetched, int start, int count)
    {
        var hasNext = fetched.Count > count;
        var edges = fetched.Take(count).Select((node, i) => new Edge<T>(start + i, node)).ToList();
        var info = new PageInfo(
            HasNextPage: hasNext,
            HasPreviousPage: start > 0,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Page(edges, info);
    }
}

/// <summary>
/// What a list may offer its connection besides its query, each optional.
/// <list type="bullet">
/// <item><see cref="FirstRows"/>: for a number of rows wanted, a cheaper query whose rows are the list's first ones in
/// its order — all of them or only some (fewer than wanted: the connection then asks the list's own query) — or null
/// when it has none for that many.</item>
/// <item><see cref="Totals"/>, <see cref="TotalKey"/> and <see cref="CountPerOrganisation"/>: the total is kept between
/// requests under the key, which names everything the count depends on besides the data, as the count of each
/// organisation's rows, which the list counts, of the organisations with the given codes only (a row for each one
/// found, 0 when it has none) or (null) of all (see
/// <see cref="TotalCountCache"/>). <see cref="RecountsChangedOrganisations"/>: whether, after a write, counting again
/// only the organisations the audit log names gives the total (false when a row's membership can depend on another
/// organisation's data, as through a filter on its county).</item>
/// </list>
/// </summary>
internal sealed record ConnectionShortcuts<T>(
    Func<DirectoryDbContext, int, IQueryable<T>?>? FirstRows,
    TotalCountCache? Totals,
    string? TotalKey,
    Func<DirectoryDbContext, IReadOnlyCollection<string>?, IQueryable<OrganisationCount>>? CountPerOrganisation,
    bool RecountsChangedOrganisations);

/// <summary>
/// Loader names for connections. One counter for every element type: a counter per <c>Connection&lt;T&gt;</c> (a static
/// field of the generic class) gave connections of two types in one request the same name, and the request's loader
/// registry refused the second, of another type.
/// </summary>
internal static class ConnectionLoaderNames
{
    private static long _issued;

    public static string Next() => "connection:" + Interlocked.Increment(ref _issued).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A root list field's connection: its <c>where</c> and <c>order</c> arguments applied in SQL, then paged.</summary>
public static class FilteredConnection
{
    /// <summary>
    /// The connection over <paramref name="source"/> filtered by the field's <c>where</c> and ordered by its
    /// <c>order</c>, then by <paramref name="byDefault"/>, then by <paramref name="tiebreaker"/> (so cursors are stable).
    /// </summary>
    public static Connection<T> Of<T, TTie>(
        ResolverContext context,
        Func<DirectoryDbContext, IQueryable<T>> source,
        FilterFields<T> filter,
        SortFields<T> sort,
        (System.Linq.Expressions.LambdaExpression Key, bool Descending) byDefault,
        System.Linq.Expressions.Expression<Func<T, TTie>> tiebreaker)
        where T : class
    {
        var where = context.GetArgument<IReadOnlyDictionary<string, object?>>("where");
        var order = context.GetArgument<IReadOnlyList<object?>>("order");
        return new Connection<T>(
            context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>(),
            db => sort.Apply(filter.Apply(source(db), where), order, [byDefault], tiebreaker),
            PageRequest.From(context),
            Projection.OfConnectionNodes(context));
    }
}

/// <summary>Binds a connection type and its edge type of the schema to <see cref="Connection{T}"/>.</summary>
public static class ConnectionBinding
{
    /// <summary>Binds <c>{prefix}Connection</c> and <c>{prefix}Edge</c>.</summary>
    public static SchemaBuilder BindConnection<T>(this SchemaBuilder schema, string prefix)
        where T : class
    {
        var connection = prefix + "Connection";
        return schema
            .Resolve(connection, "edges", ctx => ((Connection<T>)ctx.Parent!).EdgesAsync(ctx))
            .Resolve(connection, "nodes", ctx => ((Connection<T>)ctx.Parent!).NodesAsync(ctx))
            .Resolve(connection, "pageInfo", ctx => ((Connection<T>)ctx.Parent!).PageInfoAsync(ctx))
            .Resolve(connection, "totalCount", ctx => ((Connection<T>)ctx.Parent!).TotalCountAsync(ctx))
            .BindType<Edge<T>>(prefix + "Edge");
    }
}
