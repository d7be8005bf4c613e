using System.Net;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Http;
using Directory.GraphQL.Types;
using Directory.Testing;
using Microsoft.AspNetCore.Builder;

namespace Directory.GraphQL.Tests.Http;

/// <summary>
/// @defer and @stream over a real socket: multipart/mixed parts read off the wire one by one. A gate the test opens
/// holds back the slow field, so "the fast part arrives first" is shown by reading it while the slow part cannot
/// have been computed yet, not by timing.
/// </summary>
public sealed class IncrementalDeliveryOverHttpTests : IAsyncLifetime
{
    private const string Sdl = """
        directive @defer(if: Boolean! = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @stream(initialCount: Int! = 0, if: Boolean! = true, label: String) on FIELD

        type Query {
          fast: String!
          slow: String!
          broken: String
          brokenNonNull: String!
          items: [Int!]!
        }
        """;

    private readonly TaskCompletionSource<string> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private HttpClient _client = null!;
    private Uri _endpoint = null!;
    private int _slowStarted;

    public async Task InitializeAsync()
    {
        var schema = SchemaBuilder.FromSdl(Sdl)
            .Resolve("Query", "fast", _ => "at once")
            .Resolve("Query", "slow", async _ =>
            {
                Interlocked.Increment(ref _slowStarted);
                return (object?)await _gate.Task;
            })
            .Resolve("Query", "broken", _ => throw new Errors.GraphQLError("broken on purpose"))
            .Resolve("Query", "brokenNonNull", _ => throw new Errors.GraphQLError("broken and non-null"))
            .Resolve("Query", "items", _ => new[] { 1, 2, 3, 4, 5 })
            .Build();
        (_app, _endpoint) = await GraphQLHttpServer.StartAsync(schema, new GraphQLHttpOptions());
        _client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _gate.TrySetResult("released");
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string query, string? accept, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task The_initial_part_arrives_while_the_deferred_field_is_still_being_computed()
    {
        using var response = await SendAsync("{ fast ... @defer(label: \"later\") { slow } }", "multipart/mixed");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("multipart/mixed");
        response.Content.Headers.ContentType.Parameters.ShouldContain(p => p.Name == "boundary" && p.Value == "\"-\"");
        var reader = new MultipartMixedReader(await response.Content.ReadAsStreamAsync());

        var first = (await reader.ReadPartAsync())!.Value;
        first.Headers["Content-Type"].ShouldBe("application/json; charset=utf-8");
        first.Json.GetRawText().ShouldBe("""{"data":{"fast":"at once"},"pending":[{"id":"0","path":[],"label":"later"}],"hasNext":true}""");
        _gate.Task.IsCompleted.ShouldBeFalse("the slow field is still held back");

        _gate.SetResult("eventually");
        var rest = await reader.ReadAllAsync();
        rest.Select(p => p.GetRawText()).ShouldBe(
            ["""{"hasNext":false,"incremental":[{"id":"0","data":{"slow":"eventually"}}],"completed":[{"id":"0"}]}"""]);
        reader.Finished.ShouldBeTrue();
        _slowStarted.ShouldBe(1);
    }

    [Fact]
    public async Task Apollo_s_deferSpec_parameter_is_accepted_and_echoed()
    {
        _gate.SetResult("now");
        using var response = await SendAsync(
            "{ fast ... @defer { slow } }", "multipart/mixed;deferSpec=20220824, application/graphql-response+json, application/json;q=0.9");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.Parameters.ShouldContain(p => p.Name == "deferSpec" && p.Value == "20220824");
        var parts = await new MultipartMixedReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        parts.Count.ShouldBe(2);
        parts[1].GetProperty("incremental")[0].GetProperty("data").GetProperty("slow").GetString().ShouldBe("now");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json")]
    [InlineData(null)]
    public async Task Defer_from_a_client_that_does_not_accept_multipart_is_refused_with_406_before_running(string? accept)
    {
        using var response = await SendAsync("{ fast ... @defer { slow } }", accept);

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("errors")[0];
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("NOT_ACCEPTABLE");
        error.GetProperty("message").GetString()!.ShouldContain("multipart/mixed");
        _slowStarted.ShouldBe(0);
    }

    [Fact]
    public async Task If_false_runs_as_a_plain_request_even_without_multipart()
    {
        _gate.SetResult("inline");
        using var response = await SendAsync(
            "query ($d: Boolean!) { fast ... @defer(if: $d) { slow } items @stream(if: false) }", "application/json", new { d = false });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"data":{"fast":"at once","slow":"inline","items":[1,2,3,4,5]}}""");
    }

    [Fact]
    public async Task Errors_in_deferred_fragments_arrive_with_their_fragment()
    {
        using var response = await SendAsync(
            "{ fast ... @defer(label: \"nullable\") { broken } ... @defer(label: \"fatal\") { brokenNonNull } }", "multipart/mixed");

        var parts = await new MultipartMixedReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        parts.Count.ShouldBe(2);
        parts[0].GetProperty("pending").GetArrayLength().ShouldBe(2);
        var last = parts[1];
        var entry = last.GetProperty("incremental").EnumerateArray().Single();
        entry.GetProperty("id").GetString().ShouldBe("0");
        entry.GetProperty("data").GetProperty("broken").ValueKind.ShouldBe(JsonValueKind.Null);
        entry.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("broken on purpose");
        entry.GetProperty("errors")[0].GetProperty("path")[0].GetString().ShouldBe("broken");
        var completed = last.GetProperty("completed").EnumerateArray().ToList();
        completed.Select(c => c.GetProperty("id").GetString()).ShouldBe(["0", "1"]);
        completed[1].GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("broken and non-null");
        last.GetProperty("hasNext").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Stream_sends_the_initial_items_then_the_rest()
    {
        using var response = await SendAsync("{ items @stream(initialCount: 2, label: \"rest\") }", "multipart/mixed");

        var parts = await new MultipartMixedReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        parts.Select(p => p.GetRawText()).ShouldBe([
            """{"data":{"items":[1,2]},"pending":[{"id":"0","path":["items"],"label":"rest"}],"hasNext":true}""",
            """{"hasNext":false,"incremental":[{"id":"0","items":[3,4,5]}],"completed":[{"id":"0"}]}""",
        ]);
    }

    [Fact]
    public async Task A_request_error_is_answered_as_json_even_to_a_multipart_client()
    {
        using var response = await SendAsync("{ fast ... @defer { nope } }", "multipart/mixed, application/graphql-response+json");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
    }
}
