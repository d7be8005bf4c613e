using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Directory.Data;

/// <summary>
/// Commands sent on a context's connection without EF Core's query pipeline: <c>SqlQueryRaw</c> compiles a query
/// (with its materializer) for every distinct SQL text, a fixed cost worth avoiding for one value read once per import
/// or start.
/// </summary>
internal static class PlainCommands
{
    /// <summary>
    /// The first column of the first row of <paramref name="sql"/> (null: no row), in the context's transaction when it
    /// has one; the connection is opened for the command, and closed again, when the context has not opened it.
    /// </summary>
    public static async Task<object?> ScalarAsync(this DatabaseFacade database, string sql, CancellationToken cancellationToken)
    {
        var connection = database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = database.CurrentTransaction?.GetDbTransaction();
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await database.CloseConnectionAsync();
            }
        }
    }
}
