using System.Collections;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// <see cref="ExecutorOptions.CheckArguments"/>: the host's checks see every selected field's coerced arguments
/// (variables included, in fragments and skipped fields too) before any resolver runs, and can refuse the request.
/// </summary>
public sealed class ArgumentCheckTests
{
    private const string Sdl = """
        type Query { items(ids: [Int!], tag: String): [Item!]! }
        type Item { id: Int! children(ids: [Int!]): [Item!]! }
        """;

    private static (RequestExecutor Executor, List<string> Seen, List<string> Resolved) Build(int maxIds)
    {
        var seen = new List<string>();
        var resolved = new List<string>();
        var schema = BuildSchema(Sdl, b => b
            .Resolve("Query", "items", ctx => { resolved.Add("items"); return new[] { new Dictionary<string, object?> { ["id"] = 1 } }; })
            .Resolve("Item", "id", ctx => 1)
            .Resolve("Item", "children", ctx => { resolved.Add("children"); return Array.Empty<object>(); }));
        var executor = Executor(schema, new ExecutorOptions
        {
            CheckArguments = (field, arguments) =>
            {
                seen.Add(field.Name + ":" + string.Join(",", arguments.Keys));
                if (arguments.GetValueOrDefault("ids") is IList { Count: var count } && count > maxIds)
                {
                    throw new GraphQLError($"Too many ids: {count} > {maxIds}.", code: ErrorCodes.BadUserInput);
                }
            },
        });
        return (executor, seen, resolved);
    }

    [Fact]
    public async Task A_value_over_the_limit_in_a_variable_refuses_the_request_before_anything_resolves()
    {
        var (executor, _, resolved) = Build(maxIds: 3);

        var result = await executor.ExecuteAsync(Request(
            "query($ids: [Int!]) { items { id ...F } } fragment F on Item { children(ids: $ids) { id } }", """{"ids":[1,2,3,4,5]}"""));

        result.IsRequestError.ShouldBeTrue();
        result.ToJson().ShouldBe(Json("{'errors':[{'message':'Too many ids: 5 > 3.','locations':[{'line':1,'column':64}],'extensions':{'code':'BAD_USER_INPUT'}}]}"));
        resolved.ShouldBeEmpty();
    }

    [Fact]
    public async Task Fields_with_arguments_are_checked_once_each_including_skipped_ones_and_fragments()
    {
        var (executor, seen, _) = Build(maxIds: 3);

        var result = await executor.ExecuteAsync(Request(
            "query($no: Boolean!) { items(tag: \"a\") { ...F ... on Item { more: children(ids: [1]) { id } } } skipped: items(ids: [1, 2]) @include(if: $no) { id } } fragment F on Item { id children { id } } ",
            """{"no":false}"""));

        result.Errors.ShouldBeEmpty();
        seen.ShouldBe(["items:tag", "children:ids", "items:ids", "children:"], ignoreOrder: true);
    }

    [Fact]
    public async Task Within_the_limit_the_request_runs()
    {
        var (executor, _, resolved) = Build(maxIds: 3);

        var result = await executor.ExecuteAsync(Request("{ items(ids: [1, 2, 3]) { id } }"));

        result.ToJson().ShouldBe(Json("{'data':{'items':[{'id':1}]}}"));
        resolved.ShouldBe(["items"]);
    }
}
