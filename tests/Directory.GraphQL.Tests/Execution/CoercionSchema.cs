using System.Text.Json;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>A schema in the spirit of graphql-js's variables tests: every field echoes its coerced argument as JSON.</summary>
internal static class CoercionSchema
{
    public const string Sdl = """
        input TestInputObject { a: String, b: [String], c: String!, d: Int = 7 }
        input TestNestedInputObject { na: TestInputObject!, nb: String! }
        input OneOfInput @oneOf { id: ID, name: String }
        enum Color { RED, GREEN }
        type Query {
          fieldWithObjectInput(input: TestInputObject): String
          fieldWithNullableStringInput(input: String): String
          fieldWithNonNullableStringInput(input: String!): String
          fieldWithDefaultArgumentValue(input: String = "Hello World"): String
          fieldWithNestedInputObject(input: TestNestedInputObject): String
          fieldWithIntInput(input: Int): String
          fieldWithColor(input: Color): String
          fieldWithOneOf(input: OneOfInput): String
          list(input: [String]): String
          nnList(input: [String]!): String
          listNN(input: [String!]): String
          nnListNN(input: [String!]!): String
        }
        """;

    public static Schema Create() => ExecutionHarness.BuildSchema(Sdl, builder =>
    {
        foreach (var field in new[]
        {
            "fieldWithObjectInput", "fieldWithNullableStringInput", "fieldWithNonNullableStringInput",
            "fieldWithDefaultArgumentValue", "fieldWithNestedInputObject", "fieldWithIntInput", "fieldWithColor",
            "fieldWithOneOf", "list", "nnList", "listNN", "nnListNN",
        })
        {
            builder.Resolve("Query", field, Echo);
        }
    });

    private static object? Echo(ResolverContext context) =>
        context.Arguments.TryGetValue("input", out var value) ? JsonSerializer.Serialize(value) : null;
}
