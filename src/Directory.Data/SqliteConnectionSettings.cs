using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Directory.Data;

/// <summary>
/// The settings of every SQLite connection the directory opens. <c>secure_delete</c>: deleted and overwritten rows
/// (an erased person's record, a redacted export purpose) are overwritten with zeros in the file instead of staying
/// readable in free pages. <c>cache_size</c> 16 MB instead of SQLite's 2 MB: a search reads the doclists of its
/// trigrams from the FTS5 index, which at ×100 the sample no longer fit in 2 MB, so every search read them again
/// from the operating system (the "domestic abuse" search: 4 ms against 1 ms with the larger cache, in the sqlite3
/// shell); the pages are taken only as they are read, so a small database costs no more. <c>mmap_size</c> 256 MB:
/// pages beyond the cache are read from the mapped file instead of copied in by a system call each: a search's rows
/// at ×100 (5,600 contacts spread over the table for "commissioning manager") are more than the cache holds, and
/// its page query took 13 ms instead of 24 in the sqlite3 shell (mapped pages are the operating system's file cache,
/// shared, counted in the process's RSS once touched). The settings belong to the
/// native connection, which the pool hands out again and again: they are set once per native connection
/// (remembered by its handle), not on every logical open, where they would cost a command for each DbContext a
/// request uses.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static SqliteConnectionSettings Instance { get; } = new();

    /// <summary>Kibibytes of page cache per connection (SQLite reads a negative <c>cache_size</c> as KiB).</summary>
    public const int CacheKibibytes = 16 * 1024;

    /// <summary>Bytes of the database file SQLite reads through a memory map.</summary>
    public const long MmapBytes = 256L * 1024 * 1024;

    private static readonly string Pragma = $"PRAGMA secure_delete = ON; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA mmap_size = {MmapBytes}";

    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool IsNew(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
    }
}
