using System.Globalization;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>Spec §3.5 custom scalars (hooks and pass-through) and §3.9 enum coercion with graphql-js's messages.</summary>
public sealed class CustomScalarAndEnumTests
{
    private const string Sdl = """
        type Query { on(date: Date, raw: Json): Date kind: Kind }
        scalar Date
        scalar Json
        enum Kind { LOCAL_AUTHORITY CHARITY POLICE }
        """;

    private static Schema WithDateHooks() => SchemaBuilder.FromSdl(Sdl)
        .Scalar(
            "Date",
            serialize: v => v is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : throw new GraphQLError($"Date cannot represent value: {ValueInspector.Inspect(v)}"),
            parseValue: v => v is string s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new GraphQLError($"Date cannot represent value: {ValueInspector.Inspect(v)}"),
            parseLiteral: node => node is StringValueNode s ? DateOnly.ParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture) : throw new GraphQLError("Date must be a string literal"))
        .Build(BuildOptions.TypesOnly);

    [Fact]
    public void Custom_scalar_hooks_coerce_inputs_and_results()
    {
        var date = (ScalarType)WithDateHooks().GetType("Date")!;

        date.ParseLiteral(new StringValueNode("2020-04-01")).ShouldBe(new DateOnly(2020, 4, 1));
        date.ParseValue("2020-04-01").ShouldBe(new DateOnly(2020, 4, 1));
        using var json = JsonDocument.Parse("\"2021-12-31\"");
        date.ParseValue(json.RootElement).ShouldBe(new DateOnly(2021, 12, 31));
        date.Serialize(new DateOnly(2020, 4, 1)).ShouldBe("2020-04-01");
        Should.Throw<GraphQLError>(() => date.ParseValue(5)).Message.ShouldBe("Date cannot represent value: 5");
        date.ParseValue(null).ShouldBeNull();
        date.ParseLiteral(new NullValueNode()).ShouldBeNull();
    }

    [Fact]
    public void Literals_of_a_scalar_with_only_a_parse_value_hook_go_through_it()
    {
        var schema = SchemaBuilder.FromSdl(Sdl)
            .Scalar("Date", parseValue: v => "parsed:" + v)
            .Build(BuildOptions.TypesOnly);

        ((ScalarType)schema.GetType("Date")!).ParseLiteral(new StringValueNode("x")).ShouldBe("parsed:x");
    }

    [Fact]
    public void Custom_scalars_without_hooks_pass_values_through_as_plain_data()
    {
        var raw = (ScalarType)SchemaBuilder.BuildForValidation(Sdl).GetType("Json")!;
        var literal = Parser.ParseValue("{ a: [1, 2.5, \"x\", true, null, ENUM], b: $v }");

        var parsed = raw.ParseLiteral(literal, new Dictionary<string, object?> { ["v"] = 7 }).ShouldBeOfType<Dictionary<string, object?>>();
        parsed["a"].ShouldBe(new List<object?> { 1L, 2.5, "x", true, null, "ENUM" });
        parsed["b"].ShouldBe(7);
        raw.Serialize(new DateOnly(2020, 1, 1)).ShouldBe(new DateOnly(2020, 1, 1));
        raw.SpecifiedByUrl.ShouldBeNull();
        using var json = JsonDocument.Parse("{\"a\": [1, 2.5], \"b\": \"x\"}");
        var fromJson = raw.ParseValue(json.RootElement).ShouldBeOfType<Dictionary<string, object?>>();
        fromJson["a"].ShouldBe(new List<object?> { 1L, 2.5 });
        fromJson["b"].ShouldBe("x");
    }

    [Fact]
    public void Enum_input_coercion_uses_graphql_js_messages()
    {
        var kind = (EnumType)SchemaBuilder.BuildForValidation(Sdl).GetType("Kind")!;

        Should.Throw<GraphQLError>(() => kind.ParseLiteral(new EnumValueNode("CHARTY"))).Message
            .ShouldBe("Value \"CHARTY\" does not exist in \"Kind\" enum. Did you mean the enum value \"CHARITY\"?");
        Should.Throw<GraphQLError>(() => kind.ParseLiteral(new StringValueNode("CHARITY"))).Message
            .ShouldBe("Enum \"Kind\" cannot represent non-enum value: \"CHARITY\". Did you mean the enum value \"CHARITY\"?");
        Should.Throw<GraphQLError>(() => kind.ParseLiteral(new StringValueNode("CHARITY"), hideSuggestions: true)).Message
            .ShouldBe("Enum \"Kind\" cannot represent non-enum value: \"CHARITY\".");
        Should.Throw<GraphQLError>(() => kind.ParseValue(1)).Message.ShouldBe("Enum \"Kind\" cannot represent non-string value: 1.");
        Should.Throw<GraphQLError>(() => kind.ParseValue("police")).Message
            .ShouldBe("Value \"police\" does not exist in \"Kind\" enum. Did you mean the enum value \"POLICE\"?");
        Should.Throw<GraphQLError>(() => kind.Serialize("NOPE")).Message.ShouldBe("Enum \"Kind\" cannot represent value: \"NOPE\"");
    }
}
