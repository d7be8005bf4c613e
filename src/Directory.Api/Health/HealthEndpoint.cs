using Directory.Api.Hosting;
using Directory.Data;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Health;

/// <summary>
/// <c>GET /health</c>: 200 when the database answers, 503 when it does not, with a JSON body saying which. Load
/// balancers and the README's smoke check use it; it never reveals connection strings or exception messages.
/// </summary>
internal static class HealthEndpoint
{
    // A health probe must answer quickly even when the database hangs: a stuck probe is worse than a failed one.
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", CheckAsync).AllowAnonymous().WithName("Health");
        return endpoints;
    }

    private static async Task<IResult> CheckAsync(
        IDbContextFactory<DirectoryDbContext> contexts,
        DatabaseIdentity identity,
        DatabaseStartup startup,
        IConfiguration configuration,
        CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(DatabaseTimeout);
        var reachable = false;
        var unchanged = false;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(timeout.Token);
            reachable = await db.Database.CanConnectAsync(timeout.Token);
            // The same check every write makes: a database deleted or replaced under the service is not healthy.
            unchanged = reachable && await identity.IsCurrentAsync(db, timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !requestAborted.IsCancellationRequested)
        {
            // Unreachable is an answer, not an error: the probe reports it as 503 below.
            reachable = false;
        }

        var healthy = reachable && startup.IsReady && unchanged;
        var body = new HealthReport(
            healthy ? "Healthy" : "Unhealthy",
            new DatabaseHealth(reachable, startup.IsReady, configuration["Database:Provider"] ?? "Sqlite", unchanged));
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    internal sealed record HealthReport(string Status, DatabaseHealth Database);

    /// <param name="Reachable">The database answered a connection attempt just now.</param>
    /// <param name="Initialized">Migrations (and the sample load, if configured) have completed.</param>
    /// <param name="Provider">Sqlite or Postgres.</param>
    /// <param name="Unchanged">The database answering is the one the service started on (not deleted or replaced since).</param>
    internal sealed record DatabaseHealth(bool Reachable, bool Initialized, string Provider, bool Unchanged);
}
