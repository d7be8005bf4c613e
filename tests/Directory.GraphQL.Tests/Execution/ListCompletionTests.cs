using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.4.3 "Value Completion" for lists: per-item paths and nullability (graphql-js lists-test.ts).</summary>
public sealed class ListCompletionTests
{
    private static GraphQL.Types.Schema Schema(object? value, bool async) => BuildSchema(
        """
        type Query {
          list: [Int]
          listNN: [Int!]
          nnList: [Int]!
          nnListNN: [Int!]!
          objects: [Item]
        }
        type Item { n: Int }
        """,
        b =>
        {
            foreach (var field in new[] { "list", "listNN", "nnList", "nnListNN" })
            {
                b.Resolve("Query", field, async ? (FieldResolver)(async _ => { await Task.Yield(); return value; }) : _ => new ValueTask<object?>(value));
            }
            b.Resolve("Query", "objects", _ => new object?[] { new Dictionary<string, object?> { ["n"] = 1 }, null, new Dictionary<string, object?> { ["n"] = 3 } });
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Completes_lists_with_nulls_according_to_item_nullability(bool async)
    {
        var values = new object?[] { 1, null, 2 };
        var result = await ExecuteAsync(Schema(values, async), "{ list nnList }");
        result.ToJson().ShouldBe(Json("{'data':{'list':[1,null,2],'nnList':[1,null,2]}}"));

        var listNN = await ExecuteAsync(Schema(values, async), "{ listNN }");
        listNN.Data!["listNN"].ShouldBeNull();
        listNN.Errors.Single().Message.ShouldBe("Cannot return null for non-nullable field Query.listNN.");
        listNN.Errors.Single().Path.ShouldBe(["listNN", 1]);

        var nnListNN = await ExecuteAsync(Schema(values, async), "{ nnListNN }");
        nnListNN.HasData.ShouldBeTrue();
        nnListNN.Data.ShouldBeNull();
        nnListNN.Errors.Single().Path.ShouldBe(["nnListNN", 1]);
    }

    [Fact]
    public async Task Accepts_any_enumerable()
    {
        var result = await ExecuteAsync(Schema(Enumerable.Range(1, 3).Select(i => i * 10), async: false), "{ list }");
        result.ToJson().ShouldBe(Json("{'data':{'list':[10,20,30]}}"));
    }

    [Fact]
    public async Task Rejects_a_non_list_value()
    {
        var result = await ExecuteAsync(Schema("not a list", async: false), "{ list }");
        result.Data!["list"].ShouldBeNull();
        result.Errors.Single().Message.ShouldBe("Expected Iterable, but did not find one for field \"Query.list\".");
    }

    [Fact]
    public async Task Item_errors_carry_the_item_index_in_their_path()
    {
        var result = await ExecuteAsync(Schema(new object?[] { 1, "x", 3 }, async: false), "{ list }");
        result.ToJson().ShouldBe(Json(
            "{'errors':[{'message':'Int cannot represent non-integer value: \\'x\\'','locations':[{'line':1,'column':3}],'path':['list',1],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],'data':{'list':[1,null,3]}}"
                .Replace("\\'", "\\\"")));
    }

    [Fact]
    public async Task Completes_lists_of_objects()
    {
        (await ExecuteJsonAsync(Schema(null, async: false), "{ objects { n } }"))
            .ShouldBe(Json("{'data':{'objects':[{'n':1},null,{'n':3}]}}"));
    }
}
