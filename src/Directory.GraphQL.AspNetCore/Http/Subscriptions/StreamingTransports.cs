using System.Buffers;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.GraphQL.Http.Subscriptions;

/// <summary>
/// The endpoint's streaming side: GraphQL over Server-Sent Events (both modes of the graphql-sse protocol) and the
/// graphql-transport-ws WebSocket protocol, sharing one set of caps. Requests that are neither go to the plain
/// GraphQL-over-HTTP handler.
/// </summary>
internal sealed class StreamingTransports
{
    private readonly ServerSentEvents _events;
    private readonly GraphQLWebSockets _sockets;

    public StreamingTransports(RequestExecutor executor, GraphQLHttpOptions httpOptions, GraphQLSubscriptionOptions options)
    {
        var limiter = new SubscriptionLimiter(options);
        _events = new ServerSentEvents(executor, httpOptions, options, limiter);
        _sockets = new GraphQLWebSockets(executor, httpOptions, options, limiter);
    }

    /// <summary>The task serving the request when it is a streaming one; null for plain GraphQL over HTTP.</summary>
    public Task? TryHandleAsync(HttpContext context) =>
        context.WebSockets.IsWebSocketRequest ? _sockets.HandleAsync(context) : _events.TryHandleAsync(context);

    /// <summary>
    /// Subscribes under the same persisted-operations rules as a plain request: a hash names a document, and when only
    /// persisted operations are accepted any other document is refused (a stream is no way around that setting).
    /// </summary>
    internal static async Task<SubscriptionResult> SubscribeAsync(
        RequestExecutor executor, GraphQLHttpOptions httpOptions, GraphQLRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var persisted = httpOptions.PersistedOperations ?? PersistedOperations.Unsupported;
        var resolution = persisted.Resolve(request);
        if (resolution.Problem is { } problem)
        {
            return SubscriptionResult.Once(ExecutionResult.RequestError(new GraphQLError(problem.Message, code: problem.Code)));
        }
        if (resolution.Refusal is { } refusal)
        {
            return SubscriptionResult.Once(refusal);
        }
        var subscription = await executor.SubscribeAsync(resolution.Request!, services, cancellationToken);
        if (resolution.RegisterAs is { } hash && subscription.Single is not { IsRequestError: true })
        {
            persisted.Register(hash, resolution.Request!.Query!);
        }
        return subscription;
    }

    /// <summary>The error that ends a stream whose subscriber's credentials expired.</summary>
    internal static GraphQLError Expired() =>
        new("The credentials this subscription was opened with have expired.", code: ErrorCodes.Unauthenticated);

    internal static byte[] ErrorsJson(IReadOnlyList<GraphQLError> errors) => Json(writer => ResponseJson.WriteErrors(writer, errors, GraphQLTelemetry.CurrentTraceId()));

    internal static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Services for an operation that outlives the HTTP request that started it (single connection mode): a scope of
    /// its own and a detached context carrying the caller's user, made current for the operation's async flow so that
    /// whatever reads the caller from <see cref="IHttpContextAccessor"/> still finds them.
    /// </summary>
    internal static AsyncServiceScope DetachedScope(HttpContext context)
    {
        var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IHttpContextAccessor>() is { } accessor)
        {
            var detached = new DefaultHttpContext { User = context.User, RequestServices = scope.ServiceProvider };
            detached.Connection.RemoteIpAddress = context.Connection.RemoteIpAddress;
            accessor.HttpContext = detached;
        }
        return scope;
    }
}

/// <summary>
/// How long a subscriber's streams may run: until the client goes away or the credentials expire, whichever is first.
/// </summary>
internal sealed class SubscriberLifetime : IDisposable
{
    private readonly CancellationTokenSource _expiry = new();
    private readonly CancellationTokenSource _linked;

    public SubscriberLifetime(SubscriberIdentity identity, CancellationToken aborted)
    {
        if (identity.ExpiresAt is { } expiresAt)
        {
            var left = expiresAt - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                _expiry.Cancel();
            }
            else
            {
                _expiry.CancelAfter(left);
            }
        }
        _linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _expiry.Token);
    }

    public CancellationToken Token => _linked.Token;

    public CancellationToken ExpiryToken => _expiry.Token;

    public bool Expired => _expiry.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _expiry.Dispose();
    }
}
