using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Directory.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// GraphQL over HTTP (the working draft of the GraphQL-over-HTTP specification), over a real socket: request
/// encodings, content negotiation and the status codes of each media type.
/// </summary>
public sealed class GraphQLOverHttpTests(GraphQLHttpServer server) : IClassFixture<GraphQLHttpServer>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string body, string? accept = GraphQLResponse, string? contentType = Json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        var response = await server.Client.SendAsync(request);
        return (response, await ReadBodyAsync(response));
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string queryString, string? accept = GraphQLResponse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Endpoint + "?" + queryString);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        var response = await server.Client.SendAsync(request);
        return (response, await ReadBodyAsync(response));
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Q(string query, object? variables = null, string? operationName = null, object? extensions = null) =>
        JsonSerializer.Serialize(new { query, variables, operationName, extensions });

    private static string ErrorCode(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    // --- POST and the response media types -------------------------------------------------------------------

    [Fact]
    public async Task Post_json_answers_graphql_response_json_when_asked()
    {
        var (response, body) = await PostAsync(Q("{ hello }"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(GraphQLResponse);
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
        body.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Json, Json)]
    [InlineData("*/*", Json)]
    [InlineData(null, Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.2, application/json", Json)]
    [InlineData("text/html, application/json;q=0.9", Json)]
    public async Task Negotiates_the_response_media_type(string? accept, string expected)
    {
        var (response, body) = await PostAsync(Q("{ hello }"), accept);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected);
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Answers_406_when_no_supported_media_type_is_acceptable(string accept)
    {
        var (response, body) = await PostAsync(Q("{ hello }"), accept);

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        ErrorCode(body).ShouldBe("NOT_ACCEPTABLE");
    }

    [Fact]
    public async Task Variables_operation_name_and_extensions_reach_the_engine()
    {
        var (response, body) = await PostAsync(Q(
            "query A { hello } query B($who: String, $key: String!) { hello(name: $who) extension(key: $key) }",
            variables: new { who = "Nottinghamshire", key = "trace" },
            operationName: "B",
            extensions: new { trace = "abc-123" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, Nottinghamshire!");
        body.GetProperty("data").GetProperty("extension").GetString().ShouldBe("abc-123");
    }

    [Fact]
    public async Task Null_optional_parameters_are_the_same_as_absent_ones()
    {
        var (response, body) = await PostAsync("""{"query":"{ hello }","variables":null,"operationName":null,"extensions":null}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
    }

    [Fact]
    public async Task Mutations_run_over_post()
    {
        var before = server.Counter;

        var (response, body) = await PostAsync(Q("mutation { increment }"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("data").GetProperty("increment").GetInt32().ShouldBeGreaterThan(before);
    }

    // --- Request errors: not a well-formed GraphQL-over-HTTP request -> 4xx for either media type -----------------

    [Theory]
    [InlineData("{ \"not a JSON", GraphQLResponse)]
    [InlineData("{ \"not a JSON", Json)]
    [InlineData("[1, 2]", GraphQLResponse)]
    [InlineData("{\"qeury\": \"{ hello }\"}", GraphQLResponse)]
    [InlineData("{\"query\": 1}", Json)]
    [InlineData("{\"query\": \"{ hello }\", \"variables\": [7]}", GraphQLResponse)]
    [InlineData("{\"query\": \"{ hello }\", \"variables\": \"{}\"}", Json)]
    [InlineData("{\"query\": \"{ hello }\", \"operationName\": false}", GraphQLResponse)]
    [InlineData("{\"query\": \"{ hello }\", \"extensions\": 0}", GraphQLResponse)]
    [InlineData("", GraphQLResponse)]
    public async Task Malformed_requests_get_400_with_a_clear_error(string body, string accept)
    {
        var (response, json) = await PostAsync(body, accept);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(accept);
        ErrorCode(json).ShouldBe("BAD_REQUEST");
        json.GetProperty("errors")[0].GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        json.TryGetProperty("data", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    public async Task Post_bodies_other_than_utf8_json_get_415(string? contentType)
    {
        var (response, body) = await PostAsync(Q("mutation { increment }"), contentType: contentType);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        ErrorCode(body).ShouldBe("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task Bodies_above_the_limit_get_413_whether_or_not_they_declare_their_length()
    {
        var big = Q("{ hello }" + new string(' ', GraphQLHttpServer.MaxBodyBytes));

        var (declared, declaredBody) = await PostAsync(big);

        declared.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        ErrorCode(declaredBody).ShouldBe("REQUEST_TOO_LARGE");

        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Json);
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await server.Client.SendAsync(request);
        chunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Other_methods_get_405_with_an_allow_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, server.Endpoint) { Content = new StringContent(Q("{ hello }"), Encoding.UTF8, Json) };

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["GET", "POST"], ignoreOrder: true);
    }

    // --- GraphQL request errors: status depends on the media type ---------------------------------------------

    [Theory]
    [InlineData("{", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ doesNotExist }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Document_errors_are_400_with_graphql_response_json_and_200_with_json(string query, string code)
    {
        var (modern, modernBody) = await PostAsync(Q(query), GraphQLResponse);
        var (legacy, legacyBody) = await PostAsync(Q(query), Json);

        modern.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        modernBody.TryGetProperty("data", out _).ShouldBeFalse();
        ErrorCode(modernBody).ShouldBe(code);
        modernBody.GetProperty("errors")[0].GetProperty("locations")[0].GetProperty("line").GetInt32().ShouldBe(1);

        legacy.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorCode(legacyBody).ShouldBe(code);
    }

    [Fact]
    public async Task Variable_coercion_failure_is_a_request_error()
    {
        var (response, body) = await PostAsync(Q("query ($n: String!) { hello(name: $n) }", variables: new { n = 5 }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.TryGetProperty("data", out _).ShouldBeFalse();
        body.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("$n");
    }

    [Fact]
    public async Task Field_errors_give_200_with_partial_data_and_no_internal_details()
    {
        var (response, body) = await PostAsync(Q("{ hello broken }"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, world!");
        body.GetProperty("data").GetProperty("broken").ValueKind.ShouldBe(JsonValueKind.Null);
        var error = body.GetProperty("errors")[0];
        error.GetProperty("path")[0].GetString().ShouldBe("broken");
        error.GetRawText().ShouldNotContain("secret internal detail");
        error.GetRawText().ShouldNotContain("InvalidOperationException");
    }

    // --- GET ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Get_runs_queries_with_url_encoded_json_variables()
    {
        var (response, body) = await GetAsync(
            "query=" + Uri.EscapeDataString("query ($who: String) { hello(name: $who) }") +
            "&variables=" + Uri.EscapeDataString("""{"who":"Cumbria"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("Hello, Cumbria!");
    }

    [Fact]
    public async Task Get_refuses_mutations_with_405_and_does_not_run_them()
    {
        var before = server.Counter;

        var (response, body) = await GetAsync("query=" + Uri.EscapeDataString("mutation { increment }"));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
        ErrorCode(body).ShouldBe("METHOD_NOT_ALLOWED");
        server.Counter.ShouldBe(before);
    }

    [Theory]
    [InlineData("")]
    [InlineData("variables=%7B%7D")]
    [InlineData("query=%7Bhello%7D&variables=%5B1%5D")]
    [InlineData("query=%7Bhello%7D&extensions=nonsense")]
    public async Task Get_without_a_usable_query_gets_400(string queryString)
    {
        var (response, body) = await GetAsync(queryString);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ErrorCode(body).ShouldBe("BAD_REQUEST");
    }
}
