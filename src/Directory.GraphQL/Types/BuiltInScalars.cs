using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>
/// The five scalars of spec §3.5 with the coercion rules and messages of graphql-js v17 (<c>type/scalars.ts</c>).
/// CLR numbers are treated like JavaScript numbers (double, float, decimal, JSON numbers) or bigints (integral
/// CLR types, which are exact), so a 64-bit value never silently loses precision.
/// </summary>
internal static class BuiltInScalars
{
    public const int MaxInt = int.MaxValue;
    public const int MinInt = int.MinValue;

    public static ScalarType Int { get; } = new(
        "Int",
        "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1.",
        SerializeInt,
        ParseIntValue,
        ParseIntLiteral,
        isBuiltIn: true);

    public static ScalarType Float { get; } = new(
        "Float",
        "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).",
        SerializeFloat,
        ParseFloatValue,
        ParseFloatLiteral,
        isBuiltIn: true);

    public static ScalarType String { get; } = new(
        "String",
        "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text.",
        SerializeString,
        ParseStringValue,
        ParseStringLiteral,
        isBuiltIn: true);

    public static ScalarType Boolean { get; } = new(
        "Boolean",
        "The `Boolean` scalar type represents `true` or `false`.",
        SerializeBoolean,
        ParseBooleanValue,
        ParseBooleanLiteral,
        isBuiltIn: true);

    public static ScalarType ID { get; } = new(
        "ID",
        "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID.",
        SerializeId,
        ParseIdValue,
        ParseIdLiteral,
        isBuiltIn: true);

    /// <summary>In the order graphql-js lists them (String, Int, Float, Boolean, ID).</summary>
    public static IReadOnlyList<ScalarType> All { get; } = [String, Int, Float, Boolean, ID];

    public static bool IsBuiltInScalarName(string name) => name is "String" or "Int" or "Float" or "Boolean" or "ID";

    public static ScalarType? Get(string name) => name switch
    {
        "String" => String,
        "Int" => Int,
        "Float" => Float,
        "Boolean" => Boolean,
        "ID" => ID,
        _ => null,
    };

    // A value classified the way JavaScript sees it.
    private enum NumberKind
    {
        None,
        Number,
        BigInt,
    }

    private static NumberKind Classify(object value, out double number, out BigInteger integer)
    {
        number = 0;
        integer = default;
        switch (value)
        {
            case int i: integer = i; return NumberKind.BigInt;
            case long l: integer = l; return NumberKind.BigInt;
            case short s: integer = s; return NumberKind.BigInt;
            case byte b: integer = b; return NumberKind.BigInt;
            case sbyte sb: integer = sb; return NumberKind.BigInt;
            case ushort us: integer = us; return NumberKind.BigInt;
            case uint ui: integer = ui; return NumberKind.BigInt;
            case ulong ul: integer = ul; return NumberKind.BigInt;
            case BigInteger bi: integer = bi; return NumberKind.BigInt;
            case double d: number = d; return NumberKind.Number;
            case float f: number = f; return NumberKind.Number;
            case decimal m: number = (double)m; return NumberKind.Number;
            case JsonElement { ValueKind: JsonValueKind.Number } e: number = e.GetDouble(); return NumberKind.Number;
            default: return NumberKind.None;
        }
    }

