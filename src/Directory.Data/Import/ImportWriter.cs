using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Directory.Data.Import;

/// <summary>What saving one row of a batch did.</summary>
internal enum RowOutcome
{
    Inserted,
    Updated,
    Unchanged,
}

/// <summary>
/// How the import's pass 3 reads a batch's stored rows and writes the batch back: <see cref="Direct"/> (the default:
/// prepared commands on SQLite, binary COPY for new rows on PostgreSQL, no change tracker) or
/// <see cref="ChangeTracker"/> (EF Core's SaveChanges, kept as the reference the direct writer is tested against).
/// </summary>
public enum ImportWritePath
{
    Direct,
    ChangeTracker,
}

/// <summary>
/// Loads the stored rows a batch updates in place, takes the rows it adds, and saves them, reporting per row whether
/// it was inserted, updated or left unchanged. Both implementations keep the rules every write follows: a changed row's
/// version goes up (unless the save only completes its creation), derived columns follow their sources, and a row
/// whose values are all unchanged is not written.
/// </summary>
internal abstract class ImportWriter(DirectoryDbContext db) : IAsyncDisposable
{
    /// <summary>The context whose connection and transaction the import writes through.</summary>
    protected DirectoryDbContext Db { get; } = db;

    // The page cache of the import's connection, in KiB: the import's dirty pages stay in memory until the commit
    // instead of spilling into the WAL file (and being written again) when SQLite's 2 MB default fills.
    private const int SqliteCacheKibibytes = 64 * 1024;

    // The connection's settings before the import (it returns to the pool afterwards), SQLite only.
    private (long CacheSize, long TempStore)? _sqliteSettings;

    /// <summary>The import's one transaction (<see cref="DirectoryDatabase.BeginWriteTransactionAsync"/>).</summary>
    public IDbContextTransaction Transaction { get; private set; } = null!;

    /// <summary>
    /// Writes whatever the writer still holds back (<see cref="FlushAsync"/>), puts back what it changed for the
    /// transaction's sake, and commits the import.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await BeforeCommitAsync(cancellationToken);
        if (Db.Provider == DatabaseProvider.Postgres)
        {
            await CleanSearchPendingListsAsync(cancellationToken);
        }
        await Transaction.CommitAsync(cancellationToken);
    }

    // PostgreSQL: the pending list each search index may keep during the import's transaction (PostgreSQL's default,
    // kB), where the service's sessions keep 64 (DirectoryDatabase.SearchPendingListKilobytes). Written in one go, a
    // file's rows fill a 64 kB list every few rows and each fill is moved into the index on its own: the ×100 contacts
    // went in 2–7× slower (docs/benchmarks.md, "Data import"). SET LOCAL: the transaction's end takes it back.
    private const int ImportSearchPendingListKilobytes = 4096;

    /// <summary>
    /// Moves what the import left in the search indexes' pending lists into the indexes before the commit, so that the
    /// searches after it do not read up to <see cref="ImportSearchPendingListKilobytes"/> of unsorted entries until a
    /// vacuum. <c>gin_clean_pending_list</c> is the index owner's (as VACUUM is): an index owned by another role is left
    /// to autovacuum. The indexes are the model's GIN ones (<see cref="PostgresDirectoryDbContext"/>).
    /// </summary>
    private Task CleanSearchPendingListsAsync(CancellationToken cancellationToken)
    {
        var indexes = string.Join(", ", Db.Model.GetEntityTypes().SelectMany(e => e.GetIndexes())
            .Where(i => i.GetMethod() == "gin").Select(i => $"to_regclass('\"{i.GetDatabaseName()}\"')"));
        var clean = $"SELECT count(gin_clean_pending_list(c.oid::regclass)) FROM pg_class c WHERE c.oid IN ({indexes}) AND pg_has_role(c.relowner, 'USAGE')";
        return ScalarAsync(clean, cancellationToken);
    }

    /// <summary>
    /// Writes the rows the writer holds back, so that the database has every row saved so far: the importer calls it
    /// when a file is written, before anything else reads the file's table.
    /// </summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Undoes, inside the transaction, what the writer changed for the import's sake only.</summary>
    protected virtual Task BeforeCommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Starts the writer of <paramref name="path"/> and the import's transaction. On SQLite, first, on the connection
    /// it holds open: statement journals in memory (<c>temp_store</c>; each INSERT that fires a search-index trigger
    /// keeps one, which otherwise went to a temporary file: 377,000 writes at ×10) and a larger page cache; then, in
    /// the transaction, foreign keys checked at the commit (<c>defer_foreign_keys</c>, which SQLite turns off again
    /// when the transaction ends), so a row may refer to one written after it. On PostgreSQL, in the transaction, the
    /// search indexes' larger pending lists (<see cref="ImportSearchPendingListKilobytes"/>). Nothing of this weakens
    /// the all-or-nothing write: the journal mode stays, and any error still rolls everything back.
    /// </summary>
    public static async Task<ImportWriter> StartAsync(DirectoryDbContext db, ImportWritePath path, CancellationToken cancellationToken)
    {
        ImportWriter writer = path switch
        {
            ImportWritePath.ChangeTracker => new TrackedImportWriter(db),
            _ => new DirectImportWriter(db),
        };
        if (writer.CanReferAhead)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            writer._sqliteSettings = ((long)(await writer.ScalarAsync("PRAGMA cache_size", cancellationToken))!,
                (long)(await writer.ScalarAsync("PRAGMA temp_store", cancellationToken))!);
            var settings = $"PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{SqliteCacheKibibytes}";
            await db.Database.ExecuteSqlRawAsync(settings, cancellationToken);
        }

        writer.Transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, cancellationToken);
        if (writer.CanReferAhead)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", cancellationToken);
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var pendingLists = $"SET LOCAL gin_pending_list_limit = {ImportSearchPendingListKilobytes}";
            await db.Database.ExecuteSqlRawAsync(pendingLists, cancellationToken);
        }

        return writer;
    }

    /// <summary>Whether a row may be written before a row it refers to (SQLite, where foreign keys wait for the commit).</summary>
    public bool CanReferAhead => Db.Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// The ids the next rows of <typeparamref name="TEntity"/> would be given, for an importer that refers to rows
    /// before writing them (<see cref="CanReferAhead"/>): every new row of the table must then be given one of these.
    /// </summary>
    public Task<ImportIds> NextIdsAsync<TEntity>(CancellationToken cancellationToken)
        where TEntity : class => NextIdsAsync(Db.Model.FindEntityType(typeof(TEntity))!, cancellationToken);

    /// <summary>
    /// The table's one id counter for this import, shared by the importer and the writer (which gives every other new
    /// row its id on SQLite, so that no INSERT has to read one back), read from the database on first use.
    /// </summary>
    protected async Task<ImportIds> NextIdsAsync(IEntityType entityType, CancellationToken cancellationToken)
    {
        var table = entityType.GetTableName()!;
        if (_ids.TryGetValue(table, out var given))
        {
            return given;
        }

        var key = entityType.FindPrimaryKey()!.Properties.Single().GetColumnName();

        // As an AUTOINCREMENT key would: above both the largest id and any id given before (sqlite_sequence).
        var sql = $"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0), COALESCE((SELECT MAX(\"{key}\") FROM \"{table}\"), 0))";
        var last = (long)(await ScalarAsync(sql, cancellationToken))!;
        return _ids[table] = new ImportIds(checked((int)last));
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> (null: no row), on the import's connection and in its transaction.</summary>
    protected Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken) => Db.Database.ScalarAsync(sql, cancellationToken);

    private readonly Dictionary<string, ImportIds> _ids = new(StringComparer.Ordinal);

    /// <summary>Ends the transaction (rolled back unless committed) and puts the connection's settings back.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        if (_sqliteSettings is { } settings)
        {
            var restore = $"PRAGMA temp_store = {settings.TempStore}; PRAGMA cache_size = {settings.CacheSize}";
            await Db.Database.ExecuteSqlRawAsync(restore);
            await Db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The stored rows of <paramref name="query"/>, to be changed in place and passed to <see cref="SaveAsync"/>.</summary>
    public abstract Task<List<TEntity>> LoadAsync<TEntity>(IQueryable<TEntity> query, CancellationToken cancellationToken)
        where TEntity : class;

    /// <summary>A new row, inserted by the next <see cref="SaveAsync"/> that is given it.</summary>
    public abstract void Add<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>
    /// Counts a loaded row as changed even if none of its own columns is (its sets of child rows changed): its
    /// version must go up.
    /// </summary>
    public abstract void MarkChanged<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>
    /// Writes every row of <paramref name="rows"/> that is new or changed; a changed row for which
    /// <paramref name="completesCreation"/> holds (inserted earlier in this transaction, now given its references) keeps
    /// its version. Afterwards nothing is remembered about these rows.
    /// </summary>
    public abstract Task<IReadOnlyList<RowOutcome>> SaveAsync<TEntity>(IReadOnlyList<TEntity> rows, Func<TEntity, bool>? completesCreation, CancellationToken cancellationToken)
        where TEntity : class;
}

