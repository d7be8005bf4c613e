using System.Collections.Concurrent;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.2.2 "Mutation": root fields run serially, in document order (graphql-js mutations-test.ts).</summary>
public sealed class MutationTests
{
    [Fact]
    public async Task Root_fields_run_one_after_another_even_when_asynchronous()
    {
        var log = new ConcurrentQueue<string>();
        var value = 0;
        var schema = BuildSchema(
            """
            type Query { value: Int }
            type Mutation { set(to: Int!, delayMs: Int!): Int, fail: Int }
            """,
            b => b
                .Resolve("Mutation", "set", (FieldResolver)(async ctx =>
                {
                    var to = ctx.GetArgument<int>("to");
                    log.Enqueue($"start {to}");
                    await Task.Delay(ctx.GetArgument<int>("delayMs"));
                    value = to;
                    log.Enqueue($"end {to}");
                    return value;
                }))
                .Resolve("Mutation", "fail", (Func<ResolverContext, object?>)(_ => throw new InvalidOperationException("no"))));

        var result = await ExecuteAsync(
            schema,
            "mutation { first: set(to: 1, delayMs: 30) second: set(to: 2, delayMs: 1) f: fail third: set(to: 3, delayMs: 5) }");

        result.ToJson().ShouldContain(Json("{'first':1,'second':2,'f':null,'third':3}"));
        log.ShouldBe(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
        value.ShouldBe(3);
        result.Errors.Single().Path.ShouldBe(["f"]);
    }

    [Fact]
    public async Task Query_siblings_start_before_earlier_ones_finish()
    {
        var started = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        var schema = BuildSchema(
            "type Query { a: String, b: String }",
            b => b
                .Resolve("Query", "a", (FieldResolver)(async _ => { started.Enqueue("a"); await gate.Task; return "a"; }))
                .Resolve("Query", "b", (FieldResolver)(_ => { started.Enqueue("b"); gate.SetResult(); return new ValueTask<object?>("b"); })));

        (await ExecuteJsonAsync(schema, "{ a b }")).ShouldBe(Json("{'data':{'a':'a','b':'b'}}"));
        started.ShouldBe(["a", "b"]);
    }
}
