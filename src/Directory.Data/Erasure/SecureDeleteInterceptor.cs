using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Directory.Data.Erasure;

/// <summary>
/// Turns on SQLite's <c>secure_delete</c> for every connection the directory opens, so deleted and overwritten rows
/// (an erased person's record, a redacted export purpose) are overwritten with zeros in the file instead of staying
/// readable in free pages. The setting belongs to the connection, hence on every open.
/// </summary>
internal sealed class SecureDeleteInterceptor : DbConnectionInterceptor
{
    public static SecureDeleteInterceptor Instance { get; } = new();

    private const string Pragma = "PRAGMA secure_delete = ON";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
