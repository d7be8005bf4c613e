using System.Globalization;
using Directory.Api.Auth;
using Directory.Data.Changes;
using Directory.GraphQL.Http.Subscriptions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Directory.Api.Live;

/// <summary>
/// The host's side of subscriptions: settings under <c>GraphQL:Subscriptions</c>, who a subscriber is (their token's
/// subject, or their address when anonymous) and when their token expires, the token check of a WebSocket's
/// <c>connection_init</c>, and on PostgreSQL the LISTEN connection that brings every instance's changes here.
/// </summary>
public static class LiveUpdates
{
    /// <summary>Registers what subscriptions need; null when <c>GraphQL:Subscriptions:Enabled</c> is false.</summary>
    public static GraphQLSubscriptionOptions? Add(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("GraphQL:Subscriptions");
        if (!section.GetValue("Enabled", true))
        {
            return null;
        }
        services.AddHostedService<ChangeListenerService>();
        return new GraphQLSubscriptionOptions
        {
            MaxPerSubscriber = section.GetValue("MaxPerUser", 10),
            MaxTotal = section.GetValue("MaxTotal", 1000),
            KeepAlive = TimeSpan.FromSeconds(section.GetValue("KeepAliveSeconds", 12)),
            Authenticate = AuthenticateAsync,
            Identify = Identify,
        };
    }

    private static SubscriberIdentity Identify(HttpContext context)
    {
        var viewer = Viewer.From(context.User);
        if (!viewer.IsAuthenticated)
        {
            return new SubscriberIdentity("address:" + context.Connection.RemoteIpAddress, null);
        }
        DateTimeOffset? expires = long.TryParse(context.User.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        return new SubscriberIdentity(viewer.Actor, expires);
    }

    /// <summary>
    /// The token of a WebSocket's <c>connection_init</c>, checked exactly as the Authorization header of a request is
    /// (the same JwtBearer validation, the same explanations): through a request of its own, since the socket's own
    /// request was authenticated (as anonymous) before the socket opened.
    /// </summary>
    private static async ValueTask<string?> AuthenticateAsync(HttpContext context, string? authorization)
    {
        if (authorization is null)
        {
            return null;
        }
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "Only a bearer token is accepted: send { \"Authorization\": \"Bearer <token>\" }.";
        }
        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers.Authorization = authorization;
        var result = await probe.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Failure is { } failure)
        {
            return AuthenticationSetup.Explain(failure);
        }
        if (!result.Succeeded)
        {
            return "The bearer token is empty.";
        }
        if (Viewer.Describe(result.Principal, out _) is { } problem)
        {
            return problem;
        }
        context.User = result.Principal;
        return null;
    }

    /// <summary>Runs the PostgreSQL LISTEN connection for the life of the service (nothing to do on SQLite).</summary>
    private sealed class ChangeListenerService(IServiceProvider services) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            services.GetService<PostgresChangeListener>()?.RunAsync(stoppingToken) ?? Task.CompletedTask;
    }
}