/// <summary>The change tracker: what the import did before the direct writer, kept as its reference.</summary>
internal sealed class TrackedImportWriter(DirectoryDbContext context) : ImportWriter(context)
{
    public override Task<List<TEntity>> LoadAsync<TEntity>(IQueryable<TEntity> query, CancellationToken cancellationToken) =>
        query.ToListAsync(cancellationToken);

    public override void Add<TEntity>(TEntity entity) => Db.Add(entity);

    public override void MarkChanged<TEntity>(TEntity entity) => Db.Entry(entity).State = EntityState.Modified;

    public override async Task<IReadOnlyList<RowOutcome>> SaveAsync<TEntity>(IReadOnlyList<TEntity> rows, Func<TEntity, bool>? completesCreation, CancellationToken cancellationToken)
    {
        Db.ChangeTracker.DetectChanges();
        var outcomes = new List<RowOutcome>(rows.Count);
        foreach (var entity in rows)
        {
            var state = Db.Entry(entity).State;
            if (state == EntityState.Modified && completesCreation?.Invoke(entity) == true)
            {
                Db.CompletesCreation(entity);
            }

            outcomes.Add(state switch
            {
                EntityState.Added => RowOutcome.Inserted,
                EntityState.Modified => RowOutcome.Updated,
                _ => RowOutcome.Unchanged,
            });
        }

        await Db.SaveChangesAsync(cancellationToken);
        Db.ChangeTracker.Clear();
        return outcomes;
    }
}

/// <summary>Ids handed out by the importer, counting up from the last one the table has given.</summary>
internal sealed class ImportIds(int last)
{
    private int _last = last;

    public int Next() => ++_last;
}

/// <summary>Shared by the direct writer's providers: the version rule of <see cref="DirectoryDbContext"/>.</summary>
internal static class ImportVersions
{
    /// <summary>The version a changed row is saved with.</summary>
    public static void Bump(object entity, bool completesCreation)
    {
        if (entity is IVersioned versioned && !completesCreation)
        {
            versioned.Version++;
        }
    }
}
