using System.Text.Json;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>What resolvers see: field, parent type, nodes, path, variables, request extensions, state, services.</summary>
public sealed class ResolverContextTests
{
    private sealed class Greeter
    {
        public string Greet(string name) => $"Hello {name}";
    }

    private sealed class Services(Greeter greeter) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(Greeter) ? greeter : null;
    }

    [Fact]
    public async Task Exposes_field_path_variables_extensions_state_and_services()
    {
        var seen = new List<string>();
        var schema = BuildSchema(
            "type Query { things: [Thing] } type Thing { probe(n: Int): String, second: String }",
            b => b
                .Resolve("Query", "things", _ => new[] { new object(), new object() })
                .Resolve("Thing", "probe", ctx =>
                {
                    ctx.RequestState["count"] = (int)(ctx.RequestState.TryGetValue("count", out var c) ? c! : 0) + 1;
                    seen.Add(string.Join('|',
                        ctx.Field!.Name,
                        ctx.ParentType!.Name,
                        ctx.FieldNodes.Single().ResponseName,
                        ctx.Path!.ToString(),
                        ctx.Variables["n"],
                        ctx.Extensions["tenant"].GetString(),
                        ctx.Operation!.Name!.Value));
                    return ((Greeter)ctx.Services.GetService(typeof(Greeter))!).Greet(ctx.GetArgument<int>("n").ToString(System.Globalization.CultureInfo.InvariantCulture));
                })
                .Resolve("Thing", "second", ctx => $"count={ctx.RequestState["count"]}"));

        var request = Request("query Probe($n: Int) { things { p: probe(n: $n) second } }", """{"n":7}""", extensionsJson: """{"tenant":"t1"}""");
        var result = await Executor(schema).ExecuteAsync(request, new Services(new Greeter()));

        result.ToJson().ShouldBe(Json(
            "{'data':{'things':[{'p':'Hello 7','second':'count=1'},{'p':'Hello 7','second':'count=2'}]}}"));
        seen.ShouldBe(["probe|Thing|p|things.0.p|7|t1|Probe", "probe|Thing|p|things.1.p|7|t1|Probe"]);
    }

    [Fact]
    public async Task Resolvers_running_at_once_share_one_request_state_value_and_requests_do_not()
    {
        // Forty async resolvers of one level ask for the same state while the others are in flight: all get the one
        // value kept (a lock on RequestState used to be the only way); a second request gets a value of its own.
        var schema = BuildSchema(
            "type Query { things: [Thing] } type Thing { bag: Int }",
            b => b
                .Resolve("Query", "things", _ => Enumerable.Range(0, 40).Select(_ => new object()).ToArray())
                .Resolve("Thing", "bag", async ctx =>
                {
                    await Task.Yield();
                    var bag = ctx.GetOrAddRequestState("bag", _ => new List<int>());
                    lock (bag)
                    {
                        bag.Add(bag.Count);
                        return bag.Count;
                    }
                }));

        for (var request = 0; request < 2; request++)
        {
            var result = await Executor(schema).ExecuteAsync(Request("{ things { bag } }"));
            var counts = JsonDocument.Parse(result.ToJson()).RootElement.GetProperty("data").GetProperty("things")
                .EnumerateArray().Select(t => t.GetProperty("bag").GetInt32()).Order().ToList();
            counts.ShouldBe(Enumerable.Range(1, 40).ToList());
        }
    }

    [Fact]
    public void Request_json_is_read_into_a_request()
    {
        var request = GraphQLRequest.FromJson(JsonDocument.Parse(
            """{"query":"{ a }","operationName":"Q","variables":{"x":1},"extensions":{"persistedQuery":{"version":1}}}""").RootElement);
        request.Query.ShouldBe("{ a }");
        request.OperationName.ShouldBe("Q");
        request.Variables!["x"].GetInt32().ShouldBe(1);
        request.Extensions!["persistedQuery"].GetProperty("version").GetInt32().ShouldBe(1);
    }
}
