namespace Directory.Data;

/// <summary>How a save through <see cref="DirectoryDatabase.SaveAsync"/> ended.</summary>
public enum SaveOutcome
{
    /// <summary>Saved (and committed, when asked to).</summary>
    Saved,

    /// <summary>Another writer changed a row since it was read: its version no longer matched.</summary>
    ConcurrentChange,

    /// <summary>A value that a unique index or key guards was already taken.</summary>
    UniqueValueTaken,
}

/// <summary>
/// The providers' own errors, read here so that nothing above Directory.Data needs to know SQLite's or PostgreSQL's
/// codes: callers get a <see cref="SaveOutcome"/> or a yes/no.
/// </summary>
public static partial class DirectoryDatabase
{
    /// <summary>
    /// Saves the pending changes and, with <paramref name="commit"/>, commits the context's open transaction (false
    /// keeps it open for a further save). A lost optimistic-concurrency check and a unique value already taken are
    /// outcomes, not exceptions: both are the caller's to report; anything else is thrown.
    /// </summary>
    public static async Task<SaveOutcome> SaveAsync(DirectoryDbContext db, bool commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (commit && db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.ConcurrentChange;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return SaveOutcome.UniqueValueTaken;
        }
    }

    /// <summary>
    /// Whether a command gave up waiting for a lock other writers held: SQLite BUSY (5) or LOCKED (6) once its busy
    /// timeout has passed, PostgreSQL lock_not_available (55P03) or a statement cancelled by statement_timeout (57014)
    /// while it waited.
    /// </summary>
    public static bool IsBusy(Exception exception) => exception switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        Npgsql.PostgresException postgres => postgres.SqlState is "55P03" or "57014",
        _ => exception?.InnerException is { } inner && IsBusy(inner),
    };

    /// <summary>Whether a save failed on a unique index or key (the provider's own error codes).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception?.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == "23505",
        _ => false,
    };
}
