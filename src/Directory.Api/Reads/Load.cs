using System.Linq.Expressions;
using Directory.Api.Paging;

namespace Directory.Api.Reads;

/// <summary>
/// DataLoader shorthands over EF Core. Every child list and reference in the schema is fetched through one of these:
/// the executor collects the keys of a whole level, and each loader runs one <c>WHERE key IN (…)</c> query per level,
/// in its own short-lived DbContext (resolvers of one level run concurrently; a DbContext is not thread-safe).
/// A loader given a <see cref="Projection"/> (what the field's selection reads) selects only those columns; see
/// <see cref="Columns"/> for how one loader serves fields that read different columns.
/// </summary>
internal static class Load
{
    /// <summary>
    /// The name of a loader whose batches depend on an argument: the argument's JSON text (<c>null</c>, or a quoted and
    /// escaped string) follows the name, so no two argument values share a loader — an absent argument and <c>""</c>
    /// once did, and <c>responses</c> and <c>responses(survey: "")</c> in one request got each other's rows.
    /// </summary>
    public static string Named(string loaderName, object? argument) =>
        loaderName + "(" + System.Text.Json.JsonSerializer.Serialize(argument) + ")";

    // The shorthands return the loader's task itself rather than awaiting it: a list page calls them once per row and
    // field, and an async wrapper would add a state machine and a continuation to each of those calls.
    /// <summary>The entity whose key is <paramref name="id"/> (null id gives null), batched per level.</summary>
    public static Task<TEntity?> OneAsync<TEntity>(
        ResolverContext context,
        string loaderName,
        int? id,
        Func<DirectoryDbContext, IQueryable<TEntity>> source,
        Expression<Func<TEntity, int>> key,
        Projection? projection = null)
        where TEntity : class =>
        id is { } value ? OneByAsync(context, loaderName, value, source, key, projection) : Task.FromResult<TEntity?>(null);

