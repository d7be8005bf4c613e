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
            await CheckpointAsync(db, cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM " + Tables, cancellationToken);
        }
    }

    /// <summary>
    /// A TRUNCATE checkpoint that a reader still on an older snapshot blocks does not fail: it answers a row whose
    /// first column is 1 and leaves the old page images in the write-ahead log. It is tried again for a few seconds
    /// (readers finish in milliseconds) and then reported as a failure, so the caller logs it instead of believing the
    /// files clean.
    /// </summary>
    private static async Task CheckpointAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            for (var attempt = 1; ; attempt++)
            {
                var blocked = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0;
                if (!blocked)
                {
                    return;
                }
                if (attempt == CheckpointAttempts)
                {
                    throw new InvalidOperationException(
                        $"The checkpoint after the erasure was blocked by open readers {CheckpointAttempts} times; the write-ahead log still holds the old pages until the next checkpoint.");
                }
                await Task.Delay(CheckpointRetryDelay, cancellationToken);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private const int CheckpointAttempts = 20;
    private static readonly TimeSpan CheckpointRetryDelay = TimeSpan.FromMilliseconds(250);
}
