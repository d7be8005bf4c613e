using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// DataLoader batching when resolvers are async methods that await a loader and then return — the shape of real
/// resolvers over a database. Every level must still cost one batch per loader, whatever the number of parents.
/// Before the fix, the runtime sent the engine's ConfigureAwait(false) continuations to the thread pool, the scheduler
/// saw nothing runnable and dispatched a batch per parent.
/// </summary>
public sealed class DataLoaderAsyncResolverTests
{
    private sealed record Item(int Id);

    [Fact]
    public async Task Async_resolvers_awaiting_loaders_get_one_batch_per_loader_per_level()
    {
        var batches = new List<string>();
        var schema = SchemaBuilder.FromSdl("""
                type Query { items(n: Int!): [Item!]! }
                type Item { id: Int! children: [Item!]! related: [Item!]! owner: Item! }
                """)
            .Resolve("Query", "items", ctx => Enumerable.Range(0, ctx.GetArgument<int>("n")).Select(i => new Item(i)).ToList())
            .BindType<Item>("Item")
            .Resolve("Item", "children", ctx => ChildrenAsync(ctx, "children", batches))
            .Resolve("Item", "related", ctx => ChildrenAsync(ctx, "related", batches))
            .Resolve("Item", "owner", ctx => OwnerAsync(ctx, batches))
            .Build();
        var executor = new RequestExecutor(schema);

        for (var run = 0; run < 10; run++)
        {
            batches.Clear();
            var result = await executor.ExecuteAsync(new GraphQLRequest
            {
                Query = "{ items(n: 100) { children { owner { id } related { owner { id } } } related { id } } }",
            });

            result.Errors.ShouldBeEmpty();
            // Batches go out one at a time, oldest loader first: children of the 100 items; then "related", which by
            // then holds the 100 items' keys and the 270 new keys of their 300 children (0-99 overlap); then the
            // owners of children and related alike: 15 distinct keys (id % 50 over ids 10k+i). Never one per parent.
            batches.ShouldBe(["children:100", "related:370", "owner:15"]);
        }
    }

    private static async Task<Item[]> ChildrenAsync(ResolverContext context, string name, List<string> batches)
    {
        var loader = context.GroupLoader<int, Item>(name, async (keys, _) =>
        {
            lock (batches)
            {
                batches.Add($"{name}:{keys.Count}");
            }
            await Task.Yield();
            return keys.SelectMany(k => Enumerable.Range(0, 3).Select(i => (Key: k, Item: new Item(k * 10 + i)))).ToLookup(p => p.Key, p => p.Item);
        });
        return await loader.LoadAsync(((Item)context.Parent!).Id);
    }

    private static async Task<Item> OwnerAsync(ResolverContext context, List<string> batches)
    {
        var loader = context.BatchLoader<int, Item>("owner", async (keys, _) =>
        {
            lock (batches)
            {
                batches.Add($"owner:{keys.Count}");
            }
            await Task.Yield();
            return keys.ToDictionary(k => k, k => new Item(k));
        });
        return (await loader.LoadAsync(((Item)context.Parent!).Id % 50))!;
    }
}
