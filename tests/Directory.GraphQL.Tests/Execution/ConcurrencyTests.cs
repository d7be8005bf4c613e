using static Directory.GraphQL.Tests.Execution.ExecutionHarness;
using FieldResolver = Directory.GraphQL.Execution.FieldResolver;
using GraphQLRequest = Directory.GraphQL.Execution.GraphQLRequest;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>One executor (and its caches) shared by many simultaneous requests, each with its own DataLoaders.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_requests_get_their_own_results_and_batches()
    {
        var batches = 0;
        var schema = BuildSchema(
            "type Query { items(first: Int!, offset: Int!): [Item!]! } type Item { n: Int!, double: Int! }",
            b => b
                .Resolve("Query", "items", ctx => Enumerable.Range(ctx.GetArgument<int>("offset"), ctx.GetArgument<int>("first"))
                    .Select(i => new Dictionary<string, object?> { ["n"] = i }).ToList())
                .Resolve("Item", "n", ctx => ((Dictionary<string, object?>)ctx.Parent!)["n"])
                .Resolve("Item", "double", (FieldResolver)(async ctx =>
                {
                    var loader = ctx.BatchLoader<int, int>("double", async (keys, ct) =>
                    {
                        Interlocked.Increment(ref batches);
                        await Task.Delay(1, ct);
                        return keys.ToDictionary(k => k, k => k * 2);
                    });
                    return await loader.LoadAsync((int)((Dictionary<string, object?>)ctx.Parent!)["n"]!);
                })));
        var executor = Executor(schema);
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(() => executor.ExecuteAsync(Request(
            "query ($o: Int!, $f: Int!) { items(first: $f, offset: $o) { n double } }",
            $$"""{"o":{{i * 100}},"f":{{1 + (i % 7)}}}""")))).ToList();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
        {
            var expected = string.Join(',', Enumerable.Range(i * 100, 1 + (i % 7)).Select(n => $"{{\"n\":{n},\"double\":{n * 2}}}"));
            results[i].ToJson().ShouldBe($"{{\"data\":{{\"items\":[{expected}]}}}}");
        }
        batches.ShouldBe(40);
        executor.CachedDocumentCount.ShouldBe(1);
    }
}
