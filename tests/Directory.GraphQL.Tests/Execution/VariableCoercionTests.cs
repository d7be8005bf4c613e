using Directory.GraphQL.Errors;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.1.2 "Coercing Variable Values" (graphql-js values.ts / coerceInputValue.ts).</summary>
public sealed class VariableCoercionTests
{
    private static readonly GraphQL.Types.Schema Schema = CoercionSchema.Create();

    private const string ObjectQuery = """
        query q($input: TestInputObject) {
          fieldWithObjectInput(input: $input)
        }
        """;

    private static async Task<GraphQL.Execution.ExecutionResult> Run(string query, string variables) => await ExecuteAsync(Schema, query, variables);

    [Fact]
    public async Task Coerces_an_input_object_with_a_single_value_to_list_and_defaults()
    {
        var result = await Run(ObjectQuery, """{"input":{"a":"foo","b":"bar","c":"baz"}}""");
        result.Errors.ShouldBeEmpty();
        result.Data!["fieldWithObjectInput"].ShouldBe("""{"a":"foo","b":["bar"],"c":"baz","d":7}""");
    }

    [Fact]
    public async Task Uses_the_variable_default_when_not_provided()
    {
        var result = await Run("""query q($input: String = "Default value") { fieldWithNullableStringInput(input: $input) }""", "{}");
        result.Data!["fieldWithNullableStringInput"].ShouldBe("\"Default value\"");
    }

    [Fact]
    public async Task Explicit_null_overrides_the_default()
    {
        var result = await Run("""query q($input: String = "Default value") { fieldWithNullableStringInput(input: $input) }""", """{"input":null}""");
        result.Data!["fieldWithNullableStringInput"].ShouldBe("null");
    }

    [Fact]
    public async Task Reports_a_missing_required_variable()
    {
        var result = await Run("query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }", "{}");
        result.IsRequestError.ShouldBeTrue();
        var error = result.Errors.Single();
        error.Message.ShouldBe("Variable \"$value\" of required type \"String!\" was not provided.");
        error.Locations.Single().ShouldBe(new SourceLocation(1, 8));
        error.Code.ShouldBe(ErrorCodes.BadUserInput);
    }

    [Fact]
    public async Task Reports_null_for_a_non_null_variable()
    {
        var result = await Run("query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }", """{"value":null}""");
        result.Errors.Single().Message.ShouldBe("Variable \"$value\" of non-null type \"String!\" must not be null.");
    }

    [Fact]
    public async Task Reports_a_nested_null_with_its_path()
    {
        var result = await Run(ObjectQuery, """{"input":{"a":"foo","b":"bar","c":null}}""");
        result.IsRequestError.ShouldBeTrue();
        result.Errors.Single().Message.ShouldBe(
            "Variable \"$input\" got invalid value null at \"input.c\"; Expected non-nullable type \"String!\" not to be null.");
    }

    [Fact]
    public async Task Reports_a_non_object_for_an_input_object()
    {
        var result = await Run(ObjectQuery, """{"input":"foo bar"}""");
        result.Errors.Single().Message.ShouldBe(
            "Variable \"$input\" got invalid value \"foo bar\"; Expected type \"TestInputObject\" to be an object.");
    }

    [Fact]
    public async Task Reports_a_missing_nested_field()
    {
        var result = await Run(ObjectQuery, """{"input":{"a":"foo","b":"bar"}}""");
        result.Errors.Single().Message.ShouldBe(
            "Variable \"$input\" got invalid value { a: \"foo\", b: \"bar\" }; Field \"c\" of required type \"String!\" was not provided.");
    }

    [Fact]
    public async Task Reports_every_problem_of_a_deep_value()
    {
        var result = await Run(
            "query ($input: TestNestedInputObject) { fieldWithNestedInputObject(input: $input) }",
            """{"input":{"na":{"a":"foo"}}}""");
        result.Errors.Select(e => e.Message).ShouldBe(
        [
            "Variable \"$input\" got invalid value { a: \"foo\" } at \"input.na\"; Field \"c\" of required type \"String!\" was not provided.",
            "Variable \"$input\" got invalid value { na: { a: \"foo\" } }; Field \"nb\" of required type \"String!\" was not provided.",
        ]);
    }

    [Fact]
    public async Task Reports_an_unknown_field()
    {
        var result = await Run(ObjectQuery, """{"input":{"a":"foo","b":"bar","c":"baz","extra":"dog"}}""");
        result.Errors.Single().Message.ShouldStartWith(
            "Variable \"$input\" got invalid value { a: \"foo\", b: \"bar\", c: \"baz\", extra: \"dog\" }; Field \"extra\" is not defined by type \"TestInputObject\".");
    }

    [Fact]
    public async Task Reports_a_scalar_that_cannot_be_coerced()
    {
        var result = await Run("query ($value: Int) { fieldWithIntInput(input: $value) }", """{"value":"abc"}""");
        result.Errors.Single().Message.ShouldBe("Variable \"$value\" got invalid value \"abc\"; Int cannot represent non-integer value: \"abc\"");
    }

    [Fact]
    public async Task Reports_a_null_item_in_a_list_of_non_null()
    {
        var result = await Run("query ($input: [String!]) { listNN(input: $input) }", """{"input":["A",null,"B"]}""");
        result.Errors.Single().Message.ShouldBe(
            "Variable \"$input\" got invalid value null at \"input[1]\"; Expected non-nullable type \"String!\" not to be null.");
    }

    [Fact]
    public async Task Lists_accept_nulls_and_single_values()
    {
        (await Run("query ($input: [String]) { list(input: $input) }", """{"input":["A",null,"B"]}"""))
            .Data!["list"].ShouldBe("""["A",null,"B"]""");
        (await Run("query ($input: [String]) { list(input: $input) }", """{"input":"A"}"""))
            .Data!["list"].ShouldBe("""["A"]""");
        (await Run("query ($input: [String]!) { nnList(input: $input) }", """{"input":null}"""))
            .Errors.Single().Message.ShouldBe("Variable \"$input\" of non-null type \"[String]!\" must not be null.");
    }

    [Fact]
    public async Task Coerces_enum_values_from_their_names()
    {
        var ok = await Run("query ($c: Color) { fieldWithColor(input: $c) }", """{"c":"GREEN"}""");
        ok.Data!["fieldWithColor"].ShouldBe("\"GREEN\"");
        var bad = await Run("query ($c: Color) { fieldWithColor(input: $c) }", """{"c":"BLUE"}""");
        bad.Errors.Single().Message.ShouldStartWith("Variable \"$c\" got invalid value \"BLUE\"; Value \"BLUE\" does not exist in \"Color\" enum.");
    }

    [Fact]
    public async Task OneOf_variables_need_exactly_one_non_null_field()
    {
        var ok = await Run("query ($o: OneOfInput) { fieldWithOneOf(input: $o) }", """{"o":{"name":"x"}}""");
        ok.Data!["fieldWithOneOf"].ShouldBe("""{"name":"x"}""");
        var two = await Run("query ($o: OneOfInput) { fieldWithOneOf(input: $o) }", """{"o":{"name":"x","id":"1"}}""");
        two.Errors.Single().Message.ShouldBe(
            "Variable \"$o\" got invalid value { name: \"x\", id: \"1\" }; Exactly one key must be specified for OneOf type \"OneOfInput\".");
        var nullField = await Run("query ($o: OneOfInput) { fieldWithOneOf(input: $o) }", """{"o":{"name":null}}""");
        nullField.Errors.Single().Message.ShouldBe(
            "Variable \"$o\" got invalid value { name: null }; Field \"name\" must be non-null.");
    }
}
