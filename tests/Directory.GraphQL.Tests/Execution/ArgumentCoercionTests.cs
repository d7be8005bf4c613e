using Directory.GraphQL.Errors;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.4.1 "Coercing Field Arguments" (graphql-js getArgumentValues / valueFromAST).</summary>
public sealed class ArgumentCoercionTests
{
    private static readonly GraphQL.Types.Schema Schema = CoercionSchema.Create();

    // Execution must cope with documents validation would reject (e.g. a schema changed under a persisted query).
    private static readonly GraphQL.Execution.ExecutorOptions Unvalidated = new() { ExposeExceptionMessages = true, Validate = (_, _) => [] };

    [Fact]
    public async Task Coerces_inline_input_objects_with_defaults_and_single_value_lists()
    {
        var result = await ExecuteAsync(Schema, """{ fieldWithObjectInput(input: {a: "foo", b: "bar", c: "baz"}) }""");
        result.Errors.ShouldBeEmpty();
        result.Data!["fieldWithObjectInput"].ShouldBe("""{"a":"foo","b":["bar"],"c":"baz","d":7}""");
    }

    [Fact]
    public async Task Substitutes_variables_inside_literals()
    {
        var result = await ExecuteAsync(
            Schema,
            """query ($v: String) { fieldWithObjectInput(input: {a: $v, c: "baz"}) }""",
            """{"v":"var"}""");
        result.Data!["fieldWithObjectInput"].ShouldBe("""{"a":"var","c":"baz","d":7}""");
    }

    [Fact]
    public async Task An_omitted_variable_inside_a_literal_leaves_the_field_out()
    {
        var result = await ExecuteAsync(Schema, """query ($v: String) { fieldWithObjectInput(input: {a: $v, c: "baz"}) }""", "{}");
        result.Data!["fieldWithObjectInput"].ShouldBe("""{"c":"baz","d":7}""");
    }

    [Fact]
    public async Task Uses_the_argument_default_when_omitted()
    {
        var result = await ExecuteAsync(Schema, "{ fieldWithDefaultArgumentValue }");
        result.Data!["fieldWithDefaultArgumentValue"].ShouldBe("\"Hello World\"");
    }

    [Fact]
    public async Task Uses_the_argument_default_when_the_variable_is_not_provided()
    {
        var result = await ExecuteAsync(Schema, "query ($v: String) { fieldWithDefaultArgumentValue(input: $v) }", "{}");
        result.Data!["fieldWithDefaultArgumentValue"].ShouldBe("\"Hello World\"");
    }

    [Fact]
    public async Task A_nullable_argument_without_value_is_absent()
    {
        var result = await ExecuteAsync(Schema, "{ fieldWithNullableStringInput }");
        result.ToJson().ShouldBe(Json("{'data':{'fieldWithNullableStringInput':null}}"));
    }

    [Fact]
    public async Task Reports_a_missing_required_argument_as_a_field_error()
    {
        var result = await ExecuteAsync(Schema, "{ fieldWithNonNullableStringInput }", options: Unvalidated);
        result.IsRequestError.ShouldBeFalse();
        result.Data!["fieldWithNonNullableStringInput"].ShouldBeNull();
        var error = result.Errors.Single();
        error.Message.ShouldBe("Argument \"input\" of required type \"String!\" was not provided.");
        error.Locations.Single().ShouldBe(new SourceLocation(1, 3));
        error.Path.ShouldBe(["fieldWithNonNullableStringInput"]);
    }

    [Fact]
    public async Task Reports_an_unprovided_variable_for_a_required_argument()
    {
        var result = await ExecuteAsync(Schema, "{ fieldWithNonNullableStringInput(input: $foo) }", options: Unvalidated);
        result.Errors.Single().Message.ShouldBe(
            "Argument \"input\" of required type \"String!\" was provided the variable \"$foo\" which was not provided a runtime value.");
        result.Errors.Single().Locations.Single().ShouldBe(new SourceLocation(1, 42));
    }

    [Fact]
    public async Task Reports_an_invalid_literal()
    {
        var result = await ExecuteAsync(Schema, "{ fieldWithIntInput(input: \"x\") }", options: Unvalidated);
        result.Errors.Single().Message.ShouldBe("Argument \"input\" has invalid value \"x\".");
        result.Errors.Single().Code.ShouldBe(ErrorCodes.BadUserInput);
    }

    [Fact]
    public async Task Coerces_enum_literals()
    {
        var result = await ExecuteAsync(Schema, "{ fieldWithColor(input: RED) }");
        result.Data!["fieldWithColor"].ShouldBe("\"RED\"");
    }

    [Fact]
    public async Task Coerces_list_literals_and_single_values()
    {
        (await ExecuteAsync(Schema, """{ list(input: ["A", null]) }""")).Data!["list"].ShouldBe("""["A",null]""");
        (await ExecuteAsync(Schema, """{ list(input: "A") }""")).Data!["list"].ShouldBe("""["A"]""");
    }

    [Fact]
    public async Task A_missing_variable_in_a_list_literal_becomes_null()
    {
        var result = await ExecuteAsync(Schema, """query ($v: String) { list(input: ["A", $v]) }""", "{}");
        result.Data!["list"].ShouldBe("""["A",null]""");
    }

    [Fact]
    public async Task OneOf_literals_accept_exactly_one_field()
    {
        (await ExecuteAsync(Schema, """{ fieldWithOneOf(input: {id: "1"}) }""")).Data!["fieldWithOneOf"].ShouldBe("""{"id":"1"}""");
        var two = await ExecuteAsync(Schema, """{ fieldWithOneOf(input: {id: "1", name: "x"}) }""", options: Unvalidated);
        two.Errors.Single().Message.ShouldMatch(@"^Argument ""input"" has invalid value \{ ?id: ""1"", name: ""x"" ?\}\.$");
    }

    [Fact]
    public async Task OneOf_through_a_variable_for_the_field()
    {
        var result = await ExecuteAsync(Schema, """query ($n: String!) { fieldWithOneOf(input: {name: $n}) }""", """{"n":"x"}""");
        result.Data!["fieldWithOneOf"].ShouldBe("""{"name":"x"}""");
    }
}
