using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Directory.GraphQL.Http.Subscriptions;

/// <summary>
/// GraphQL over Server-Sent Events as the graphql-sse library speaks it. Distinct connections mode: a GET or POST that
/// accepts <c>text/event-stream</c> gets its results as <c>next</c> events and then <c>complete</c> (request errors
/// too, as a <c>next</c> event, so that an EventSource can read them). Single connection mode: PUT reserves a stream
/// (201 and a token), GET or POST with the token in <c>X-GraphQL-Event-Stream-Token</c> (or <c>?token=</c>) and
/// <c>Accept: text/event-stream</c> opens it, POSTs with the token and <c>extensions.operationId</c> start operations
/// whose results arrive on it as <c>{id, payload}</c> (202), and DELETE <c>?operationId=</c> stops one. Reservations
/// live in this process: behind a load balancer, single connection mode needs sticky sessions.
/// </summary>
internal sealed class ServerSentEvents(
    RequestExecutor executor, GraphQLHttpOptions httpOptions, GraphQLSubscriptionOptions options, SubscriptionLimiter limiter)
{
    public const string TokenHeader = "X-GraphQL-Event-Stream-Token";
    private const string EventStreamType = "text/event-stream";

    private readonly ConcurrentDictionary<string, Reservation> _reservations = new(StringComparer.Ordinal);

    public Task? TryHandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var token = ReservationToken(request);
        var wantsStream = AcceptsEventStream(request.Headers.Accept.ToString());
        var getOrPost = HttpMethods.IsGet(method) || HttpMethods.IsPost(method);
        if (token is null)
        {
            if (HttpMethods.IsPut(method))
            {
                return ReserveAsync(context);
            }
            return wantsStream && getOrPost ? DistinctAsync(context) : null;
        }
        if (wantsStream && getOrPost)
        {
            return ConnectAsync(context, token);
        }
        if (HttpMethods.IsPost(method))
        {
            return StartOperationAsync(context, token);
        }
        return HttpMethods.IsDelete(method) ? StopOperationAsync(context, token) : null;
    }

    private static string? ReservationToken(HttpRequest request)
    {
        var header = request.Headers[TokenHeader].ToString();
        if (header.Length > 0)
        {
            return header;
        }
        var query = request.Query["token"].ToString();
        return query.Length > 0 ? query : null;
    }

    private static bool AcceptsEventStream(string accept) =>
        MediaTypeHeaderValue.TryParseList([accept], out var types)
        && types.Any(t => t.MediaType.Equals(EventStreamType, StringComparison.OrdinalIgnoreCase) && (t.Quality ?? 1) > 0);

    private async Task DistinctAsync(HttpContext context)
    {
        using var read = await ReadAsync(context);
        if (read.Problem is not null)
        {
            await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, read.Problem);
            return;
        }
        var identity = options.IdentityOf(context);
        using var lease = limiter.TryAcquire(identity.Key, out var refusal);
        if (lease is null)
        {
            await RefuseAsync(context, refusal!);
            return;
        }
        using var lifetime = new SubscriberLifetime(identity, context.RequestAborted);
        // Subscribed before the stream opens: a client that sees the stream open knows no later change is missed.
        var subscription = await StreamingTransports.SubscribeAsync(executor, httpOptions, read.Request!, context.RequestServices, lifetime.Token);
        await using var stream = await EventStream.StartAsync(context.Response, options.KeepAlive);
        try
        {
            await foreach (var result in ResultsAsync(subscription, lifetime))
            {
                await stream.WriteAsync("next", result);
            }
            await stream.WriteAsync("complete", null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the stream: that is how a distinct-mode subscription ends.
        }
    }

    /// <summary>
    /// The operation's results as JSON, ending early with an error result when the subscriber's credentials expire.
    /// </summary>
    private static async IAsyncEnumerable<byte[]> ResultsAsync(SubscriptionResult subscription, SubscriberLifetime lifetime)
    {
        var results = subscription.ResultsAsync().GetAsyncEnumerator(lifetime.Token);
        try
        {
            while (true)
            {
                byte[] json;
                try
                {
                    if (!await results.MoveNextAsync())
                    {
                        yield break;
                    }
                    json = results.Current.ToUtf8Json(GraphQLTelemetry.CurrentTraceId());
                }
                catch (OperationCanceledException) when (lifetime.Expired)
                {
                    json = ExecutionResult.RequestError(StreamingTransports.Expired()).ToUtf8Json(GraphQLTelemetry.CurrentTraceId());
                    results = null;
                }
                yield return json;
                if (results is null)
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (results is not null)
            {
                await results.DisposeAsync();
            }
        }
    }

    private Task<HttpRequestReadResult> ReadAsync(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? GraphQLHttpRequestReader.ReadPostAsync(context.Request, httpOptions)
            : Task.FromResult(GraphQLHttpRequestReader.ReadGet(context.Request));

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.Headers.RetryAfter = "30";
        return GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json,
            new HttpRequestProblem(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManySubscriptions, message));
    }

    private static Task NotFoundAsync(HttpContext context) =>
        GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(
            StatusCodes.Status404NotFound, ErrorCodes.BadRequest, "No event stream is reserved under this token (for this caller)."));

    // Single connection mode ------------------------------------------------------------------------------------

    private async Task ReserveAsync(HttpContext context)
    {
        var identity = options.IdentityOf(context);
        // A reservation holds a slot like an operation: otherwise reservations would be an unbounded way to hold memory.
        var lease = limiter.TryAcquire(identity.Key, out var refusal);
        if (lease is null)
        {
            await RefuseAsync(context, refusal!);
            return;
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var reservation = new Reservation(identity, lease);
        _reservations[token] = reservation;
        // A reservation nobody connects to is given up, so that a client that crashed after PUT does not hold its slot.
        _ = ExpireUnclaimedAsync(token, reservation);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(token, context.RequestAborted);
    }

    private async Task ExpireUnclaimedAsync(string token, Reservation reservation)
    {
        await Task.Delay(options.ConnectionInitTimeout * 10);
        if (reservation.Connected == 0)
        {
            Close(token, reservation);
        }
    }

    private void Close(string token, Reservation reservation)
    {
        if (_reservations.TryRemove(new KeyValuePair<string, Reservation>(token, reservation)))
        {
            reservation.Dispose();
        }
    }

    private Reservation? Find(HttpContext context, string token) =>
        _reservations.TryGetValue(token, out var reservation) && reservation.Owner.Key == options.IdentityOf(context).Key
            ? reservation
            : null;

    private async Task ConnectAsync(HttpContext context, string token)
    {
        if (Find(context, token) is not { } reservation)
        {
            await NotFoundAsync(context);
            return;
        }
        if (Interlocked.Exchange(ref reservation.Connected, 1) == 1)
        {
            await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(
                StatusCodes.Status409Conflict, ErrorCodes.BadRequest, "The stream of this reservation is already open."));
            return;
        }
        using var lifetime = new SubscriberLifetime(reservation.Owner, context.RequestAborted);
        try
        {
            await using var stream = await EventStream.StartAsync(context.Response, options.KeepAlive);
            await foreach (var (eventName, data) in reservation.Messages.Reader.ReadAllAsync(lifetime.Token))
            {
                await stream.WriteAsync(eventName, data);
            }
        }
        catch (OperationCanceledException) when (lifetime.Token.IsCancellationRequested)
        {
            // The client left, or its credentials expired: either way the reservation and its operations end.
        }
        finally
        {
            Close(token, reservation);
        }
    }

    private async Task StartOperationAsync(HttpContext context, string token)
    {
        if (Find(context, token) is not { } reservation)
        {
            await NotFoundAsync(context);
            return;
        }
        var read = await GraphQLHttpRequestReader.ReadPostAsync(context.Request, httpOptions);
        var started = false;
        try
        {
            if (read.Problem is not null)
            {
                await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, read.Problem);
                return;
            }
            var operationId = read.Request!.Extensions is { } extensions && extensions.TryGetValue("operationId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
            if (string.IsNullOrEmpty(operationId))
            {
                await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(
                    StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "extensions.operationId is missing: single connection mode needs one per operation."));
                return;
            }
            var lease = limiter.TryAcquire(reservation.Owner.Key, out var refusal);
            if (lease is null)
            {
                await RefuseAsync(context, refusal!);
                return;
            }
            var operation = new CancellationTokenSource();
            if (!reservation.Operations.TryAdd(operationId, operation))
            {
                lease.Dispose();
                operation.Dispose();
                await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(
                    StatusCodes.Status409Conflict, ErrorCodes.BadRequest, $"An operation with ID \"{operationId}\" is already running on this stream."));
                return;
            }
            // The operation outlives this request: it gets services of its own, and its own cancellation.
            var scope = StreamingTransports.DetachedScope(context);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(reservation.Closed.Token, operation.Token);
            var lifetime = new SubscriberLifetime(reservation.Owner, stop.Token);
            var subscription = await StreamingTransports.SubscribeAsync(executor, httpOptions, read.Request, scope.ServiceProvider, lifetime.Token);
            if (subscription.Single is { IsRequestError: true } refused)
            {
                // Request problems are answered on the request itself, as GraphQL over HTTP would.
                reservation.Operations.TryRemove(operationId, out _);
                lease.Dispose();
                lifetime.Dispose();
                stop.Dispose();
                await scope.DisposeAsync();
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = MediaTypes.Json + "; charset=utf-8";
                await context.Response.Body.WriteAsync(refused.ToUtf8Json(GraphQLTelemetry.CurrentTraceId()), context.RequestAborted);
                return;
            }
            started = true;
            _ = PumpAsync(reservation, operationId, subscription, lifetime, () =>
            {
                lease.Dispose();
                lifetime.Dispose();
                stop.Dispose();
                read.Dispose();
                reservation.Operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(operationId, operation));
                operation.Dispose();
                return scope.DisposeAsync();
            });
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
        finally
        {
            if (!started)
            {
                read.Dispose();
            }
        }
    }

    private static async Task PumpAsync(
        Reservation reservation, string operationId, SubscriptionResult subscription, SubscriberLifetime lifetime, Func<ValueTask> cleanUp)
    {
        try
        {
            var results = subscription.ResultsAsync().GetAsyncEnumerator(lifetime.Token);
            try
            {
                while (await results.MoveNextAsync())
                {
                    var result = results.Current;
                    reservation.Send("next", StreamingTransports.Json(writer =>
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", operationId);
                        writer.WritePropertyName("payload");
                        result.WriteTo(writer, GraphQLTelemetry.CurrentTraceId());
                        writer.WriteEndObject();
                    }));
                }
            }
            finally
            {
                await results.DisposeAsync();
            }
        }
        catch (OperationCanceledException) when (lifetime.Expired)
        {
            reservation.Send("next", StreamingTransports.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", operationId);
                writer.WritePropertyName("payload");
                ExecutionResult.RequestError(StreamingTransports.Expired()).WriteTo(writer, GraphQLTelemetry.CurrentTraceId());
                writer.WriteEndObject();
            }));
        }
        catch (OperationCanceledException) when (lifetime.Token.IsCancellationRequested)
        {
            // Stopped by DELETE or by the stream closing: the client asked for no more.
        }
        finally
        {
            reservation.Send("complete", StreamingTransports.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("id", operationId);
                writer.WriteEndObject();
            }));
            await cleanUp();
        }
    }

    private async Task StopOperationAsync(HttpContext context, string token)
    {
        if (Find(context, token) is not { } reservation)
        {
            await NotFoundAsync(context);
            return;
        }
        var operationId = context.Request.Query["operationId"].ToString();
        if (operationId.Length == 0)
        {
            await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(
                StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The operationId URL parameter is missing."));
            return;
        }
        if (reservation.Operations.TryGetValue(operationId, out var operation))
        {
            await operation.CancelAsync();
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class Reservation(SubscriberIdentity owner, IDisposable lease) : IDisposable
    {
        public int Connected;

        public SubscriberIdentity Owner { get; } = owner;

        /// <summary>What the stream is to send, queued until it is connected.</summary>
        public Channel<(string Event, byte[]? Data)> Messages { get; } = Channel.CreateUnbounded<(string, byte[]?)>();

        public ConcurrentDictionary<string, CancellationTokenSource> Operations { get; } = new(StringComparer.Ordinal);

        /// <summary>Cancelled when the stream closes: every operation on it ends.</summary>
        public CancellationTokenSource Closed { get; } = new();

        public void Send(string eventName, byte[]? data) => Messages.Writer.TryWrite((eventName, data));

        public void Dispose()
        {
            Messages.Writer.TryComplete();
            Closed.Cancel();
            lease.Dispose();
        }
    }
}