    /// <summary>
    /// The entity whose <paramref name="key"/> is <paramref name="value"/>, batched per level: a database id, or a
    /// natural key (<c>Query.node</c> finds entities by the key in their global ID).
    /// </summary>
    public static Task<TEntity?> OneByAsync<TEntity, TKey>(
        ResolverContext context,
        string loaderName,
        TKey value,
        Func<DirectoryDbContext, IQueryable<TEntity>> source,
        Expression<Func<TEntity, TKey>> key,
        Projection? projection = null)
        where TEntity : class
        where TKey : notnull
    {
        var contexts = context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        var slot = Columns(context, loaderName, projection?.With(key));
        var loader = context.BatchLoader<TKey, TEntity>(slot.Name, async (ids, cancellationToken) =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await Projection.Apply(WhereIn(source(db), key, ids).AsNoTracking(), slot.Take()).ToListAsync(cancellationToken);
            return rows.ToDictionary(Compiled(key));
        });
        return loader.LoadAsync(value);
    }

    /// <summary>The entities whose foreign key is <paramref name="parentId"/>, batched per level, in the given order.</summary>
    public static Task<TEntity[]> ManyAsync<TEntity>(
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
        return loader.LoadAsync(parentId);
    }

    /// <summary>
    /// A 1:n loader over pairs (parent key, child) for relations that are not a plain foreign key — e.g. contracts a
    /// council co-commissions — where one query returns the pairs for every parent of the level.
    /// </summary>
    public static Task<TEntity[]> PairsAsync<TEntity>(
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
        return loader.LoadAsync(parentId);
    }

    /// <summary>
    /// <see cref="PairsAsync{TEntity}(ResolverContext,string,int,Func{DirectoryDbContext,IReadOnlyList{int},CancellationToken,Task{List{ValueTuple{int,TEntity}}}})"/>
    /// reading only what <paramref name="projection"/> reads (null: whole entities): the fetch is given the columns to
    /// select, which cover what every field sharing the loader asked for.
    /// </summary>
    public static Task<TEntity[]> PairsAsync<TEntity>(
        ResolverContext context,
        string loaderName,
        int parentId,
        Projection? projection,
        Func<DirectoryDbContext, IReadOnlyList<int>, Projection?, CancellationToken, Task<List<(int ParentId, TEntity Child)>>> fetch)
    {
        var slot = Columns(context, loaderName, projection);
        return PairsAsync<TEntity>(context, slot.Name, parentId, (db, ids, cancellationToken) => fetch(db, ids, slot.Take(), cancellationToken));
    }

    /// <summary>
    /// Widens the pending batch of the pairs loader <paramref name="loaderName"/> to what <paramref name="projection"/>
    /// reads, without loading a key: for a field that shares the loader but has no key for this parent (a list row
    /// with no county), so that the batch's columns, and so its SQL and EF Core's compiled query, are those of the
    /// fields selected, not of which rows of the page happened to have keys.
    /// </summary>
    public static void Reserve(ResolverContext context, string loaderName, Projection? projection) => Columns(context, loaderName, projection);

    /// <summary>
    /// The loader (by name) whose next batch will read at least <paramref name="wanted"/>. Fields of one level that
    /// share a loader but select different members (a list's <c>contacts { email }</c> and <c>countyContacts { phone }</c>)
    /// widen its pending batch to the union, so they still share one query. Once a batch has been fetched its rows
    /// are cached by key with only the members it read, so a later field wanting more gets a new generation of the
    /// loader (a name of its own) instead of a cached entity missing what it reads.
    /// </summary>
    private static ColumnsSlot Columns(ResolverContext context, string loaderName, Projection? wanted)
    {
        var columns = context.GetOrAddRequestState("columns:" + loaderName, _ => new LoaderColumns(loaderName));
        return columns.SlotFor(wanted);
    }

    /// <summary>The generations of one loader in one request.</summary>
    private sealed class LoaderColumns(string loaderName)
    {
        private readonly Lock _gate = new();
        private ColumnsSlot? _current;
        private int _generation;

        /// <summary>The generation to load <paramref name="wanted"/> (null: whole entities) from.</summary>
        public ColumnsSlot SlotFor(Projection? wanted)
        {
            lock (_gate)
            {
                if (_current is null)
                {
                    _current = new ColumnsSlot(loaderName, wanted);
                }
                else if (!_current.TryWiden(wanted))
                {
                    _generation++;
                    _current = new ColumnsSlot(
                        loaderName + "#" + _generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _current.Columns is { } mine && wanted is not null ? mine.Union(wanted) : null);
                }
                return _current;
            }
        }
    }

    /// <summary>One generation of a loader: its name and the members its batches read (null: whole entities).</summary>
    private sealed class ColumnsSlot(string name, Projection? columns)
    {
        private readonly Lock _gate = new();
        private bool _fetched;

        public string Name { get; } = name;

        public Projection? Columns
        {
            get
            {
                lock (_gate)
                {
                    return columns;
                }
            }
        }

        /// <summary>True when the slot's batches read <paramref name="wanted"/> (null: whole), widening it if none has been fetched.</summary>
        public bool TryWiden(Projection? wanted)
        {
            lock (_gate)
            {
                if (columns is null || (wanted is not null && columns.Covers(wanted)))
                {
                    return true;
                }
                if (_fetched)
                {
                    return false;
                }
                columns = wanted is null ? null : columns.Union(wanted);
                return true;
            }
        }

        /// <summary>The members a batch reads; from now on the slot can no longer widen.</summary>
        public Projection? Take()
        {
            lock (_gate)
            {
                _fetched = true;
                return columns;
            }
        }
    }

    // Key selectors are static fields of the feature folders; compiling one costs far more than a whole batch, so
    // each is compiled once for the life of the process (one written in place, as Query.node's are, once per batch:
    // the batch uses the selector of the call that created its loader).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LambdaExpression, Delegate> CompiledKeys = [];

    private static Func<TEntity, TKey> Compiled<TEntity, TKey>(Expression<Func<TEntity, TKey>> key) =>
        (Func<TEntity, TKey>)CompiledKeys.GetValue(key, k => k.Compile());

    /// <summary>
    /// <c>source.Where(x => ids.Contains(key(x)))</c>, built once per loader call, with the ids as one SQL parameter
    /// (not a constant), so every batch of a level reuses the query EF Core compiled for the first.
    /// </summary>
    public static IQueryable<TEntity> WhereIn<TEntity, TKey>(IQueryable<TEntity> source, Expression<Func<TEntity, TKey>> key, IReadOnlyList<TKey> ids)
    {
        var list = ids as List<TKey> ?? [.. ids];
        var contains = Expression.Call(ContainsOf<TKey>.Method, QueryParameter.Of(list), key.Body);
        return source.Where(Expression.Lambda<Func<TEntity, bool>>(contains, key.Parameters));
    }

    // Enumerable.Contains<TKey>, looked up once per key type rather than by name on every batch.
    private static class ContainsOf<TKey>
    {
        public static readonly System.Reflection.MethodInfo Method = new Func<IEnumerable<TKey>, TKey, bool>(Enumerable.Contains).Method;
    }
}
