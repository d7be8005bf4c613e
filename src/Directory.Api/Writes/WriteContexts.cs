using System.Globalization;

namespace Directory.Api.Writes;

/// <summary>
/// Contexts for mutations, each inside its write transaction (<see cref="DatabaseIdentity.BeginWriteAsync"/>) from
/// before its first read, so that checks and keys read stay true until the commit. When the database is not the one
/// the service started on, the mutation is refused with <see cref="UnavailableCode"/> (HTTP 503), nothing written.
/// </summary>
internal sealed class WriteContexts(IDbContextFactory<DirectoryDbContext> contexts, DatabaseIdentity identity)
{
    public const string UnavailableCode = "SERVICE_UNAVAILABLE";

    /// <summary>Seconds a refused writer is told to wait (<c>Retry-After</c>): long enough for a queue of writes to drain.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>503 with <c>Retry-After</c>, for a GraphQL answer or an export that carries <see cref="UnavailableCode"/>.</summary>
    public static void MarkUnavailable(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<DirectoryDbContext> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await identity.BeginWriteAsync(db, cancellationToken);
            return db;
        }
        catch (DatabaseUnavailableException e)
        {
            await db.DisposeAsync();
            throw new GraphQLError(e.Message, code: UnavailableCode);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