    private static string? AsString(object value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static bool? AsBoolean(object value) => value switch
    {
        bool b => b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    private static string Inspect(object? value) => ValueInspector.Inspect(value);

    private static GraphQLError Error(string message) => new(message, code: ErrorCodes.BadUserInput);

    private static GraphQLError LiteralError(string message, ValueNode node) => GraphQLError.At(message, ErrorCodes.BadUserInput, node);

    // ---- Int

    private static int IntFromNumber(double value)
    {
        if (!double.IsFinite(value) || Math.Floor(value) != value)
        {
            throw Error($"Int cannot represent non-integer value: {Inspect(value)}");
        }
        if (value > MaxInt || value < MinInt)
        {
            throw Error($"Int cannot represent non 32-bit signed integer value: {Inspect(value)}");
        }
        return (int)value;
    }

    private static int IntFromBigInt(BigInteger value)
    {
        if (value > MaxInt || value < MinInt)
        {
            throw Error($"Int cannot represent non 32-bit signed integer value: {value.ToString(CultureInfo.InvariantCulture)}");
        }
        return (int)value;
    }

    private static object? SerializeInt(object value)
    {
        switch (Classify(value, out var number, out var integer))
        {
            case NumberKind.Number: return IntFromNumber(number);
            case NumberKind.BigInt: return IntFromBigInt(integer);
        }
        if (AsBoolean(value) is { } b)
        {
            return b ? 1 : 0;
        }
        if (AsString(value) is { } s)
        {
            if (s.Length == 0 || !TryJsNumber(s, out var parsed) || !double.IsFinite(parsed) || Math.Floor(parsed) != parsed)
            {
                throw Error($"Int cannot represent non-integer value: {Inspect(s)}");
            }
            if (parsed > MaxInt || parsed < MinInt)
            {
                throw Error($"Int cannot represent non 32-bit signed integer value: {Inspect(s)}");
            }
            return (int)parsed;
        }
        throw Error($"Int cannot represent non-integer value: {Inspect(value)}");
    }

    private static object? ParseIntValue(object value) => Classify(value, out var number, out var integer) switch
    {
        NumberKind.Number => IntFromNumber(number),
        NumberKind.BigInt => IntFromBigInt(integer),
        _ => throw Error($"Int cannot represent non-integer value: {Inspect(value)}"),
    };

    private static object? ParseIntLiteral(ValueNode node)
    {
        if (node is not IntValueNode i)
        {
            throw LiteralError($"Int cannot represent non-integer value: {ValuePrinter.Print(node)}", node);
        }
        if (!int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            throw LiteralError($"Int cannot represent non 32-bit signed integer value: {i.Value}", node);
        }
        return result;
    }

    // ---- Float

    private static double FloatFromNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw Error($"Float cannot represent non numeric value: {Inspect(value)}");
        }
        return value;
    }

    private static double FloatFromBigInt(BigInteger value)
    {
        var number = (double)value;
        if (!double.IsFinite(number))
        {
            throw Error($"Float cannot represent non numeric value: {value.ToString(CultureInfo.InvariantCulture)} (value is too large)");
        }
        if (new BigInteger(number) != value)
        {
            throw Error($"Float cannot represent non numeric value: {value.ToString(CultureInfo.InvariantCulture)} (value would lose precision)");
        }
        return number;
    }

    private static object? SerializeFloat(object value)
    {
        switch (Classify(value, out var number, out var integer))
        {
            case NumberKind.Number: return FloatFromNumber(number);
            case NumberKind.BigInt: return FloatFromBigInt(integer);
        }
        if (AsBoolean(value) is { } b)
        {
            return b ? 1d : 0d;
        }
        if (AsString(value) is { } s)
        {
            if (s.Length == 0 || !TryJsNumber(s, out var parsed) || !double.IsFinite(parsed))
            {
                throw Error($"Float cannot represent non numeric value: {Inspect(s)}");
            }
            return parsed;
        }
        throw Error($"Float cannot represent non numeric value: {Inspect(value)}");
    }

    private static object? ParseFloatValue(object value) => Classify(value, out var number, out var integer) switch
    {
        NumberKind.Number => FloatFromNumber(number),
        NumberKind.BigInt => FloatFromBigInt(integer),
        _ => throw Error($"Float cannot represent non numeric value: {Inspect(value)}"),
    };

    private static object? ParseFloatLiteral(ValueNode node) => node switch
    {
        FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
        IntValueNode i => double.Parse(i.Value, CultureInfo.InvariantCulture),
        _ => throw LiteralError($"Float cannot represent non numeric value: {ValuePrinter.Print(node)}", node),
    };

