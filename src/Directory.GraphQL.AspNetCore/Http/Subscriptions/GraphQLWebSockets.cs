using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http.Subscriptions;

/// <summary>
/// The graphql-transport-ws protocol (the graphql-ws library's): <c>connection_init</c> (once; a second closes the
/// socket 4429) answered by <c>connection_ack</c> or, when the host refuses the credentials, a 4403 close;
/// <c>ping</c>/<c>pong</c>; <c>subscribe</c> (before the ack: 4401; with an ID already running: 4409) answered by
/// <c>next</c> messages and <c>complete</c>, or by <c>error</c> for a request that cannot run; <c>complete</c> from the
/// client stops an operation. A message that is not one of these closes the socket 4400; no <c>connection_init</c>
/// within the timeout, 4408; a subprotocol other than <c>graphql-transport-ws</c>, 4406. When the subscriber's
/// credentials expire the socket closes 4403. (4499 is the client's own code for a connection it terminated.)
/// </summary>
internal sealed class GraphQLWebSockets(
    RequestExecutor executor, GraphQLHttpOptions httpOptions, GraphQLSubscriptionOptions options, SubscriptionLimiter limiter)
{
    public const string Subprotocol = "graphql-transport-ws";

    private RequestExecutor Executor { get; } = executor;

    private GraphQLHttpOptions HttpOptions { get; } = httpOptions;

    private GraphQLSubscriptionOptions Options { get; } = options;

    private SubscriptionLimiter Limiter { get; } = limiter;

    public async Task HandleAsync(HttpContext context)
    {
        if (Limiter.Total >= Options.MaxTotal)
        {
            // Refused before the upgrade, so the client sees an HTTP answer it can retry later.
            context.Response.Headers.RetryAfter = "30";
            await GraphQLHttpHandler.WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(
                StatusCodes.Status429TooManyRequests, ErrorCodes.TooManySubscriptions,
                $"The server has reached its limit of {Options.MaxTotal} open subscriptions: try again later."));
            return;
        }
        var acceptable = context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(acceptable ? Subprotocol : null);
        var connection = new Connection(this, context, socket);
        if (!acceptable)
        {
            await connection.CloseAsync(4406, "Subprotocol not acceptable");
        }
        await connection.RunAsync();
    }

    private sealed class Connection(GraphQLWebSockets owner, HttpContext context, WebSocket socket)
    {
        private readonly SemaphoreSlim _sendGate = new(1, 1);
        private readonly ConcurrentDictionary<string, CancellationTokenSource> _operations = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        private SubscriberLifetime? _lifetime;
        private SubscriberIdentity _identity;
        private bool _initialised;
        private bool _acknowledged;

        private GraphQLSubscriptionOptions Options => owner.Options;

        public async Task RunAsync()
        {
            using var initTimeout = new CancellationTokenSource(Options.ConnectionInitTimeout);
            using var initWatch = initTimeout.Token.Register(() => _ = CloseIfNotInitialisedAsync());
            try
            {
                while (!_closing.IsCancellationRequested)
                {
                    var message = await ReceiveAsync();
                    if (message is null)
                    {
                        break;
                    }
                    if (socket.State == WebSocketState.Open)
                    {
                        await HandleAsync(message);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client went away (or we closed): the operations are cancelled below.
            }
            finally
            {
                await _closing.CancelAsync();
                foreach (var operation in _operations.Values)
                {
                    await operation.CancelAsync();
                }
                _lifetime?.Dispose();
            }
        }

        private async Task CloseIfNotInitialisedAsync()
        {
            if (!_initialised)
            {
                await CloseAsync(4408, "Connection initialisation timeout");
            }
        }

        private async Task<byte[]?> ReceiveAsync()
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            while (true)
            {
                var segment = buffer.GetMemory(4096);
                var received = await socket.ReceiveAsync(segment, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                buffer.Advance(received.Count);
                if (buffer.WrittenCount > 1024 * 1024)
                {
                    await CloseAsync(4400, "Message too large");
                    return null;
                }
                if (received.EndOfMessage)
                {
                    return buffer.WrittenSpan.ToArray();
                }
            }
        }

        private async Task HandleAsync(byte[] message)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(message);
            }
            catch (JsonException)
            {
                await CloseAsync(4400, "Invalid message received");
                return;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                {
                    await CloseAsync(4400, "Invalid message received");
                    return;
                }
                var type = typeElement.GetString();
                switch (type)
                {
                    case "connection_init":
                        await InitialiseAsync(root);
                        return;
                    case "ping":
                        await SendAsync(writer => writer.WriteString("type", "pong"));
                        return;
                    case "pong":
                        return;
                    case "subscribe":
                        await SubscribeAsync(root);
                        return;
                    case "complete":
                        if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && _operations.TryGetValue(id.GetString()!, out var operation))
                        {
                            await operation.CancelAsync();
                        }
                        return;
                    default:
                        await CloseAsync(4400, $"Unexpected message of type {type} received");
                        return;
                }
            }
        }

        private async Task InitialiseAsync(JsonElement message)
        {
            if (_initialised)
            {
                await CloseAsync(4429, "Too many initialisation requests");
                return;
            }
            _initialised = true;
            string? authorization = null;
            if (message.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                && payload.TryGetProperty("Authorization", out var value) && value.ValueKind == JsonValueKind.String)
            {
                authorization = value.GetString();
            }
            if (Options.Authenticate is { } authenticate && await authenticate(context, authorization) is { } refusal)
            {
                await CloseAsync(4403, refusal);
                return;
            }
            _identity = Options.IdentityOf(context);
            _lifetime = new SubscriberLifetime(_identity, _closing.Token);
            // When the credentials expire the connection ends: the client must connect again with new ones.
            _lifetime.ExpiryToken.Register(() => _ = CloseAsync(4403, "Forbidden: the credentials have expired"));
            _acknowledged = true;
            await SendAsync(writer => writer.WriteString("type", "connection_ack"));
        }

        private async Task SubscribeAsync(JsonElement message)
        {
            if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id
                || !message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                await CloseAsync(4400, "Invalid message received");
                return;
            }
            if (!_acknowledged)
            {
                await CloseAsync(4401, "Unauthorized");
                return;
            }
            if (_operations.ContainsKey(id))
            {
                await CloseAsync(4409, $"Subscriber for {id} already exists");
                return;
            }
            var read = GraphQLHttpRequestReader.FromJsonObject(payload.Clone());
            if (read.Problem is not null)
            {
                await CloseAsync(4400, read.Problem.Message.Length > 120 ? "Invalid message received" : read.Problem.Message);
                return;
            }
            var lease = owner.Limiter.TryAcquire(_identity.Key, out var refusal);
            if (lease is null)
            {
                await SendErrorsAsync(id, [new GraphQLError(refusal!, code: ErrorCodes.TooManySubscriptions)]);
                return;
            }
            var operation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime!.Token);
            _operations[id] = operation;
            _ = RunOperationAsync(id, read.Request!, operation, lease);
        }

        private async Task RunOperationAsync(string id, GraphQLRequest request, CancellationTokenSource operation, IDisposable lease)
        {
            var completed = true;
            try
            {
                var subscription = await StreamingTransports.SubscribeAsync(owner.Executor, owner.HttpOptions, request, context.RequestServices, operation.Token);
                if (subscription.Single is { IsRequestError: true } refused)
                {
                    await SendErrorsAsync(id, refused.Errors);
                    completed = false;
                    return;
                }
                await foreach (var result in subscription.ResultsAsync().WithCancellation(operation.Token))
                {
                    await SendAsync(writer =>
                    {
                        writer.WriteString("id", id);
                        writer.WriteString("type", "next");
                        writer.WritePropertyName("payload");
                        result.WriteTo(writer, GraphQLTelemetry.CurrentTraceId());
                    });
                }
            }
            catch (OperationCanceledException)
            {
                // Completed by the client (it must not get a complete back), or the connection is closing.
                completed = false;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
                completed = false;
            }
            finally
            {
                _operations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, operation));
                operation.Dispose();
                lease.Dispose();
            }
            if (completed)
            {
                await SendAsync(writer =>
                {
                    writer.WriteString("id", id);
                    writer.WriteString("type", "complete");
                });
            }
        }

        private Task SendErrorsAsync(string id, IReadOnlyList<GraphQLError> errors) => SendAsync(writer =>
        {
            writer.WriteString("id", id);
            writer.WriteString("type", "error");
            writer.WritePropertyName("payload");
            ResponseJson.WriteErrors(writer, errors, GraphQLTelemetry.CurrentTraceId());
        });

        private async Task SendAsync(Action<Utf8JsonWriter> writeFields)
        {
            var json = StreamingTransports.Json(writer =>
            {
                writer.WriteStartObject();
                writeFields(writer);
                writer.WriteEndObject();
            });
            await _sendGate.WaitAsync(_closing.Token);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
                }
            }
            finally
            {
                _sendGate.Release();
            }
        }

        public async Task CloseAsync(int code, string reason)
        {
            try
            {
                await _sendGate.WaitAsync(context.RequestAborted);
                try
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        // A close reason may hold at most 123 bytes.
                        var text = reason.Length > 120 ? reason[..120] : reason;
                        await socket.CloseOutputAsync((WebSocketCloseStatus)code, text, context.RequestAborted);
                    }
                }
                finally
                {
                    _sendGate.Release();
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Already gone.
            }
            // Operations stop now; the socket waits a little for the client's close frame (ending the request before it
            // arrives would reset the connection under the client, which then never sees the code).
            foreach (var operation in _operations.Values)
            {
                await operation.CancelAsync();
            }
            _closing.CancelAfter(TimeSpan.FromSeconds(5));
        }
    }
}
