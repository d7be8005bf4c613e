using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §7.1.2 "Errors": message, locations, path and extensions.code; unexpected exceptions hidden.</summary>
public sealed class ErrorFormattingTests
{
    private static readonly GraphQL.Types.Schema Schema = BuildSchema(
        """
        type Query { items: [Item], boom: String, typed: String, asyncBoom: String }
        type Item { id: Int, fails: String }
        """,
        b => b
            .Resolve("Query", "items", _ => new[] { new Dictionary<string, object?> { ["id"] = 1 }, new Dictionary<string, object?> { ["id"] = 2 } })
            .Resolve("Item", "fails", ctx => (int)((IReadOnlyDictionary<string, object?>)ctx.Parent!)["id"]! == 2
                ? throw new InvalidOperationException("secret connection string")
                : "ok")
            .Resolve("Query", "boom", (Func<ResolverContext, object?>)(_ => throw new InvalidOperationException("secret")))
            .Resolve("Query", "typed", (Func<ResolverContext, object?>)(_ => throw new GraphQLError(
                "Not allowed.", code: "FORBIDDEN", extensions: new Dictionary<string, object?> { ["reason"] = "role" })))
            .Resolve("Query", "asyncBoom", (FieldResolver)(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async secret");
            })));

    [Fact]
    public async Task Hides_unexpected_exception_messages_by_default()
    {
        var result = await ExecuteAsync(Schema, "{ boom asyncBoom }", options: new ExecutorOptions());
        result.Errors.Select(e => e.Message).ShouldBe(["Unexpected error.", "Unexpected error."]);
        result.Errors.ShouldAllBe(e => e.Code == ErrorCodes.InternalServerError);
        var json = result.ToJson();
        json.ShouldNotContain("secret");
        json.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Exposes_exception_messages_when_asked_never_stack_traces()
    {
        var result = await ExecuteAsync(Schema, "{ boom }", options: new ExecutorOptions { ExposeExceptionMessages = true });
        result.Errors.Single().Message.ShouldBe("secret");
        result.ToJson().ShouldNotContain("InvalidOperationException");
    }

    [Fact]
    public async Task Keeps_graphql_errors_with_their_extensions()
    {
        var result = await ExecuteAsync(Schema, "{ typed }", options: new ExecutorOptions());
        result.ToJson().ShouldBe(Json(
            "{'errors':[{'message':'Not allowed.','locations':[{'line':1,'column':3}],'path':['typed'],'extensions':{'reason':'role','code':'FORBIDDEN'}}],'data':{'typed':null}}"));
    }

    [Fact]
    public async Task Paths_include_list_indices_and_aliases()
    {
        var result = await ExecuteAsync(Schema, "{\n  things: items {\n    id\n    f: fails\n  }\n}", options: new ExecutorOptions());
        result.ToJson().ShouldBe(Json(
            "{'errors':[{'message':'Unexpected error.','locations':[{'line':4,'column':5}],'path':['things',1,'f'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}]," +
            "'data':{'things':[{'id':1,'f':'ok'},{'id':2,'f':null}]}}"));
    }
}
