using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Directory.Data.Erasure;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> for every connection the directory opens, so deleted and overwritten rows
/// (an erased person's record, a redacted export purpose) are overwritten with zeros in the file instead of staying
/// readable in free pages. The setting belongs to the native connection, which the pool hands out again and again:
/// it is set once per native connection (remembered by its handle), not on every logical open, where it would cost a
/// command for each DbContext a request uses.
/// </summary>
internal sealed class SecureDeleteInterceptor : DbConnectionInterceptor
{
    public static SecureDeleteInterceptor Instance { get; } = new();

    private const string Pragma = "PRAGMA secure_delete = ON";

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
