using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// SDL document rules that graphql-js's buildASTSchema checks before building (assertValidSDL): unique names, known
/// types and directives, directive placement and arguments, valid extensions. Expected messages come from
/// graphql@17.1.0 <c>buildSchema(sdl)</c>, which throws them joined by blank lines.
/// </summary>
public sealed class SdlValidationTests
{
    [Theory]
    [InlineData("duplicate_type", "type Query { a: Int } type Query { b: Int }", "There can be only one type named \"Query\".")]
    [InlineData("unknown_type", "type Query { a: Strin b: [Orgnisation!] } type Organisation { id: ID }", "Unknown type \"Strin\". Did you mean \"String\"?\n\nUnknown type \"Orgnisation\". Did you mean \"Organisation\"?")]
    [InlineData("unknown_directive", "type Query { a: Int @nope }", "Unknown directive \"@nope\".")]
    [InlineData("misplaced_directive", "type Query @deprecated { a: Int } scalar S @oneOf", "Directive \"@deprecated\" may not be used on OBJECT.\n\nDirective \"@oneOf\" may not be used on SCALAR.")]
    [InlineData("extend_undefined", "type Query { a: Int } extend type Querx { b: Int }", "Cannot extend type \"Querx\" because it is not defined. Did you mean \"Query\"?")]
    [InlineData("extend_wrong_kind", "type Query { a: Int } enum E { A } extend type E { b: Int }", "Cannot extend non-object type \"E\".")]
    [InlineData("duplicate_field", "type Query { a: Int a: String } extend type Query { a: Float }", "Field \"Query.a\" can only be defined once.\n\nField \"Query.a\" can only be defined once.")]
    [InlineData("duplicate_enum_value", "type Query { e: E } enum E { A B A }", "Enum value \"E.A\" can only be defined once.")]
    [InlineData("duplicate_argument", "type Query { f(a: Int, a: Int): Int } directive @d(x: Int, x: Int) on FIELD", "Argument \"Query.f(a:)\" can only be defined once.\n\nArgument \"@d(x:)\" can only be defined once.")]
    [InlineData("missing_directive_arg", "type Query { a: Int } scalar S @specifiedBy", "Argument \"@specifiedBy(url:)\" of type \"String!\" is required, but it was not provided.")]
    [InlineData("unknown_directive_arg", "type Query { a: Int @deprecated(reasn: \"x\") }", "Unknown argument \"reasn\" on directive \"@deprecated\". Did you mean \"reason\"?")]
    [InlineData("non_repeatable_twice", "type Query { a: Int @deprecated @deprecated }", "The directive \"@deprecated\" can only be used once at this location.")]
    [InlineData("two_schema_definitions", "schema { query: Query } schema { query: Query } type Query { a: Int }", "Must provide only one schema definition.\n\nThere can be only one query type in schema.")]
    [InlineData("duplicate_operation_type", "schema { query: Query query: Query } type Query { a: Int }", "There can be only one query type in schema.")]
    [InlineData("duplicate_directive", "type Query { a: Int } directive @d on FIELD directive @d on QUERY", "There can be only one directive named \"@d\".")]
    [InlineData("duplicate_input_field", "type Query { a(i: I): Int } input I { x: Int x: Int }", "Field \"I.x\" can only be defined once.")]
    public void Rejects_invalid_sdl_with_graphql_js_messages(string rule, string sdl, string expected)
    {
        var error = Should.Throw<SchemaValidationException>(() => SchemaBuilder.BuildForValidation(sdl), rule);

        error.Message.ShouldBe(expected);
        error.Errors.ShouldAllBe(e => e.Locations.Count > 0);
    }
}
