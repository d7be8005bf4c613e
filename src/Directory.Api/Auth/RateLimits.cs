using System.Globalization;
using System.Threading.RateLimiting;
using Directory.GraphQL.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Directory.Api.Auth;

/// <summary>
/// The <c>RateLimiting</c> configuration section: fixed windows per signed-in user and per client address, applied to
/// the API (GraphQL and exports) but not to health checks or the dashboard's static files.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one signed-in user may make per window, from any address.</summary>
    public int PermitsPerUser { get; set; } = 300;

    /// <summary>Requests one client address may make per window, signed in or not (covers anonymous callers).</summary>
    public int PermitsPerAddress { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;
}

public static class RateLimits
{
    public const string RateLimitedCode = "RATE_LIMITED";

    public static IServiceCollection AddDirectoryRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            if (!options.Enabled)
            {
                return;
            }
            var window = TimeSpan.FromSeconds(options.WindowSeconds);
            var perUser = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLimited(context) && Viewer.From(context.User) is { IsAuthenticated: true } viewer
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + viewer.Actor, _ => Window(options.PermitsPerUser, window))
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            var perAddress = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLimited(context)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Window(options.PermitsPerAddress, window))
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perUser, perAddress);
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await GraphQLErrorResponse.WriteAsync(rejected.HttpContext,
                    $"Too many requests: try again in {seconds} seconds.", RateLimitedCode);
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsLimited(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/graphql") || context.Request.Path.StartsWithSegments("/exports");
}
