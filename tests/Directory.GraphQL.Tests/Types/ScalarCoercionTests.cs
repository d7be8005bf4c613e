using System.Globalization;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// Spec §3.5 built-in scalars: input coercion of external values (CLR and JSON) and literals, and result coercion.
/// Every row's expected outcome and message was produced by graphql@17.1.0 (coerceInputValue, coerceOutputValue,
/// coerceInputLiteral) for the equivalent JavaScript value.
/// </summary>
public sealed class ScalarCoercionTests
{
    private static ScalarType Scalar(string name) => BuiltInScalars.Get(name)!;

    /// <summary>The CLR value standing for the JavaScript value written as <paramref name="label"/> (numbers are doubles, as in JS).</summary>
    private static object ClrValue(string label) => label switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "[1,2]" => new List<object?> { 1d, 2d },
        "{a:1}" => new Dictionary<string, object?> { ["a"] = 1d },
        "true" => true,
        "false" => false,
        _ when label.StartsWith('"') => label[1..^1],
        _ => double.Parse(label, CultureInfo.InvariantCulture),
    };

    private static string Outcome(Func<object?> coerce)
    {
        try
        {
            return "OK " + Describe(coerce());
        }
        catch (GraphQLError e)
        {
            return "ERR " + e.Message;
        }
    }

    // Results are compared by value: numbers as doubles (the JS side prints them with JSON.stringify).
    private static string Describe(object? value) => value switch
    {
        string s => StringLiteral.Json(s),
        bool b => b ? "true" : "false",
        int or double => ValueInspector.JsNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        _ => "unexpected " + value?.GetType().Name,
    };

    private static string Normalise(string expected) => expected.StartsWith("OK ", StringComparison.Ordinal) && expected.Length > 3 && expected[3] != '"' && expected[3] != 't' && expected[3] != 'f'
        ? "OK " + ValueInspector.JsNumber(double.Parse(expected[3..], CultureInfo.InvariantCulture))
        : expected;

    [Theory]
    [InlineData("Int", "coerceInputValue", "1", "OK 1")]
    [InlineData("Int", "coerceOutputValue", "1", "OK 1")]
    [InlineData("Int", "coerceInputValue", "1.5", "ERR Int cannot represent non-integer value: 1.5")]
    [InlineData("Int", "coerceOutputValue", "1.5", "ERR Int cannot represent non-integer value: 1.5")]
    [InlineData("Int", "coerceInputValue", "-0.0", "OK 0")]
    [InlineData("Int", "coerceOutputValue", "-0.0", "OK 0")]
    [InlineData("Int", "coerceInputValue", "1e21", "ERR Int cannot represent non 32-bit signed integer value: 1e+21")]
    [InlineData("Int", "coerceOutputValue", "1e21", "ERR Int cannot represent non 32-bit signed integer value: 1e+21")]
    [InlineData("Int", "coerceInputValue", "2147483648", "ERR Int cannot represent non 32-bit signed integer value: 2147483648")]
    [InlineData("Int", "coerceOutputValue", "2147483648", "ERR Int cannot represent non 32-bit signed integer value: 2147483648")]
    [InlineData("Int", "coerceInputValue", "\"1\"", "ERR Int cannot represent non-integer value: \"1\"")]
    [InlineData("Int", "coerceOutputValue", "\"1\"", "OK 1")]
    [InlineData("Int", "coerceInputValue", "\"abc\"", "ERR Int cannot represent non-integer value: \"abc\"")]
    [InlineData("Int", "coerceOutputValue", "\"abc\"", "ERR Int cannot represent non-integer value: \"abc\"")]
    [InlineData("Int", "coerceInputValue", "\"\"", "ERR Int cannot represent non-integer value: \"\"")]
    [InlineData("Int", "coerceOutputValue", "\"\"", "ERR Int cannot represent non-integer value: \"\"")]
    [InlineData("Int", "coerceInputValue", "true", "ERR Int cannot represent non-integer value: true")]
    [InlineData("Int", "coerceOutputValue", "true", "OK 1")]
    [InlineData("Int", "coerceInputValue", "false", "ERR Int cannot represent non-integer value: false")]
    [InlineData("Int", "coerceOutputValue", "false", "OK 0")]
    [InlineData("Int", "coerceInputValue", "NaN", "ERR Int cannot represent non-integer value: NaN")]
    [InlineData("Int", "coerceOutputValue", "NaN", "ERR Int cannot represent non-integer value: NaN")]
    [InlineData("Int", "coerceInputValue", "Infinity", "ERR Int cannot represent non-integer value: Infinity")]
    [InlineData("Int", "coerceOutputValue", "Infinity", "ERR Int cannot represent non-integer value: Infinity")]
    [InlineData("Int", "coerceInputValue", "[1,2]", "ERR Int cannot represent non-integer value: [1, 2]")]
    [InlineData("Int", "coerceOutputValue", "[1,2]", "ERR Int cannot represent non-integer value: [1, 2]")]
    [InlineData("Int", "coerceInputValue", "{a:1}", "ERR Int cannot represent non-integer value: { a: 1 }")]
    [InlineData("Int", "coerceOutputValue", "{a:1}", "ERR Int cannot represent non-integer value: { a: 1 }")]
    [InlineData("Int", "coerceInputValue", "1e-7", "ERR Int cannot represent non-integer value: 1e-7")]
    [InlineData("Int", "coerceOutputValue", "1e-7", "ERR Int cannot represent non-integer value: 1e-7")]
    [InlineData("Int", "coerceInputValue", "123456789012", "ERR Int cannot represent non 32-bit signed integer value: 123456789012")]
    [InlineData("Int", "coerceOutputValue", "123456789012", "ERR Int cannot represent non 32-bit signed integer value: 123456789012")]
    [InlineData("Float", "coerceInputValue", "1", "OK 1")]
    [InlineData("Float", "coerceOutputValue", "1", "OK 1")]
    [InlineData("Float", "coerceInputValue", "1.5", "OK 1.5")]
    [InlineData("Float", "coerceOutputValue", "1.5", "OK 1.5")]
    [InlineData("Float", "coerceInputValue", "-0.0", "OK 0")]
    [InlineData("Float", "coerceOutputValue", "-0.0", "OK 0")]
    [InlineData("Float", "coerceInputValue", "1e21", "OK 1e+21")]
    [InlineData("Float", "coerceOutputValue", "1e21", "OK 1e+21")]
    [InlineData("Float", "coerceInputValue", "2147483648", "OK 2147483648")]
    [InlineData("Float", "coerceOutputValue", "2147483648", "OK 2147483648")]
    [InlineData("Float", "coerceInputValue", "\"1\"", "ERR Float cannot represent non numeric value: \"1\"")]
    [InlineData("Float", "coerceOutputValue", "\"1\"", "OK 1")]
    [InlineData("Float", "coerceInputValue", "\"abc\"", "ERR Float cannot represent non numeric value: \"abc\"")]
    [InlineData("Float", "coerceOutputValue", "\"abc\"", "ERR Float cannot represent non numeric value: \"abc\"")]
    [InlineData("Float", "coerceInputValue", "\"\"", "ERR Float cannot represent non numeric value: \"\"")]
    [InlineData("Float", "coerceOutputValue", "\"\"", "ERR Float cannot represent non numeric value: \"\"")]
    [InlineData("Float", "coerceInputValue", "true", "ERR Float cannot represent non numeric value: true")]
    [InlineData("Float", "coerceOutputValue", "true", "OK 1")]
    [InlineData("Float", "coerceInputValue", "false", "ERR Float cannot represent non numeric value: false")]
    [InlineData("Float", "coerceOutputValue", "false", "OK 0")]
    [InlineData("Float", "coerceInputValue", "NaN", "ERR Float cannot represent non numeric value: NaN")]
    [InlineData("Float", "coerceOutputValue", "NaN", "ERR Float cannot represent non numeric value: NaN")]
    [InlineData("Float", "coerceInputValue", "Infinity", "ERR Float cannot represent non numeric value: Infinity")]
    [InlineData("Float", "coerceOutputValue", "Infinity", "ERR Float cannot represent non numeric value: Infinity")]
    [InlineData("Float", "coerceInputValue", "[1,2]", "ERR Float cannot represent non numeric value: [1, 2]")]
    [InlineData("Float", "coerceOutputValue", "[1,2]", "ERR Float cannot represent non numeric value: [1, 2]")]
    [InlineData("Float", "coerceInputValue", "{a:1}", "ERR Float cannot represent non numeric value: { a: 1 }")]
    [InlineData("Float", "coerceOutputValue", "{a:1}", "ERR Float cannot represent non numeric value: { a: 1 }")]
    [InlineData("Float", "coerceInputValue", "1e-7", "OK 1e-7")]
    [InlineData("Float", "coerceOutputValue", "1e-7", "OK 1e-7")]
    [InlineData("Float", "coerceInputValue", "123456789012", "OK 123456789012")]
    [InlineData("Float", "coerceOutputValue", "123456789012", "OK 123456789012")]
    [InlineData("String", "coerceInputValue", "1", "ERR String cannot represent a non string value: 1")]
    [InlineData("String", "coerceOutputValue", "1", "OK \"1\"")]
    [InlineData("String", "coerceInputValue", "1.5", "ERR String cannot represent a non string value: 1.5")]
    [InlineData("String", "coerceOutputValue", "1.5", "OK \"1.5\"")]
    [InlineData("String", "coerceInputValue", "-0.0", "ERR String cannot represent a non string value: 0")]
    [InlineData("String", "coerceOutputValue", "-0.0", "OK \"0\"")]
    [InlineData("String", "coerceInputValue", "1e21", "ERR String cannot represent a non string value: 1e+21")]
    [InlineData("String", "coerceOutputValue", "1e21", "OK \"1e+21\"")]
    [InlineData("String", "coerceInputValue", "2147483648", "ERR String cannot represent a non string value: 2147483648")]
    [InlineData("String", "coerceOutputValue", "2147483648", "OK \"2147483648\"")]
    [InlineData("String", "coerceInputValue", "\"1\"", "OK \"1\"")]
    [InlineData("String", "coerceOutputValue", "\"1\"", "OK \"1\"")]
    [InlineData("String", "coerceInputValue", "\"abc\"", "OK \"abc\"")]
    [InlineData("String", "coerceOutputValue", "\"abc\"", "OK \"abc\"")]
    [InlineData("String", "coerceInputValue", "\"\"", "OK \"\"")]
    [InlineData("String", "coerceOutputValue", "\"\"", "OK \"\"")]
    [InlineData("String", "coerceInputValue", "true", "ERR String cannot represent a non string value: true")]
    [InlineData("String", "coerceOutputValue", "true", "OK \"true\"")]
    [InlineData("String", "coerceInputValue", "false", "ERR String cannot represent a non string value: false")]
    [InlineData("String", "coerceOutputValue", "false", "OK \"false\"")]
    [InlineData("String", "coerceInputValue", "NaN", "ERR String cannot represent a non string value: NaN")]
    [InlineData("String", "coerceOutputValue", "NaN", "ERR String cannot represent value: NaN")]
    [InlineData("String", "coerceInputValue", "Infinity", "ERR String cannot represent a non string value: Infinity")]
    [InlineData("String", "coerceOutputValue", "Infinity", "ERR String cannot represent value: Infinity")]
    [InlineData("String", "coerceInputValue", "[1,2]", "ERR String cannot represent a non string value: [1, 2]")]
    [InlineData("String", "coerceOutputValue", "[1,2]", "ERR String cannot represent value: [1, 2]")]
    [InlineData("String", "coerceInputValue", "{a:1}", "ERR String cannot represent a non string value: { a: 1 }")]
    [InlineData("String", "coerceOutputValue", "{a:1}", "ERR String cannot represent value: { a: 1 }")]
    [InlineData("String", "coerceInputValue", "1e-7", "ERR String cannot represent a non string value: 1e-7")]
    [InlineData("String", "coerceOutputValue", "1e-7", "OK \"1e-7\"")]
    [InlineData("String", "coerceInputValue", "123456789012", "ERR String cannot represent a non string value: 123456789012")]
    [InlineData("String", "coerceOutputValue", "123456789012", "OK \"123456789012\"")]
    [InlineData("Boolean", "coerceInputValue", "1", "ERR Boolean cannot represent a non boolean value: 1")]
    [InlineData("Boolean", "coerceOutputValue", "1", "OK true")]
    [InlineData("Boolean", "coerceInputValue", "1.5", "ERR Boolean cannot represent a non boolean value: 1.5")]
    [InlineData("Boolean", "coerceOutputValue", "1.5", "OK true")]
    [InlineData("Boolean", "coerceInputValue", "-0.0", "ERR Boolean cannot represent a non boolean value: 0")]
    [InlineData("Boolean", "coerceOutputValue", "-0.0", "OK false")]
    [InlineData("Boolean", "coerceInputValue", "1e21", "ERR Boolean cannot represent a non boolean value: 1e+21")]
    [InlineData("Boolean", "coerceOutputValue", "1e21", "OK true")]
    [InlineData("Boolean", "coerceInputValue", "2147483648", "ERR Boolean cannot represent a non boolean value: 2147483648")]
    [InlineData("Boolean", "coerceOutputValue", "2147483648", "OK true")]
    [InlineData("Boolean", "coerceInputValue", "\"1\"", "ERR Boolean cannot represent a non boolean value: \"1\"")]
    [InlineData("Boolean", "coerceOutputValue", "\"1\"", "ERR Boolean cannot represent a non boolean value: \"1\"")]
    [InlineData("Boolean", "coerceInputValue", "\"abc\"", "ERR Boolean cannot represent a non boolean value: \"abc\"")]
    [InlineData("Boolean", "coerceOutputValue", "\"abc\"", "ERR Boolean cannot represent a non boolean value: \"abc\"")]
    [InlineData("Boolean", "coerceInputValue", "\"\"", "ERR Boolean cannot represent a non boolean value: \"\"")]
    [InlineData("Boolean", "coerceOutputValue", "\"\"", "ERR Boolean cannot represent a non boolean value: \"\"")]
    [InlineData("Boolean", "coerceInputValue", "true", "OK true")]
    [InlineData("Boolean", "coerceOutputValue", "true", "OK true")]
    [InlineData("Boolean", "coerceInputValue", "false", "OK false")]
    [InlineData("Boolean", "coerceOutputValue", "false", "OK false")]
    [InlineData("Boolean", "coerceInputValue", "NaN", "ERR Boolean cannot represent a non boolean value: NaN")]
    [InlineData("Boolean", "coerceOutputValue", "NaN", "ERR Boolean cannot represent a non boolean value: NaN")]
    [InlineData("Boolean", "coerceInputValue", "Infinity", "ERR Boolean cannot represent a non boolean value: Infinity")]
    [InlineData("Boolean", "coerceOutputValue", "Infinity", "ERR Boolean cannot represent a non boolean value: Infinity")]
    [InlineData("Boolean", "coerceInputValue", "[1,2]", "ERR Boolean cannot represent a non boolean value: [1, 2]")]
    [InlineData("Boolean", "coerceOutputValue", "[1,2]", "ERR Boolean cannot represent a non boolean value: [1, 2]")]
    [InlineData("Boolean", "coerceInputValue", "{a:1}", "ERR Boolean cannot represent a non boolean value: { a: 1 }")]
    [InlineData("Boolean", "coerceOutputValue", "{a:1}", "ERR Boolean cannot represent a non boolean value: { a: 1 }")]
    [InlineData("Boolean", "coerceInputValue", "1e-7", "ERR Boolean cannot represent a non boolean value: 1e-7")]
    [InlineData("Boolean", "coerceOutputValue", "1e-7", "OK true")]
    [InlineData("Boolean", "coerceInputValue", "123456789012", "ERR Boolean cannot represent a non boolean value: 123456789012")]
    [InlineData("Boolean", "coerceOutputValue", "123456789012", "OK true")]
    [InlineData("ID", "coerceInputValue", "1", "OK \"1\"")]
    [InlineData("ID", "coerceOutputValue", "1", "OK \"1\"")]
    [InlineData("ID", "coerceInputValue", "1.5", "ERR ID cannot represent value: 1.5")]
    [InlineData("ID", "coerceOutputValue", "1.5", "ERR ID cannot represent value: 1.5")]
    [InlineData("ID", "coerceInputValue", "-0.0", "OK \"0\"")]
    [InlineData("ID", "coerceOutputValue", "-0.0", "OK \"0\"")]
    [InlineData("ID", "coerceInputValue", "1e21", "OK \"1e+21\"")]
    [InlineData("ID", "coerceOutputValue", "1e21", "OK \"1e+21\"")]
    [InlineData("ID", "coerceInputValue", "2147483648", "OK \"2147483648\"")]
    [InlineData("ID", "coerceOutputValue", "2147483648", "OK \"2147483648\"")]
    [InlineData("ID", "coerceInputValue", "\"1\"", "OK \"1\"")]
    [InlineData("ID", "coerceOutputValue", "\"1\"", "OK \"1\"")]
    [InlineData("ID", "coerceInputValue", "\"abc\"", "OK \"abc\"")]
    [InlineData("ID", "coerceOutputValue", "\"abc\"", "OK \"abc\"")]
    [InlineData("ID", "coerceInputValue", "\"\"", "OK \"\"")]
    [InlineData("ID", "coerceOutputValue", "\"\"", "OK \"\"")]
    [InlineData("ID", "coerceInputValue", "true", "ERR ID cannot represent value: true")]
    [InlineData("ID", "coerceOutputValue", "true", "ERR ID cannot represent value: true")]
    [InlineData("ID", "coerceInputValue", "false", "ERR ID cannot represent value: false")]
    [InlineData("ID", "coerceOutputValue", "false", "ERR ID cannot represent value: false")]
    [InlineData("ID", "coerceInputValue", "NaN", "ERR ID cannot represent value: NaN")]
    [InlineData("ID", "coerceOutputValue", "NaN", "ERR ID cannot represent value: NaN")]
    [InlineData("ID", "coerceInputValue", "Infinity", "ERR ID cannot represent value: Infinity")]
    [InlineData("ID", "coerceOutputValue", "Infinity", "ERR ID cannot represent value: Infinity")]
    [InlineData("ID", "coerceInputValue", "[1,2]", "ERR ID cannot represent value: [1, 2]")]
    [InlineData("ID", "coerceOutputValue", "[1,2]", "ERR ID cannot represent value: [1, 2]")]
    [InlineData("ID", "coerceInputValue", "{a:1}", "ERR ID cannot represent value: { a: 1 }")]
    [InlineData("ID", "coerceOutputValue", "{a:1}", "ERR ID cannot represent value: { a: 1 }")]
    [InlineData("ID", "coerceInputValue", "1e-7", "ERR ID cannot represent value: 1e-7")]
    [InlineData("ID", "coerceOutputValue", "1e-7", "ERR ID cannot represent value: 1e-7")]
    [InlineData("ID", "coerceInputValue", "123456789012", "OK \"123456789012\"")]
    [InlineData("ID", "coerceOutputValue", "123456789012", "OK \"123456789012\"")]
    public void Coerces_external_values_like_graphql_js(string scalar, string method, string label, string expected)
    {
        var type = Scalar(scalar);
        var value = ClrValue(label);

        var outcome = method == "coerceInputValue" ? Outcome(() => type.ParseValue(value)) : Outcome(() => type.Serialize(value));

        outcome.ShouldBe(Normalise(expected));
    }

    [Theory]
    [InlineData("Int", "1", "OK 1")]
    [InlineData("Int", "1.5", "ERR Int cannot represent non-integer value: 1.5")]
    [InlineData("Int", "-0.0", "OK 0")]
    [InlineData("Int", "1e21", "ERR Int cannot represent non 32-bit signed integer value: 1e+21")]
    [InlineData("Int", "2147483648", "ERR Int cannot represent non 32-bit signed integer value: 2147483648")]
    [InlineData("Int", "\"1\"", "ERR Int cannot represent non-integer value: \"1\"")]
    [InlineData("Int", "\"abc\"", "ERR Int cannot represent non-integer value: \"abc\"")]
    [InlineData("Int", "\"\"", "ERR Int cannot represent non-integer value: \"\"")]
    [InlineData("Int", "true", "ERR Int cannot represent non-integer value: true")]
    [InlineData("Int", "false", "ERR Int cannot represent non-integer value: false")]
    [InlineData("Int", "[1,2]", "ERR Int cannot represent non-integer value: [1, 2]")]
    [InlineData("Int", "{a:1}", "ERR Int cannot represent non-integer value: { a: 1 }")]
    [InlineData("Int", "1e-7", "ERR Int cannot represent non-integer value: 1e-7")]
    [InlineData("Int", "123456789012", "ERR Int cannot represent non 32-bit signed integer value: 123456789012")]
    [InlineData("Float", "1", "OK 1")]
    [InlineData("Float", "1.5", "OK 1.5")]
    [InlineData("Float", "-0.0", "OK 0")]
    [InlineData("Float", "1e21", "OK 1e+21")]
    [InlineData("Float", "2147483648", "OK 2147483648")]
    [InlineData("Float", "\"1\"", "ERR Float cannot represent non numeric value: \"1\"")]
    [InlineData("Float", "\"abc\"", "ERR Float cannot represent non numeric value: \"abc\"")]
    [InlineData("Float", "\"\"", "ERR Float cannot represent non numeric value: \"\"")]
    [InlineData("Float", "true", "ERR Float cannot represent non numeric value: true")]
    [InlineData("Float", "false", "ERR Float cannot represent non numeric value: false")]
    [InlineData("Float", "[1,2]", "ERR Float cannot represent non numeric value: [1, 2]")]
    [InlineData("Float", "{a:1}", "ERR Float cannot represent non numeric value: { a: 1 }")]
    [InlineData("Float", "1e-7", "OK 1e-7")]
    [InlineData("Float", "123456789012", "OK 123456789012")]
    [InlineData("String", "1", "ERR String cannot represent a non string value: 1")]
    [InlineData("String", "1.5", "ERR String cannot represent a non string value: 1.5")]
    [InlineData("String", "-0.0", "ERR String cannot represent a non string value: 0")]
    [InlineData("String", "1e21", "ERR String cannot represent a non string value: 1e+21")]
    [InlineData("String", "2147483648", "ERR String cannot represent a non string value: 2147483648")]
    [InlineData("String", "\"1\"", "OK \"1\"")]
    [InlineData("String", "\"abc\"", "OK \"abc\"")]
    [InlineData("String", "\"\"", "OK \"\"")]
    [InlineData("String", "true", "ERR String cannot represent a non string value: true")]
    [InlineData("String", "false", "ERR String cannot represent a non string value: false")]
    [InlineData("String", "[1,2]", "ERR String cannot represent a non string value: [1, 2]")]
    [InlineData("String", "{a:1}", "ERR String cannot represent a non string value: { a: 1 }")]
    [InlineData("String", "1e-7", "ERR String cannot represent a non string value: 1e-7")]
    [InlineData("String", "123456789012", "ERR String cannot represent a non string value: 123456789012")]
    [InlineData("Boolean", "1", "ERR Boolean cannot represent a non boolean value: 1")]
    [InlineData("Boolean", "1.5", "ERR Boolean cannot represent a non boolean value: 1.5")]
    [InlineData("Boolean", "-0.0", "ERR Boolean cannot represent a non boolean value: 0")]
    [InlineData("Boolean", "1e21", "ERR Boolean cannot represent a non boolean value: 1e+21")]
    [InlineData("Boolean", "2147483648", "ERR Boolean cannot represent a non boolean value: 2147483648")]
    [InlineData("Boolean", "\"1\"", "ERR Boolean cannot represent a non boolean value: \"1\"")]
    [InlineData("Boolean", "\"abc\"", "ERR Boolean cannot represent a non boolean value: \"abc\"")]
    [InlineData("Boolean", "\"\"", "ERR Boolean cannot represent a non boolean value: \"\"")]
    [InlineData("Boolean", "true", "OK true")]
    [InlineData("Boolean", "false", "OK false")]
    [InlineData("Boolean", "[1,2]", "ERR Boolean cannot represent a non boolean value: [1, 2]")]
    [InlineData("Boolean", "{a:1}", "ERR Boolean cannot represent a non boolean value: { a: 1 }")]
    [InlineData("Boolean", "1e-7", "ERR Boolean cannot represent a non boolean value: 1e-7")]
    [InlineData("Boolean", "123456789012", "ERR Boolean cannot represent a non boolean value: 123456789012")]
    [InlineData("ID", "1", "OK \"1\"")]
    [InlineData("ID", "1.5", "ERR ID cannot represent value: 1.5")]
    [InlineData("ID", "-0.0", "OK \"0\"")]
    [InlineData("ID", "1e21", "OK \"1e+21\"")]
    [InlineData("ID", "2147483648", "OK \"2147483648\"")]
    [InlineData("ID", "\"1\"", "OK \"1\"")]
    [InlineData("ID", "\"abc\"", "OK \"abc\"")]
    [InlineData("ID", "\"\"", "OK \"\"")]
    [InlineData("ID", "true", "ERR ID cannot represent value: true")]
    [InlineData("ID", "false", "ERR ID cannot represent value: false")]
    [InlineData("ID", "[1,2]", "ERR ID cannot represent value: [1, 2]")]
    [InlineData("ID", "{a:1}", "ERR ID cannot represent value: { a: 1 }")]
    [InlineData("ID", "1e-7", "ERR ID cannot represent value: 1e-7")]
    [InlineData("ID", "123456789012", "OK \"123456789012\"")]
    public void Coerces_json_variables_like_graphql_js(string scalar, string label, string expected)
    {
        var json = label == "{a:1}" ? "{\"a\":1}" : label;
        using var document = JsonDocument.Parse(json);

        Outcome(() => Scalar(scalar).ParseValue(document.RootElement.Clone())).ShouldBe(Normalise(expected));
    }

    [Theory]
    [InlineData("Int", "1", "OK 1")]
    [InlineData("Int", "1.5", "ERR Int cannot represent non-integer value: 1.5")]
    [InlineData("Int", "\"1\"", "ERR Int cannot represent non-integer value: \"1\"")]
    [InlineData("Int", "true", "ERR Int cannot represent non-integer value: true")]
    [InlineData("Int", "ENUM", "ERR Int cannot represent non-integer value: ENUM")]
    [InlineData("Int", "[1, 2]", "ERR Int cannot represent non-integer value: [1, 2]")]
    [InlineData("Int", "{a: 1}", "ERR Int cannot represent non-integer value: { a: 1 }")]
    [InlineData("Int", "2147483648", "ERR Int cannot represent non 32-bit signed integer value: 2147483648")]
    [InlineData("Int", "\"\"\"blk\"\"\"", "ERR Int cannot represent non-integer value: \"\"\"blk\"\"\"")]
    [InlineData("Float", "1", "OK 1")]
    [InlineData("Float", "1.5", "OK 1.5")]
    [InlineData("Float", "\"1\"", "ERR Float cannot represent non numeric value: \"1\"")]
    [InlineData("Float", "true", "ERR Float cannot represent non numeric value: true")]
    [InlineData("Float", "ENUM", "ERR Float cannot represent non numeric value: ENUM")]
    [InlineData("Float", "[1, 2]", "ERR Float cannot represent non numeric value: [1, 2]")]
    [InlineData("Float", "{a: 1}", "ERR Float cannot represent non numeric value: { a: 1 }")]
    [InlineData("Float", "2147483648", "OK 2147483648")]
    [InlineData("Float", "\"\"\"blk\"\"\"", "ERR Float cannot represent non numeric value: \"\"\"blk\"\"\"")]
    [InlineData("String", "1", "ERR String cannot represent a non string value: 1")]
    [InlineData("String", "1.5", "ERR String cannot represent a non string value: 1.5")]
    [InlineData("String", "\"1\"", "OK \"1\"")]
    [InlineData("String", "true", "ERR String cannot represent a non string value: true")]
    [InlineData("String", "ENUM", "ERR String cannot represent a non string value: ENUM")]
    [InlineData("String", "[1, 2]", "ERR String cannot represent a non string value: [1, 2]")]
    [InlineData("String", "{a: 1}", "ERR String cannot represent a non string value: { a: 1 }")]
    [InlineData("String", "2147483648", "ERR String cannot represent a non string value: 2147483648")]
    [InlineData("String", "\"\"\"blk\"\"\"", "OK \"blk\"")]
    [InlineData("Boolean", "1", "ERR Boolean cannot represent a non boolean value: 1")]
    [InlineData("Boolean", "1.5", "ERR Boolean cannot represent a non boolean value: 1.5")]
    [InlineData("Boolean", "\"1\"", "ERR Boolean cannot represent a non boolean value: \"1\"")]
    [InlineData("Boolean", "true", "OK true")]
    [InlineData("Boolean", "ENUM", "ERR Boolean cannot represent a non boolean value: ENUM")]
    [InlineData("Boolean", "[1, 2]", "ERR Boolean cannot represent a non boolean value: [1, 2]")]
    [InlineData("Boolean", "{a: 1}", "ERR Boolean cannot represent a non boolean value: { a: 1 }")]
    [InlineData("Boolean", "2147483648", "ERR Boolean cannot represent a non boolean value: 2147483648")]
    [InlineData("Boolean", "\"\"\"blk\"\"\"", "ERR Boolean cannot represent a non boolean value: \"\"\"blk\"\"\"")]
    [InlineData("ID", "1", "OK \"1\"")]
    [InlineData("ID", "1.5", "ERR ID cannot represent a non-string and non-integer value: 1.5")]
    [InlineData("ID", "\"1\"", "OK \"1\"")]
    [InlineData("ID", "true", "ERR ID cannot represent a non-string and non-integer value: true")]
    [InlineData("ID", "ENUM", "ERR ID cannot represent a non-string and non-integer value: ENUM")]
    [InlineData("ID", "[1, 2]", "ERR ID cannot represent a non-string and non-integer value: [1, 2]")]
    [InlineData("ID", "{a: 1}", "ERR ID cannot represent a non-string and non-integer value: { a: 1 }")]
    [InlineData("ID", "2147483648", "OK \"2147483648\"")]
    [InlineData("ID", "\"\"\"blk\"\"\"", "OK \"blk\"")]
    public void Coerces_literals_like_graphql_js(string scalar, string literal, string expected)
    {
        var node = Parser.ParseConstValue(literal);

        Outcome(() => Scalar(scalar).ParseLiteral(node)).ShouldBe(Normalise(expected));
    }
}
