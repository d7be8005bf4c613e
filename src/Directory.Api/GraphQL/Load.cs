using System.Linq.Expressions;
using Directory.Api.Paging;
using Directory.Data;
using Directory.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.GraphQL;

/// <summary>
/// DataLoader shorthands over EF Core. Every child list and reference in the schema is fetched through one of these:
/// the executor collects the keys of a whole level, and each loader runs one <c>WHERE key IN (…)</c> query per level,
/// in its own short-lived DbContext (resolvers of one level run concurrently; a DbContext is not thread-safe).
/// </summary>
internal static class Load
{
    /// <summary>The entity whose key is <paramref name="id"/> (null id gives null), batched per level.</summary>
    public static async Task<TEntity?> OneAsync<TEntity>(
        ResolverContext context,
        string loaderName,
        int? id,
        Func<DirectoryDbContext, IQueryable<TEntity>> source,
        Expression<Func<TEntity, int>> key)
        where TEntity : class
    {
        if (id is not { } value)
        {
            return null;
        }
        var contexts = context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        var keyOf = Compiled(key);
        var loader = context.BatchLoader<int, TEntity>(loaderName, async (ids, cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await WhereIn(source(db), key, ids).AsNoTracking().ToListAsync(cancellationToken);
            return rows.ToDictionary(keyOf);
        });
        return await loader.LoadAsync(value);
    }

    /// <summary>The entities whose foreign key is <paramref name="parentId"/>, batched per level, in the given order.</summary>
    public static async Task<TEntity[]> ManyAsync<TEntity>(
        ResolverContext context,
        string loaderName,
        int parentId,
        Func<DirectoryDbContext, IQueryable<TEntity>> source,
        Expression<Func<TEntity, int>> foreignKey)
        where TEntity : class
    {
        var contexts = context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        var keyOf = Compiled(foreignKey);
        var loader = context.GroupLoader<int, TEntity>(loaderName, async (ids, cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await WhereIn(source(db), foreignKey, ids).AsNoTracking().ToListAsync(cancellationToken);
            return rows.ToLookup(keyOf);
        });
        return await loader.LoadAsync(parentId);
    }

    /// <summary>
    /// A 1:n loader over pairs (parent key, child) for relations that are not a plain foreign key — e.g. contracts a
    /// council co-commissions — where one query returns the pairs for every parent of the level.
    /// </summary>
    public static async Task<TEntity[]> PairsAsync<TEntity>(
        ResolverContext context,
        string loaderName,
        int parentId,
        Func<DirectoryDbContext, IReadOnlyList<int>, CancellationToken, Task<List<(int ParentId, TEntity Child)>>> fetch)
    {
        var contexts = context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        var loader = context.GroupLoader<int, TEntity>(loaderName, async (ids, cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pairs = await fetch(db, ids, cancellationToken);
            return pairs.ToLookup(p => p.ParentId, p => p.Child);
        });
        return await loader.LoadAsync(parentId);
    }

    // Key selectors are static fields of the feature folders; compiling one costs far more than a whole batch, so
    // each is compiled once for the life of the process.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LambdaExpression, Delegate> CompiledKeys = [];

    private static Func<TEntity, int> Compiled<TEntity>(Expression<Func<TEntity, int>> key) =>
        (Func<TEntity, int>)CompiledKeys.GetValue(key, k => k.Compile());

    /// <summary>
    /// <c>source.Where(x => ids.Contains(key(x)))</c>, built once per loader call, with the ids as one SQL parameter
    /// (not a constant), so every batch of a level reuses the query EF Core compiled for the first.
    /// </summary>
    public static IQueryable<TEntity> WhereIn<TEntity, TKey>(IQueryable<TEntity> source, Expression<Func<TEntity, TKey>> key, IReadOnlyList<TKey> ids)
    {
        var list = ids as List<TKey> ?? [.. ids];
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], QueryParameter.Of(list), key.Body);
        return source.Where(Expression.Lambda<Func<TEntity, bool>>(contains, key.Parameters));
    }
}
