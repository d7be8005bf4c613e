using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http.Subscriptions;

/// <summary>Settings of the streaming transports: caps, keep-alive, and how the host authenticates subscribers.</summary>
public sealed class GraphQLSubscriptionOptions
{
    /// <summary>Operations one subscriber (see <see cref="Identify"/>) may have running at once. Default 10.</summary>
    public int MaxPerSubscriber { get; set; } = 10;

    /// <summary>Operations the whole process may have running at once over the streaming transports. Default 1000.</summary>
    public int MaxTotal { get; set; } = 1000;

    /// <summary>How often an idle event stream gets a comment (and a WebSocket nothing: its client pings). Default 12 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>How long a WebSocket may stay open without <c>connection_init</c> (graphql-ws closes with 4408). Default 3 s.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Authenticates a WebSocket from the <c>Authorization</c> entry of its <c>connection_init</c> payload (null when
    /// there is none): on success the host sets <see cref="HttpContext.User"/> and returns null; otherwise the reason to
    /// close the socket with (4403). Null accepts every connection as it is.
    /// </summary>
    public Func<HttpContext, string?, ValueTask<string?>>? Authenticate { get; set; }

    /// <summary>
    /// Who is subscribing once authenticated (the key the per-subscriber cap counts by) and when their credentials
    /// expire: the transports end the subscriber's streams then. Null: everyone is one subscriber per client address.
    /// </summary>
    public Func<HttpContext, SubscriberIdentity>? Identify { get; set; }

    internal SubscriberIdentity IdentityOf(HttpContext context) =>
        Identify?.Invoke(context) ?? new SubscriberIdentity(context.Connection.RemoteIpAddress?.ToString() ?? "", null);
}

/// <summary>A subscriber's key for the caps, and when its credentials stop being valid (null: never).</summary>
public readonly record struct SubscriberIdentity(string Key, DateTimeOffset? ExpiresAt);
