using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

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
internal abstract class ImportWriter
{
    public static ImportWriter Create(DirectoryDbContext db, ImportWritePath path) => path switch
    {
        ImportWritePath.ChangeTracker => new TrackedImportWriter(db),
        _ => new DirectImportWriter(db),
    };

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
internal sealed class TrackedImportWriter(DirectoryDbContext db) : ImportWriter
{
    public override Task<List<TEntity>> LoadAsync<TEntity>(IQueryable<TEntity> query, CancellationToken cancellationToken) =>
        query.ToListAsync(cancellationToken);

    public override void Add<TEntity>(TEntity entity) => db.Add(entity);

    public override void MarkChanged<TEntity>(TEntity entity) => db.Entry(entity).State = EntityState.Modified;

    public override async Task<IReadOnlyList<RowOutcome>> SaveAsync<TEntity>(IReadOnlyList<TEntity> rows, Func<TEntity, bool>? completesCreation, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var outcomes = new List<RowOutcome>(rows.Count);
        foreach (var entity in rows)
        {
            var state = db.Entry(entity).State;
            if (state == EntityState.Modified && completesCreation?.Invoke(entity) == true)
            {
                db.CompletesCreation(entity);
            }

            outcomes.Add(state switch
            {
                EntityState.Added => RowOutcome.Inserted,
                EntityState.Modified => RowOutcome.Updated,
                _ => RowOutcome.Unchanged,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return outcomes;
    }
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
