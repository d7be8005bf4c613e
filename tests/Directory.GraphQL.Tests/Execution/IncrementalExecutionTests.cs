using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// The engine's side of @defer/@stream beyond what the graphql-js comparison covers: when the directives count,
/// plan caching across <c>if</c> values, the timeout over later payloads, and resolver paths inside deferred work.
/// </summary>
public sealed class IncrementalExecutionTests
{
    private const string Directives = """
        directive @defer(if: Boolean! = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @stream(initialCount: Int! = 0, if: Boolean! = true, label: String) on FIELD
        """;

    private const string Types = """
        type Query { fast: String! never: String item: Item! items: [Item!]! }
        type Item { name: String! where: String! }
        """;

    private static RequestExecutor Executor(bool declareDirectives, TimeSpan? timeout = null)
    {
        var schema = SchemaBuilder.FromSdl((declareDirectives ? Directives + "\n" : "") + Types)
            .Resolve("Query", "fast", _ => "fast")
            .Resolve("Query", "never", async ctx =>
            {
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return (object?)"unreachable";
            })
            .Resolve("Query", "item", _ => "one")
            .Resolve("Query", "items", _ => new[] { "a", "b", "c" })
            .Resolve("Item", "name", ctx => ctx.Parent)
            .Resolve("Item", "where", ctx => ctx.Path!.ToString())
            .Build();
        return new RequestExecutor(schema, new ExecutorOptions { Timeout = timeout });
    }

    private static async Task<List<string>> PayloadsAsync(RequestExecutor executor, string query, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var json = variables is null ? null : GraphQLRequest.VariablesFromJson(System.Text.Json.JsonSerializer.SerializeToElement(variables));
        var result = await executor.ExecuteIncrementallyAsync(new GraphQLRequest(query, json));
        var payloads = new List<string>();
        using (var stream = new MemoryStream())
        {
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
            {
                result.WriteInitialTo(writer);
            }
            payloads.Add(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        if (result.Subsequent is { } subsequent)
        {
            await foreach (var payload in subsequent)
            {
                payloads.Add(payload.ToJson());
            }
        }
        return payloads;
    }

    [Fact]
    public async Task A_schema_that_does_not_declare_the_directives_rejects_them()
    {
        var payloads = await PayloadsAsync(Executor(declareDirectives: false), "{ fast ... @defer { item { name } } }");

        payloads.ShouldHaveSingleItem().ShouldContain("Unknown directive \\u0022@defer\\u0022.");
    }

    [Fact]
    public async Task Plain_execution_ignores_the_directives_and_answers_everything_at_once()
    {
        var result = await Executor(declareDirectives: true).ExecuteAsync(
            new GraphQLRequest("{ fast ... @defer { item { name } } items @stream(initialCount: 1) { name } }"));

        result.ToJson().ShouldBe("""{"data":{"fast":"fast","item":{"name":"one"},"items":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""");
    }

    [Fact]
    public async Task The_same_document_with_if_true_and_if_false_gets_a_plan_each()
    {
        var executor = Executor(declareDirectives: true);
        const string query = "query ($d: Boolean!) { fast ... @defer(if: $d) { item { name } } }";

        var deferred = await PayloadsAsync(executor, query, new Dictionary<string, object?> { ["d"] = true });
        var inline = await PayloadsAsync(executor, query, new Dictionary<string, object?> { ["d"] = false });
        var again = await PayloadsAsync(executor, query, new Dictionary<string, object?> { ["d"] = true });

        deferred.Count.ShouldBe(2);
        inline.ShouldBe(["""{"data":{"fast":"fast","item":{"name":"one"}}}"""]);
        again.ShouldBe(deferred);
    }

    [Fact]
    public async Task Paths_inside_deferred_fragments_and_streamed_items_are_whole_response_paths()
    {
        var payloads = await PayloadsAsync(Executor(declareDirectives: true),
            "{ item { ... @defer { where } } items @stream(initialCount: 1) { where } }");

        payloads[0].ShouldBe("""{"data":{"item":{},"items":[{"where":"items.0.where"}]},"pending":[{"id":"0","path":["item"]},{"id":"1","path":["items"]}],"hasNext":true}""");
        string.Concat(payloads.Skip(1)).ShouldContain("""{"id":"0","data":{"where":"item.where"}}""");
        string.Concat(payloads.Skip(1)).ShouldContain("""{"id":"1","items":[{"where":"items.1.where"},{"where":"items.2.where"}]}""");
    }

    [Fact]
    public async Task A_deferred_fragment_still_running_at_the_timeout_completes_with_the_timeout_error()
    {
        var payloads = await PayloadsAsync(Executor(declareDirectives: true, TimeSpan.FromMilliseconds(300)),
            "{ fast ... @defer(label: \"stuck\") { never } }");

        payloads.Count.ShouldBe(2);
        payloads[0].ShouldBe("""{"data":{"fast":"fast"},"pending":[{"id":"0","path":[],"label":"stuck"}],"hasNext":true}""");
        payloads[1].ShouldStartWith("""{"hasNext":false,"completed":[{"id":"0","errors":[{"message":"The request did not complete within 300 ms.","extensions":{"code":"EXECUTION_TIMEOUT"}}]}]}""");
        ErrorCodes.Timeout.ShouldBe("EXECUTION_TIMEOUT");
    }
}
