using Directory.Data;
using Directory.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Paging;

/// <summary>The <c>pageInfo</c> of a connection.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>One <c>edges</c> entry of a connection.</summary>
public sealed record Edge<T>(string Cursor, T Node);

/// <summary>
/// A Relay connection over a filtered, sorted query. The page and the total are fetched lazily and at most once
/// each, so a selection without <c>totalCount</c> never runs a COUNT and one with only <c>totalCount</c> never
/// fetches rows. Each fetch uses its own short-lived DbContext: sibling fields resolve concurrently.
/// </summary>
public sealed class Connection<T>
    where T : class
{
    private readonly IDbContextFactory<DirectoryDbContext> contexts;
    private readonly Func<DirectoryDbContext, IQueryable<T>> query;
    private readonly PageRequest page;
    private readonly CancellationToken cancellationToken;
    private Task<int>? total;
    private Task<Page>? rows;

    public Connection(
        IDbContextFactory<DirectoryDbContext> contexts,
        Func<DirectoryDbContext, IQueryable<T>> query,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        this.contexts = contexts;
        this.query = query;
        this.page = page;
        this.cancellationToken = cancellationToken;
    }

    private sealed record Page(IReadOnlyList<Edge<T>> Edges, PageInfo Info);

    public Task<int> TotalCountAsync() => total ??= CountAsync();

    public async Task<IReadOnlyList<Edge<T>>> EdgesAsync() => (await (rows ??= LoadAsync())).Edges;

    public async Task<IReadOnlyList<T>> NodesAsync() => [.. (await EdgesAsync()).Select(e => e.Node)];

    public async Task<PageInfo> PageInfoAsync() => (await (rows ??= LoadAsync())).Info;

    private async Task<int> CountAsync()
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await query(db).CountAsync(cancellationToken);
    }

    private async Task<Page> LoadAsync()
    {
        int? knownTotal = page.NeedsTotal ? await TotalCountAsync() : null;
        var (start, count) = page.Window(knownTotal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One row more than asked tells whether a next page exists without a COUNT.
        var fetched = await query(db).AsNoTracking().Skip(start).Take(count + 1).ToListAsync(cancellationToken);
        var hasNext = fetched.Count > count;
        var edges = fetched.Take(count).Select((node, i) => new Edge<T>(PageRequest.EncodeCursor(start + i), node)).ToList();
        var info = new PageInfo(
            HasNextPage: hasNext,
            HasPreviousPage: start > 0,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Page(edges, info);
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
            .Resolve(connection, "edges", ctx => ((Connection<T>)ctx.Parent!).EdgesAsync())
            .Resolve(connection, "nodes", ctx => ((Connection<T>)ctx.Parent!).NodesAsync())
            .Resolve(connection, "pageInfo", ctx => ((Connection<T>)ctx.Parent!).PageInfoAsync())
            .Resolve(connection, "totalCount", ctx => ((Connection<T>)ctx.Parent!).TotalCountAsync())
            .BindType<Edge<T>>(prefix + "Edge");
    }
}
