using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Http;
using Directory.GraphQL.Http.Subscriptions;
using Directory.GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Directory.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// The streaming transports on the wire, with a raw WebSocket and raw HTTP, for what the client libraries never send:
/// every graphql-transport-ws close code the server uses, and the Server-Sent Events framing of both graphql-sse modes.
/// </summary>
public sealed class StreamingTransportTests : IAsyncLifetime
{
    private const string Sdl = """
        type Query { hello: String! }
        type Subscription { ticks(count: Int!): Int!, forever: Int }
        """;

    private WebApplication? _app;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var schema = SchemaBuilder.FromSdl(Sdl)
            .Resolve("Query", "hello", _ => "Hello!")
            .BindDictionary("Subscription")
            .Subscribe("Subscription", "ticks", ctx => Ticks(ctx.GetArgument<int>("count")))
            .Subscribe("Subscription", "forever", ctx => Forever(ctx.CancellationToken))
            .Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.MapGraphQL("/graphql", new RequestExecutor(schema), new GraphQLHttpOptions
        {
            Subscriptions = new GraphQLSubscriptionOptions
            {
                MaxPerSubscriber = 2,
                Authenticate = (_, authorization) => ValueTask.FromResult(authorization == "Bearer bad" ? "The token is not valid." : null),
            },
        });
        await _app.StartAsync();
        _endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/graphql");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async IAsyncEnumerable<object?> Ticks(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return new Dictionary<string, object?> { ["ticks"] = i };
        }
    }

    private static async IAsyncEnumerable<object?> Forever([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    [Fact]
    public async Task Init_ack_ping_pong_then_a_subscription_gives_next_for_each_event_and_complete()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        (await ReceiveAsync(socket)).ShouldBe("""{"type":"connection_ack"}""");
        await SendAsync(socket, """{"type":"ping"}""");
        (await ReceiveAsync(socket)).ShouldBe("""{"type":"pong"}""");
        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { ticks(count: 2) }"}}""");
        (await ReceiveAsync(socket)).ShouldBe("""{"id":"1","type":"next","payload":{"data":{"ticks":1}}}""");
        (await ReceiveAsync(socket)).ShouldBe("""{"id":"1","type":"next","payload":{"data":{"ticks":2}}}""");
        (await ReceiveAsync(socket)).ShouldBe("""{"id":"1","type":"complete"}""");
    }

    [Fact]
    public async Task An_invalid_operation_gets_an_error_message_and_the_connection_stays_open()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        await ReceiveAsync(socket);
        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { ticks(count: 1) forever }"}}""");
        var error = JsonDocument.Parse(await ReceiveAsync(socket)).RootElement;
        error.GetProperty("type").GetString().ShouldBe("error");
        error.GetProperty("payload")[0].GetProperty("message").GetString().ShouldBe("Anonymous Subscription must select only one top level field.");
        await SendAsync(socket, """{"type":"ping"}""");
        (await ReceiveAsync(socket)).ShouldBe("""{"type":"pong"}""");
    }

    [Theory]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":"subscription { forever }"}}""", false, 4401, "Unauthorized")]
    [InlineData("""{"type":"connection_init"}""", true, 4429, "Too many initialisation requests")]
    [InlineData("""{"type":"nonsense"}""", true, 4400, "Unexpected message of type nonsense received")]
    [InlineData("""not json""", true, 4400, "Invalid message received")]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":"subscription { forever }"}}""", true, 4409, "Subscriber for 1 already exists")]
    public async Task A_message_the_protocol_forbids_closes_the_socket_with_its_code(string message, bool initialise, int code, string reason)
    {
        using var socket = await ConnectAsync();
        if (initialise)
        {
            await SendAsync(socket, """{"type":"connection_init"}""");
            await ReceiveAsync(socket);
            if (code == 4409)
            {
                await SendAsync(socket, message);
            }
        }
        await SendAsync(socket, message);
        await ReceiveCloseAsync(socket, code, reason);
    }

    [Fact]
    public async Task Refused_credentials_close_4403_a_wrong_subprotocol_4406_and_no_init_4408()
    {
        using (var refused = await ConnectAsync())
        {
            await SendAsync(refused, """{"type":"connection_init","payload":{"Authorization":"Bearer bad"}}""");
            await ReceiveCloseAsync(refused, 4403, "The token is not valid.");
        }
        using (var wrong = await ConnectAsync("graphql-ws"))
        {
            await ReceiveCloseAsync(wrong, 4406, "Subprotocol not acceptable");
        }
        using var silent = await ConnectAsync();
        await ReceiveCloseAsync(silent, 4408, "Connection initialisation timeout");
    }

    [Fact]
    public async Task Over_the_per_subscriber_cap_a_subscribe_gets_TOO_MANY_SUBSCRIPTIONS()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        await ReceiveAsync(socket);
        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { forever }"}}""");
        await SendAsync(socket, """{"id":"2","type":"subscribe","payload":{"query":"subscription { forever }"}}""");
        await SendAsync(socket, """{"id":"3","type":"subscribe","payload":{"query":"subscription { forever }"}}""");
        var error = JsonDocument.Parse(await ReceiveAsync(socket)).RootElement;
        error.GetProperty("id").GetString().ShouldBe("3");
        error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TOO_MANY_SUBSCRIPTIONS");
        // Completing one frees its slot.
        await SendAsync(socket, """{"id":"1","type":"complete"}""");
        await SendAsync(socket, """{"id":"4","type":"subscribe","payload":{"query":"subscription { ticks(count: 1) }"}}""");
        var next = await ReceiveAsync(socket);
        while (next.Contains("\"id\":\"4\",\"type\":\"error\"", StringComparison.Ordinal))
        {
            // The complete of 1 may not have been processed yet; try again.
            await SendAsync(socket, """{"id":"4","type":"subscribe","payload":{"query":"subscription { ticks(count: 1) }"}}""");
            next = await ReceiveAsync(socket);
        }
        next.ShouldBe("""{"id":"4","type":"next","payload":{"data":{"ticks":1}}}""");
    }

    [Fact]
    public async Task Distinct_connections_mode_streams_next_events_then_complete_and_reports_request_errors_as_next()
    {
        using var http = new HttpClient();
        (await EventStreamAsync(http, "subscription { ticks(count: 2) }")).ShouldBe(
            ":\n\nevent: next\ndata: {\"data\":{\"ticks\":1}}\n\nevent: next\ndata: {\"data\":{\"ticks\":2}}\n\nevent: complete\ndata:\n\n");
        (await EventStreamAsync(http, "{ hello }")).ShouldBe(":\n\nevent: next\ndata: {\"data\":{\"hello\":\"Hello!\"}}\n\nevent: complete\ndata:\n\n");
        var invalid = await EventStreamAsync(http, "subscription { nope }");
        invalid.ShouldStartWith(":\n\nevent: next\ndata: {\"errors\":[{\"message\":\"Cannot query field ");
        invalid.ShouldEndWith("event: complete\ndata:\n\n");
    }

    [Fact]
    public async Task Single_connection_mode_reserves_with_PUT_streams_id_and_payload_and_refuses_a_second_stream()
    {
        using var http = new HttpClient();
        using var reserved = await http.PutAsync(_endpoint, null);
        reserved.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await reserved.Content.ReadAsStringAsync();

        using var open = new HttpRequestMessage(HttpMethod.Get, _endpoint);
        open.Headers.Add("X-GraphQL-Event-Stream-Token", token);
        open.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await http.SendAsync(open, HttpCompletionOption.ResponseHeadersRead);
        stream.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = new HttpRequestMessage(HttpMethod.Get, _endpoint);
        again.Headers.Add("X-GraphQL-Event-Stream-Token", token);
        again.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        (await http.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        using var start = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent("""{"query":"subscription { ticks(count: 1) }","extensions":{"operationId":"op1"}}""", Encoding.UTF8, "application/json"),
        };
        start.Headers.Add("X-GraphQL-Event-Stream-Token", token);
        (await http.SendAsync(start)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var text = new StringBuilder();
        while (!text.ToString().Contains("data: {\"id\":\"op1\"}", StringComparison.Ordinal))
        {
            text.AppendLine(await reader.ReadLineAsync());
        }
        text.ToString().ShouldContain("event: next\ndata: {\"id\":\"op1\",\"payload\":{\"data\":{\"ticks\":1}}}".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
        text.ToString().ShouldContain("event: complete" + Environment.NewLine + "data: {\"id\":\"op1\"}");

        using var unknown = new HttpRequestMessage(HttpMethod.Delete, _endpoint + "?operationId=op1");
        unknown.Headers.Add("X-GraphQL-Event-Stream-Token", "not-a-reservation");
        (await http.SendAsync(unknown)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> EventStreamAsync(HttpClient http, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<ClientWebSocket> ConnectAsync(string subprotocol = GraphQLWebSocketsProtocol)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subprotocol);
        await socket.ConnectAsync(new UriBuilder(_endpoint) { Scheme = "ws" }.Uri, CancellationToken.None);
        return socket;
    }

    private const string GraphQLWebSocketsProtocol = "graphql-transport-ws";

    private static Task SendAsync(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        var result = await socket.ReceiveAsync(buffer, patience.Token);
        result.MessageType.ShouldBe(WebSocketMessageType.Text, $"closed {socket.CloseStatus} {socket.CloseStatusDescription}");
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private static async Task ReceiveCloseAsync(ClientWebSocket socket, int code, string reason)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, patience.Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);
        ((int)result.CloseStatus!).ShouldBe(code);
        result.CloseStatusDescription.ShouldBe(reason);
    }
}
