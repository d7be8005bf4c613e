using Directory.GraphQL.Errors;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.1 "Executing Requests" — GetOperation.</summary>
public sealed class OperationSelectionTests
{
    private static readonly GraphQL.Types.Schema Schema = BuildSchema(
        "type Query { a: String } type Mutation { m: String }",
        b => b.Resolve("Query", "a", _ => "A").Resolve("Mutation", "m", _ => "M"));

    [Fact]
    public async Task Runs_the_only_operation_without_a_name()
    {
        (await ExecuteJsonAsync(Schema, "query Q { a }")).ShouldBe(Json("{'data':{'a':'A'}}"));
    }

    [Fact]
    public async Task Runs_the_named_operation()
    {
        var json = await ExecuteJsonAsync(Schema, "query Q { a } mutation M { m }", operationName: "M");
        json.ShouldBe(Json("{'data':{'m':'M'}}"));
    }

    [Fact]
    public async Task Requires_a_name_when_there_are_several_operations()
    {
        var result = await ExecuteAsync(Schema, "query Q { a } query R { a }");
        result.IsRequestError.ShouldBeTrue();
        result.Errors.Single().Message.ShouldBe("Must provide operation name if query contains multiple operations.");
        result.Errors.Single().Code.ShouldBe(ErrorCodes.OperationNotFound);
        result.ToJson().ShouldNotContain("\"data\"");
    }

    [Fact]
    public async Task Reports_an_unknown_operation_name()
    {
        var result = await ExecuteAsync(Schema, "query Q { a }", operationName: "X");
        result.IsRequestError.ShouldBeTrue();
        result.Errors.Single().Message.ShouldBe("Unknown operation named \"X\".");
    }

    [Fact]
    public async Task Requires_an_operation()
    {
        var result = await ExecuteAsync(Schema, "fragment F on Query { a }", options: new() { Validate = (_, _) => [] });
        result.IsRequestError.ShouldBeTrue();
        result.Errors.Single().Message.ShouldBe("Must provide an operation.");
    }

    [Fact]
    public async Task Missing_query_text_is_a_request_error()
    {
        var result = await Executor(Schema).ExecuteAsync(new GraphQL.Execution.GraphQLRequest { Query = " " });
        result.IsRequestError.ShouldBeTrue();
        result.Errors.Single().Message.ShouldBe("Must provide query string.");
    }

    [Fact]
    public async Task Syntax_errors_are_request_errors_with_a_location()
    {
        var result = await ExecuteAsync(Schema, "{ a ");
        result.IsRequestError.ShouldBeTrue();
        result.Errors.Single().Code.ShouldBe(ErrorCodes.SyntaxError);
        result.Errors.Single().Locations.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Validation_errors_are_request_errors()
    {
        var result = await ExecuteAsync(Schema, "{ nope }");
        result.IsRequestError.ShouldBeTrue();
        result.Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Reports_an_operation_type_the_schema_does_not_support()
    {
        var queryOnly = BuildSchema("type Query { a: String }");
        var result = await ExecuteAsync(queryOnly, "mutation { a }", options: new() { Validate = (_, _) => [] });
        result.HasData.ShouldBeTrue();
        result.Data.ShouldBeNull();
        result.Errors.Single().Message.ShouldBe("Schema is not configured to execute mutation operation.");
    }

    [Fact]
    public void Tells_the_operation_type_through_the_document_cache()
    {
        var executor = Executor(Schema);
        executor.GetOperationType(Request("query Q { a } mutation M { m }", operationName: "M")).ShouldBe(GraphQL.Language.OperationType.Mutation);
        executor.GetOperationType(Request("{ a }")).ShouldBe(GraphQL.Language.OperationType.Query);
        executor.GetOperationType(Request("query Q { a } mutation M { m }")).ShouldBeNull();
        executor.GetOperationType(Request("{ a ")).ShouldBeNull();
        executor.CachedDocumentCount.ShouldBe(2);
    }
}
