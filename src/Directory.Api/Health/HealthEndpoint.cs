using System.Text.Json;
using Directory.Api.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Directory.Api.Health;

/// <summary>
/// <c>GET /health</c>: 200 when the database answers, 503 when it does not, with a JSON body saying which. Load
/// balancers and the README's smoke check use it; it never reveals connection strings or exception messages. Served
/// by ASP.NET Core's health checks (so a check added later, or a tool that runs registered checks, sees the same
/// verdict) with the body the service has always written.
/// </summary>
internal static class HealthEndpoint
{
    private const string CheckName = "database";

    public static IServiceCollection AddDirectoryHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseCheck>(CheckName);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().WithName("Health");
        return endpoints;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        var database = report.Entries.TryGetValue(CheckName, out var entry) && entry.Data.TryGetValue(nameof(DatabaseHealth), out var data)
            ? (DatabaseHealth)data
            : new DatabaseHealth(false, false, "", false);
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new HealthReport(report.Status == HealthStatus.Healthy ? "Healthy" : "Unhealthy", database),
            Web,
            context.RequestAborted);
    }

    /// <summary>The database answers, is initialised, and is still the one the service started on.</summary>
    private sealed class DatabaseCheck(
        IDbContextFactory<DirectoryDbContext> contexts,
        DatabaseIdentity identity,
        DatabaseStartup startup,
        IConfiguration configuration) : IHealthCheck
    {
        // A health probe must answer quickly even when the database hangs: a stuck probe is worse than a failed one.
        private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(3);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Unreachable is an answer, not an error: the probe reports it as 503.
                reachable = false;
            }

            var health = new DatabaseHealth(reachable, startup.IsReady, configuration["Database:Provider"] ?? "Sqlite", unchanged);
            var data = new Dictionary<string, object> { [nameof(DatabaseHealth)] = health };
            return reachable && startup.IsReady && unchanged
                ? HealthCheckResult.Healthy(data: data)
                : HealthCheckResult.Unhealthy(data: data);
        }
    }

    internal sealed record HealthReport(string Status, DatabaseHealth Database);

    /// <param name="Reachable">The database answered a connection attempt just now.</param>
    /// <param name="Initialized">Migrations (and the sample load, if configured) have completed.</param>
    /// <param name="Provider">Sqlite or Postgres.</param>
    /// <param name="Unchanged">The database answering is the one the service started on (not deleted or replaced since).</param>
    internal sealed record DatabaseHealth(bool Reachable, bool Initialized, string Provider, bool Unchanged);
}
