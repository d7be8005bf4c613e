namespace Directory.Data.Erasure;

/// <summary>
/// What an erasure does after its transaction commits, so the deleted and redacted rows leave the database files, not
/// just its tables. SQLite: <c>secure_delete</c> (always on) has zeroed them in the pages; a TRUNCATE checkpoint
/// copies those pages into the main file and empties the write-ahead log, which held the old page images.
/// PostgreSQL: the old row versions are dead tuples until vacuumed; VACUUM of the tables an erasure changes removes
/// them (it cannot run inside a transaction, hence after the commit).
/// </summary>
public static class ErasedDataPurge
{
    /// <summary>The tables an erasure deletes from or redacts.</summary>
    public const string Tables = "contacts, export_details, survey_responses";

    public static async Task RunAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM " + Tables, cancellationToken);
        }
    }
}