    // ---- String

    private static object? SerializeString(object value)
    {
        if (AsString(value) is { } s)
        {
            return s;
        }
        if (AsBoolean(value) is { } b)
        {
            return b ? "true" : "false";
        }
        switch (Classify(value, out var number, out var integer))
        {
            case NumberKind.Number:
                if (!double.IsFinite(number))
                {
                    throw Error($"String cannot represent value: {Inspect(value)}");
                }
                return ValueInspector.JsNumber(number);
            case NumberKind.BigInt:
                return integer.ToString(CultureInfo.InvariantCulture);
        }
        // .NET additions with an unambiguous textual form (JavaScript has no equivalents).
        return value switch
        {
            char c => c.ToString(),
            Guid g => g.ToString(),
            _ => throw Error($"String cannot represent value: {Inspect(value)}"),
        };
    }

    private static object? ParseStringValue(object value) =>
        AsString(value) ?? throw Error($"String cannot represent a non string value: {Inspect(value)}");

    private static object? ParseStringLiteral(ValueNode node) => node is StringValueNode s
        ? s.Value
        : throw LiteralError($"String cannot represent a non string value: {ValuePrinter.Print(node)}", node);

    // ---- Boolean

    private static object? SerializeBoolean(object value)
    {
        if (AsBoolean(value) is { } b)
        {
            return b;
        }
        switch (Classify(value, out var number, out var integer))
        {
            case NumberKind.Number:
                if (!double.IsFinite(number))
                {
                    throw Error($"Boolean cannot represent a non boolean value: {Inspect(value)}");
                }
                return number != 0;
            case NumberKind.BigInt:
                return !integer.IsZero;
        }
        throw Error($"Boolean cannot represent a non boolean value: {Inspect(value)}");
    }

    private static object? ParseBooleanValue(object value) =>
        AsBoolean(value) ?? throw Error($"Boolean cannot represent a non boolean value: {Inspect(value)}");

    private static object? ParseBooleanLiteral(ValueNode node) => node is BooleanValueNode b
        ? b.Value
        : throw LiteralError($"Boolean cannot represent a non boolean value: {ValuePrinter.Print(node)}", node);

    // ---- ID

    private static string IdFromNumber(double value)
    {
        if (!double.IsFinite(value) || Math.Floor(value) != value)
        {
            throw Error($"ID cannot represent value: {Inspect(value)}");
        }
        return ValueInspector.JsNumber(value);
    }

    private static object? SerializeId(object value)
    {
        if (AsString(value) is { } s)
        {
            return s;
        }
        switch (Classify(value, out var number, out var integer))
        {
            case NumberKind.Number: return IdFromNumber(number);
            case NumberKind.BigInt: return integer.ToString(CultureInfo.InvariantCulture);
        }
        return value is Guid g ? g.ToString() : throw Error($"ID cannot represent value: {Inspect(value)}");
    }

    private static object? ParseIdValue(object value)
    {
        if (AsString(value) is { } s)
        {
            return s;
        }
        return Classify(value, out var number, out var integer) switch
        {
            NumberKind.Number => IdFromNumber(number),
            NumberKind.BigInt => integer.ToString(CultureInfo.InvariantCulture),
            _ => throw Error($"ID cannot represent value: {Inspect(value)}"),
        };
    }

    private static object? ParseIdLiteral(ValueNode node) => node switch
    {
        StringValueNode s => s.Value,
        IntValueNode i => i.Value,
        _ => throw LiteralError($"ID cannot represent a non-string and non-integer value: {ValuePrinter.Print(node)}", node),
    };

    /// <summary>JavaScript's Number(string) for the forms that matter here: trimmed decimal or exponent notation.</summary>
    private static bool TryJsNumber(string s, out double value)
    {
        var trimmed = s.Trim();
        if (trimmed.Length == 0)
        {
            value = 0;
            return true;
        }
        return double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }
}
