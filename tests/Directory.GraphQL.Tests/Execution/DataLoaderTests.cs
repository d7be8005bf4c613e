using System.Collections.Concurrent;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// DataLoader batching and per-request caching: keys requested across the whole breadth of a level are fetched in
/// one batch per loader, whatever the number of parents.
/// </summary>
public sealed class DataLoaderTests
{
    public sealed record Item(int Id);

    public sealed record Child(int Id, int ItemId);

    public sealed record Grandchild(int Id, int ChildId);

    private sealed class FetchLog
    {
        public ConcurrentQueue<(string Loader, int Keys)> Batches { get; } = new();

        public int Count(string loader) => Batches.Count(b => b.Loader == loader);
    }

    private const string Sdl = """
        type Query { items(first: Int!): [Item!]!, item(id: Int!): Item }
        type Item { id: Int!, children: [Child!]!, label: String }
        type Child { id: Int!, grandchildren: [Grandchild!]! }
        type Grandchild { id: Int!, name: String }
        """;

    private static GraphQL.Types.Schema CreateSchema(FetchLog log, bool asyncRoot = false) => BuildSchema(Sdl, b => b
        .Resolve("Query", "items", (FieldResolver)(async ctx =>
        {
            var items = Enumerable.Range(1, ctx.GetArgument<int>("first")).Select(i => new Item(i)).ToList();
            if (asyncRoot)
            {
                await Task.Delay(1, ctx.CancellationToken);
            }
            return items;
        }))
        .Resolve("Query", "item", ctx => new Item(ctx.GetArgument<int>("id")))
        .Resolve("Item", "children", (FieldResolver)(async ctx =>
        {
            var loader = ctx.GroupLoader<int, Child>("childrenByItem", async (keys, ct) =>
            {
                log.Batches.Enqueue(("children", keys.Count));
                await Task.Delay(1, ct);
                return keys.SelectMany(k => new[] { new Child(k * 10, k), new Child((k * 10) + 1, k) }).ToLookup(c => c.ItemId);
            });
            return await loader.LoadAsync(((Item)ctx.Parent!).Id);
        }))
        .Resolve("Item", "label", (FieldResolver)(async ctx =>
        {
            var loader = ctx.BatchLoader<int, string>("labels", (keys, _) =>
            {
                log.Batches.Enqueue(("labels", keys.Count));
                IReadOnlyDictionary<int, string> labels = keys.Where(k => k % 2 == 1).ToDictionary(k => k, k => $"item {k}");
                return Task.FromResult(labels);
            });
            return await loader.LoadAsync(((Item)ctx.Parent!).Id);
        }))
        .Resolve("Child", "grandchildren", (FieldResolver)(async ctx =>
        {
            var loader = ctx.GroupLoader<int, Grandchild>("grandchildrenByChild", async (keys, ct) =>
            {
                log.Batches.Enqueue(("grandchildren", keys.Count));
                await Task.Yield();
                IReadOnlyDictionary<int, Grandchild[]> groups = keys.ToDictionary(k => k, k => new[] { new Grandchild(k * 10, k) });
                return groups;
            });
            return await loader.LoadAsync(((Child)ctx.Parent!).Id);
        }))
        .Resolve("Grandchild", "name", ctx => $"g{((Grandchild)ctx.Parent!).Id}"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_batch_per_level_whatever_the_number_of_parents(bool asyncRoot)
    {
        const string query = "query ($n: Int!) { items(first: $n) { children { grandchildren { name } } } }";
        var small = new FetchLog();
        var large = new FetchLog();

        var smallResult = await ExecuteAsync(CreateSchema(small, asyncRoot), query, """{"n":10}""");
        var largeResult = await ExecuteAsync(CreateSchema(large, asyncRoot), query, """{"n":100}""");

        smallResult.Errors.ShouldBeEmpty();
        largeResult.Errors.ShouldBeEmpty();
        small.Batches.Count.ShouldBe(2);
        large.Batches.Count.ShouldBe(small.Batches.Count);
        large.Batches.ShouldBe([("children", 100), ("grandchildren", 200)]);
        small.Batches.ShouldBe([("children", 10), ("grandchildren", 20)]);

        var items = (GraphQL.Execution.ResultList)largeResult.Data!["items"]!;
        items.Count.ShouldBe(100);
        var firstChild = (GraphQL.Execution.ResultObject)((GraphQL.Execution.ResultList)((GraphQL.Execution.ResultObject)items[0]!)["children"]!)[0]!;
        var grandchild = (GraphQL.Execution.ResultObject)((GraphQL.Execution.ResultList)firstChild["grandchildren"]!)[0]!;
        grandchild["name"].ShouldBe("g100");
    }

    [Fact]
    public async Task Loaders_of_the_same_level_dispatch_together_and_missing_keys_are_null()
    {
        var log = new FetchLog();
        var result = await ExecuteAsync(CreateSchema(log), "{ items(first: 2) { label children { id } } }");
        result.Errors.ShouldBeEmpty();
        log.Count("labels").ShouldBe(1);
        log.Count("children").ShouldBe(1);
        result.ToJson().ShouldBe(Json(
            "{'data':{'items':[{'label':'item 1','children':[{'id':10},{'id':11}]},{'label':null,'children':[{'id':20},{'id':21}]}]}}"));
    }

    [Fact]
    public async Task The_same_key_is_fetched_once_per_request()
    {
        var log = new FetchLog();
        var result = await ExecuteAsync(
            CreateSchema(log),
            "{ a: item(id: 1) { label } b: item(id: 1) { label } c: item(id: 3) { label } }");
        result.ToJson().ShouldBe(Json("{'data':{'a':{'label':'item 1'},'b':{'label':'item 1'},'c':{'label':'item 3'}}}"));
        log.Batches.ShouldBe([("labels", 2)]);
    }

    [Fact]
    public async Task Caches_do_not_leak_between_requests()
    {
        var log = new FetchLog();
        var executor = Executor(CreateSchema(log));
        await executor.ExecuteAsync(Request("{ item(id: 1) { label } }"));
        await executor.ExecuteAsync(Request("{ item(id: 1) { label } }"));
        log.Count("labels").ShouldBe(2);
    }

    [Fact]
    public async Task A_failing_batch_fails_each_field_that_waited_on_it()
    {
        var schema = BuildSchema(Sdl, b => b
            .Resolve("Query", "items", ctx => Enumerable.Range(1, 3).Select(i => new Item(i)).ToList())
            .Resolve("Item", "label", (FieldResolver)(async ctx =>
            {
                var loader = ctx.BatchLoader<int, string>("labels", (_, _) =>
                    Task.FromException<IReadOnlyDictionary<int, string>>(new InvalidOperationException("database down")));
                return await loader.LoadAsync(((Item)ctx.Parent!).Id);
            })));
        var result = await ExecuteAsync(schema, "{ items(first: 3) { label } }");
        result.Errors.Select(e => e.Message).ShouldBe(["database down", "database down", "database down"]);
        result.Errors.Select(e => string.Join('.', e.Path!)).ShouldBe(["items.0.label", "items.1.label", "items.2.label"]);
        result.ToJson().ShouldEndWith(Json("{'data':{'items':[{'label':null},{'label':null},{'label':null}]}}")[1..]);
    }

    [Fact]
    public async Task Mutation_fields_batch_within_each_field()
    {
        var log = new FetchLog();
        var schema = BuildSchema(
            Sdl + " type Mutation { touch(first: Int!): [Item!]! }",
            b =>
            {
                b.Resolve("Mutation", "touch", ctx => Enumerable.Range(1, ctx.GetArgument<int>("first")).Select(i => new Item(i)).ToList());
                b.Resolve("Item", "label", (FieldResolver)(async ctx =>
                {
                    var loader = ctx.BatchLoader<int, string>("labels", (keys, _) =>
                    {
                        log.Batches.Enqueue(("labels", keys.Count));
                        return Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => $"L{k}"));
                    });
                    return await loader.LoadAsync(((Item)ctx.Parent!).Id);
                }));
            });
        var result = await ExecuteAsync(schema, "mutation { a: touch(first: 3) { label } b: touch(first: 5) { label } }");
        result.Errors.ShouldBeEmpty();
        // The second field's keys 1-3 are cached from the first; only 4 and 5 are new.
        log.Batches.ShouldBe([("labels", 3), ("labels", 2)]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 2)]
    public async Task Batches_of_one_level_overlap_only_up_to_the_configured_limit(int maxConcurrentBatches, int expectedOverlap)
    {
        var running = 0;
        var maxRunning = 0;
        async Task<IReadOnlyDictionary<int, string>> Fetch(IReadOnlyList<int> keys, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            return keys.ToDictionary(k => k, k => $"v{k}");
        }

        var schema = BuildSchema(
            "type Query { items: [Item!]! } type Item { a: String, b: String }",
            b => b
                .Resolve("Query", "items", _ => Enumerable.Range(1, 3).Select(i => new Item(i)).ToList())
                .Resolve("Item", "a", (FieldResolver)(async ctx => await ctx.BatchLoader<int, string>("a", Fetch).LoadAsync(((Item)ctx.Parent!).Id)))
                .Resolve("Item", "b", (FieldResolver)(async ctx => await ctx.BatchLoader<int, string>("b", Fetch).LoadAsync(((Item)ctx.Parent!).Id))));
        var result = await ExecuteAsync(schema, "{ items { a b } }", options: new ExecutorOptions { MaxConcurrentBatches = maxConcurrentBatches });

        result.ToJson().ShouldBe(Json("{'data':{'items':[{'a':'v1','b':'v1'},{'a':'v2','b':'v2'},{'a':'v3','b':'v3'}]}}"));
        maxRunning.ShouldBe(expectedOverlap);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
