using Microsoft.EntityFrameworkCore;

namespace Directory.Data;

/// <summary>
/// SQLite's query-planner statistics (<c>sqlite_stat1</c>, written by <c>ANALYZE</c>). Without them SQLite guesses
/// the selectivity of every index and can pick a plan that reads a whole table where an index walk would stop after
/// a page: at ×100 the contacts page in its default order (organisation name, then the contact's name) scanned and
/// sorted all 68,500 contacts with their organisations (40 ms of CPU in the sqlite3 shell) instead of walking the
/// organisations' name index and stopping after 25 rows (0.25 ms), which it chooses once the tables are analysed.
/// PostgreSQL gathers its statistics itself (autovacuum). <c>analysis_limit</c> samples each index instead of reading
/// it all, so analysing takes ≈ 0.1 s at ×100.
/// </summary>
internal static class SqlitePlannerStatistics
{
    private const string Analyse = "PRAGMA analysis_limit = 1000; ANALYZE";

    /// <summary>
    /// Analyses the database, on SQLite: an import that changed rows calls it inside its transaction, so the
    /// statistics describe the rows they commit with.
    /// </summary>
    public static async Task RefreshAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(Analyse, cancellationToken);
        }
    }

    /// <summary>Analyses a SQLite database that has never been analysed (one made before the import did it).</summary>
    public static async Task EnsureAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Sqlite
            && !await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").AnyAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync(Analyse, cancellationToken);
        }
    }
}
