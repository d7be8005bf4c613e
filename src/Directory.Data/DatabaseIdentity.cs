using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Directory.Data;

/// <summary>
/// Which database the service started on, and whether a connection still reaches it. A SQLite file deleted or
/// replaced under the running service stays open in the pooled connections, which would go on reading it and
/// acknowledging writes into a file that is gone at the next start; so every write (and /health) first checks that
/// the database it is about to use is the one it started on. The check is one <c>stat</c> of the file and one tiny
/// query on the connection the write will use: SQLite's <c>SQLITE_FCNTL_HAS_MOVED</c> (the open file was unlinked
/// or renamed away) and the identity stamped in the database header; on PostgreSQL the database's oid (a dropped
/// and re-created database gets a new one).
/// </summary>
public sealed class DatabaseIdentity
{
    // 0 until the service has initialised the database and read its identity: no write may run before that.
    private long _expected;

    /// <summary>Whether the identity of the started-on database is known (initialisation has completed).</summary>
    public bool IsKnown => Interlocked.Read(ref _expected) != 0;

    /// <summary>Reads the identity of the database <paramref name="db"/> reaches (stamping one first if it has none) and remembers it.</summary>
    public async Task RememberAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var identity = await ReadAsync(db, cancellationToken);
            if (identity == 0 && db.Provider == DatabaseProvider.Sqlite)
            {
                // The header's application_id: 32 bits beside the data, kept by copies and backups (a restored copy is
                // the same database), absent (0) from a new or foreign file. Any non-zero value will do.
                identity = Random.Shared.Next(1, int.MaxValue);
                var stamp = "PRAGMA application_id = " + identity.ToString(CultureInfo.InvariantCulture);
                await db.Database.ExecuteSqlRawAsync(stamp, cancellationToken);
            }
            Interlocked.Exchange(ref _expected, identity);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether <paramref name="db"/>'s connection reaches the database the service started on (for /health).</summary>
    public async Task<bool> IsCurrentAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsKnown || !ConfiguredFileExists(db))
        {
            return false;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReachesExpectedAsync(db, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Begins <paramref name="db"/>'s write transaction (<see cref="DirectoryDatabase.BeginWriteTransactionAsync"/>) on
    /// the database the service started on; throws <see cref="DatabaseUnavailableException"/>, with nothing written,
    /// when that database is no longer the one the connection reaches.
    /// </summary>
    public async Task<IDbContextTransaction> BeginWriteAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsKnown)
        {
            throw new DatabaseUnavailableException("The database is not initialised yet: try again shortly.");
        }
        // Before anything opens a connection: opening a missing SQLite file would create an empty one in its place.
        if (!ConfiguredFileExists(db))
        {
            throw new DatabaseUnavailableException(MovedMessage);
        }
        IDbContextTransaction transaction;
        try
        {
            transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, cancellationToken);
        }
        catch (Exception e) when (DirectoryDatabase.IsBusy(e))
        {
            // Other writers held the write lock for longer than the wait allows (SQLite's busy timeout, PostgreSQL's
            // statement_timeout on the advisory lock): nothing was written, and trying again later will work, which
            // is what 503 says; an unhandled exception would have been a 500.
            throw new DatabaseUnavailableException(BusyMessage);
        }
        if (!await ReachesExpectedAsync(db, cancellationToken))
        {
            await transaction.DisposeAsync();
            throw new DatabaseUnavailableException(MovedMessage);
        }
        return transaction;
    }

    private const string BusyMessage =
        "The database is busy with other changes and this one could not start in time: nothing was written. Try again shortly.";

    private const string MovedMessage =
        "The database this service was started on has been deleted or replaced: nothing was written. The service must be restarted.";

    private async Task<bool> ReachesExpectedAsync(DirectoryDbContext db, CancellationToken cancellationToken) =>
        !(db.Provider == DatabaseProvider.Sqlite && SqliteFile.HasMoved((SqliteConnection)db.Database.GetDbConnection()))
        && await ReadAsync(db, cancellationToken) == Interlocked.Read(ref _expected);

    private static async Task<long> ReadAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Provider == DatabaseProvider.Postgres
            ? "SELECT oid::bigint AS \"Value\" FROM pg_database WHERE datname = current_database()"
            : "SELECT application_id AS Value FROM pragma_application_id";
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync(cancellationToken);
    }

    private static bool ConfiguredFileExists(DirectoryDbContext db)
    {
        if (db.Provider != DatabaseProvider.Sqlite)
        {
            return true;
        }
        var options = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return options.Mode == SqliteOpenMode.Memory || options.DataSource is "" or ":memory:" || File.Exists(options.DataSource);
    }

    /// <summary>SQLite's own answer to "is the file this connection has open still the one at its path?".</summary>
    private static class SqliteFile
    {
        private const int HasMovedOperation = 20; // SQLITE_FCNTL_HAS_MOVED
        private static readonly byte[] MainSchema = "main\0"u8.ToArray();

        public static bool HasMoved(SqliteConnection connection)
        {
            var moved = 0;
            // Implemented by the unix VFS (a stat of the path compared with the open file's inode); elsewhere the
            // call answers "not moved" or an error code, and the header identity check below still applies.
            return NativeMethods.sqlite3_file_control(connection.Handle!.DangerousGetHandle(), MainSchema, HasMovedOperation, ref moved) == 0 && moved != 0;
        }
    }

    private static class NativeMethods
    {
        // The SQLite library Microsoft.Data.Sqlite itself loads (SQLitePCLRaw's bundle); its managed wrapper does
        // not expose sqlite3_file_control.
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for the out parameter; this signature is blittable.
        internal static extern int sqlite3_file_control(IntPtr db, byte[] schema, int operation, ref int value);
#pragma warning restore SYSLIB1054
    }
}

/// <summary>The database a write would go to is not (or not yet) the one the service started on: answered with 503.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
