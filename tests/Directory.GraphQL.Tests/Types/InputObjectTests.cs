using System.Text.Json;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// Spec §3.10 input objects and OneOf input objects: literal checking with paths, as graphql-js v17
/// <c>validateInputLiteral</c> reports it (expected messages and paths from graphql@17.1.0).
/// </summary>
public sealed class InputObjectTests
{
    private static readonly Schema Schema = SchemaBuilder.BuildForValidation(
        "type Query { a: Int } input Pick @oneOf { id: ID name: String nested: Inner } input Inner { x: Int! y: [Float] }");

    [Theory]
    [InlineData("{ id: \"1\" }", "[]")]
    [InlineData("{}", "[\"Within OneOf Input Object type \\\"Pick\\\", exactly one field must be specified, and the value for that field must be non-null. |[]\"]")]
    [InlineData("{ id: \"1\", name: \"x\" }", "[\"Within OneOf Input Object type \\\"Pick\\\", exactly one field must be specified, and the value for that field must be non-null. |[]\"]")]
    [InlineData("{ id: null }", "[\"Within OneOf Input Object type \\\"Pick\\\", exactly one field must be specified, and the value for that field must be non-null. |[\\\"id\\\"]\"]")]
    [InlineData("{ nested: { y: [1, \"z\"] } }", "[\"Expected value of type \\\"Inner\\\" to include required field \\\"x\\\", found: { y: [1, \\\"z\\\"] }. |[\\\"nested\\\"]\",\"Float cannot represent non numeric value: \\\"z\\\" |[\\\"nested\\\",\\\"y\\\",1]\"]")]
    [InlineData("{ nope: 1 }", "[\"Expected value of type \\\"Pick\\\" not to include unknown field \\\"nope\\\". Did you mean \\\"name\\\"? Found: { nope: 1 }. |[]\",\"Within OneOf Input Object type \\\"Pick\\\", exactly one field must be specified, and the value for that field must be non-null. |[]\"]")]
    [InlineData("\"str\"", "[\"Expected value of type \\\"Pick\\\" to be an object, found: \\\"str\\\". |[]\"]")]
    [InlineData("{ id: 1.5 }", "[\"ID cannot represent a non-string and non-integer value: 1.5 |[\\\"id\\\"]\"]")]
    public void Literals_are_checked_like_graphql_js(string literal, string expectedJson)
    {
        var problems = new List<string>();

        InputLiteralValidator.Validate(Parser.ParseConstValue(literal), Schema.GetType("Pick")!, (error, path) =>
            problems.Add(error.Message + " |" + JsonSerializer.Serialize(path)));

        problems.ShouldBe(JsonSerializer.Deserialize<List<string>>(expectedJson)!);
    }

    [Fact]
    public void One_of_input_objects_are_marked_and_their_fields_are_optional()
    {
        var pick = (InputObjectType)Schema.GetType("Pick")!;
        var inner = (InputObjectType)Schema.GetType("Inner")!;

        pick.IsOneOf.ShouldBeTrue();
        pick.Fields.ShouldAllBe(f => !f.IsRequired);
        inner.IsOneOf.ShouldBeFalse();
        inner.Fields["x"]!.IsRequired.ShouldBeTrue();
        inner.Fields["x"]!.ToString().ShouldBe("Inner.x");
    }
}
