using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Testing;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// @defer and @stream against the running service on a loopback socket, with the sample data: the multipart parts
/// are read off the wire and put together as a client does, and what they add up to must equal the same operation
/// answered at once (the directives turned off with <c>if: false</c>).
/// </summary>
public sealed class IncrementalDeliveryTests : IDisposable
{
    private const string Multipart = "multipart/mixed";

    private readonly KestrelDirectoryApp _app = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _endpoint;

    public IncrementalDeliveryTests()
    {
        _endpoint = new Uri(_app.Start(), "/graphql");
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private async Task<HttpResponseMessage> PostAsync(string query, object? variables, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<List<JsonElement>> PartsAsync(string query, object? variables = null)
    {
        using var response = await PostAsync(query, variables, Multipart);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Multipart);
        return await new MultipartMixedReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
    }

    private async Task<JsonElement> PlainAsync(string query, object? variables = null)
    {
        using var response = await PostAsync(query, variables, "application/json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    private async Task<string> SomeCouncilCodeAsync()
    {
        var body = await PlainAsync("""{ organisations(first: 1, where: { type: { eq: LOCAL_AUTHORITY } }) { nodes { code } } }""");
        return body.GetProperty("data").GetProperty("organisations").GetProperty("nodes")[0].GetProperty("code").GetString()!;
    }

    private const string Dashboard = """
        query Dashboard($code: String!, $incremental: Boolean!) {
          organisation(code: $code) {
            code
            name
            type
            ... @defer(if: $incremental, label: "organisation-details") { region population departments { name } }
          }
          ... @defer(if: $incremental, label: "national-aggregates") {
            mappingReport { coverage { rows { organisationType completed additionalContact notReceived total } outOfScopeResponses } }
          }
        }
        """;

    [Fact]
    public async Task A_dashboard_query_gets_the_organisation_first_and_the_slow_aggregates_after()
    {
        var code = await SomeCouncilCodeAsync();

        var parts = await PartsAsync(Dashboard, new { code, incremental = true });

        var initial = parts[0];
        initial.GetProperty("hasNext").GetBoolean().ShouldBeTrue();
        var organisation = initial.GetProperty("data").GetProperty("organisation");
        organisation.GetProperty("code").GetString().ShouldBe(code);
        organisation.TryGetProperty("region", out _).ShouldBeFalse("the deferred fields are not in the initial payload");
        initial.GetProperty("data").TryGetProperty("mappingReport", out _).ShouldBeFalse();
        initial.GetProperty("pending").EnumerateArray().Select(p => p.GetProperty("label").GetString())
            .ShouldBe(["organisation-details", "national-aggregates"]);
        parts[^1].GetProperty("hasNext").GetBoolean().ShouldBeFalse();

        var plain = await PlainAsync(Dashboard, new { code, incremental = false });
        plain.TryGetProperty("errors", out _).ShouldBeFalse();
        Assemble(parts).ToJsonString().ShouldBe(plain.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Stream_over_a_connection_s_nodes_sends_two_then_the_rest()
    {
        const string query = """
            query ($s: Boolean!) { organisations(first: 7) { totalCount nodes @stream(if: $s, initialCount: 2, label: "more") { code name } } }
            """;

        var parts = await PartsAsync(query, new { s = true });

        parts[0].GetProperty("data").GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(2);
        parts[0].GetProperty("pending")[0].GetProperty("path").GetRawText().ShouldBe("""["organisations","nodes"]""");
        parts.Skip(1).Sum(p => p.TryGetProperty("incremental", out var entries)
            ? entries.EnumerateArray().Sum(e => e.GetProperty("items").GetArrayLength()) : 0).ShouldBe(5);
        var plain = await PlainAsync(query, new { s = false });
        Assemble(parts).ToJsonString().ShouldBe(plain.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task An_error_in_a_deferred_fragment_comes_with_that_fragment_and_leaves_the_rest()
    {
        // The audit log is the Commissioner's office's only: an anonymous caller gets an error in its place.
        var parts = await PartsAsync("""
            { surveys { code } ... @defer(label: "audit") { auditLog(first: 1) { totalCount } } ... @defer(label: "regions") { regions { name } } }
            """);

        parts[0].GetProperty("data").GetProperty("surveys").GetArrayLength().ShouldBeGreaterThan(0);
        var entries = parts.Skip(1).SelectMany(p => p.TryGetProperty("incremental", out var e) ? e.EnumerateArray() : []).ToList();
        var audit = entries.Single(e => e.GetProperty("id").GetString() == "0");
        audit.GetProperty("data").GetProperty("auditLog").ValueKind.ShouldBe(JsonValueKind.Null);
        audit.GetProperty("errors")[0].GetProperty("path").GetRawText().ShouldBe("""["auditLog"]""");
        var regions = entries.Single(e => e.GetProperty("id").GetString() == "1");
        regions.GetProperty("data").GetProperty("regions").GetArrayLength().ShouldBeGreaterThan(0);
        regions.TryGetProperty("errors", out _).ShouldBeFalse();
        parts.SelectMany(p => p.TryGetProperty("completed", out var c) ? c.EnumerateArray() : [])
            .Select(c => c.GetProperty("id").GetString()).Order().ShouldBe(["0", "1"]);
    }

    [Fact]
    public async Task Without_multipart_in_Accept_an_operation_with_defer_is_refused_and_with_if_false_it_runs()
    {
        var code = await SomeCouncilCodeAsync();
        using (var refused = await PostAsync(Dashboard, new { code, incremental = true }, "application/graphql-response+json"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("NOT_ACCEPTABLE");
        }

        var plain = await PlainAsync(Dashboard, new { code, incremental = false });
        plain.GetProperty("data").GetProperty("organisation").GetProperty("region").ValueKind.ShouldNotBe(JsonValueKind.Undefined);
        plain.GetProperty("data").GetProperty("mappingReport").GetProperty("coverage").GetProperty("rows").GetArrayLength().ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// What a client builds from the parts: the initial data, each deferred fragment's data merged in at its pending
    /// path plus subPath, each stream's items appended to its list.
    /// </summary>
    private static JsonObject Assemble(List<JsonElement> parts)
    {
        var data = JsonNode.Parse(parts[0].GetProperty("data").GetRawText())!.AsObject();
        var paths = new Dictionary<string, JsonElement>();
        foreach (var part in parts)
        {
            foreach (var pending in part.TryGetProperty("pending", out var p) ? p.EnumerateArray() : [])
            {
                paths[pending.GetProperty("id").GetString()!] = pending.GetProperty("path");
            }
            foreach (var entry in part.TryGetProperty("incremental", out var i) ? i.EnumerateArray() : [])
            {
                JsonNode target = data;
                var path = paths[entry.GetProperty("id").GetString()!].EnumerateArray()
                    .Concat(entry.TryGetProperty("subPath", out var sub) ? sub.EnumerateArray() : []);
                foreach (var segment in path)
                {
                    target = segment.ValueKind == JsonValueKind.Number ? target[segment.GetInt32()]! : target[segment.GetString()!]!;
                }
                if (entry.TryGetProperty("items", out var items))
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        target.AsArray().Add(JsonNode.Parse(item.GetRawText()));
                    }
                    continue;
                }
                Merge(target.AsObject(), JsonNode.Parse(entry.GetProperty("data").GetRawText())!.AsObject());
            }
        }
        return data;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            if (target[key] is JsonObject existing && value is JsonObject more)
            {
                Merge(existing, more);
                continue;
            }
            source.Remove(key);
            target[key] = value;
        }
    }
}
