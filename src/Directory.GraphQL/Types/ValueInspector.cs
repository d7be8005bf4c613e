using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Language;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Types;

/// <summary>
/// Renders runtime values for error messages the way graphql-js's <c>inspect</c> does (strings JSON-quoted,
/// numbers in JavaScript notation, objects as <c>{ a: 1 }</c>), so our messages match the reference word for word.
/// </summary>
public static class ValueInspector
{
    private const int MaxArrayLength = 10;
    private const int MaxRecursiveDepth = 2;

    public static string Inspect(object? value) => Format(value, 0);

    private static string Format(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return StringLiteral.Json(s);
            case char c:
                return StringLiteral.Json(c.ToString());
            case bool b:
                return b ? "true" : "false";
            case JsonElement e:
                return FormatJson(e, depth);
            case Enum:
                return StringLiteral.Json(value.ToString()!);
            case sbyte or byte or short or ushort or int or uint or long or ulong or System.Numerics.BigInteger:
                return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case float f:
                return JsNumber((double)f);
            case double d:
                return JsNumber(d);
            case decimal m:
                return JsNumber((double)m);
            case ValueNode node:
                return ValuePrinter.Print(node);
            case IDictionary dict:
                return FormatEntries(EnumerateDictionary(dict), depth);
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return FormatEntries(pairs.Select(p => (p.Key, p.Value)), depth);
            case IEnumerable items:
                return FormatArray(items.Cast<object?>(), depth);
            default:
                return FormatEntries(
                    value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
                        .Select(p => (p.Name, p.GetValue(value))),
                    depth,
                    value.GetType().Name);
        }
    }

    private static IEnumerable<(string, object?)> EnumerateDictionary(IDictionary dict)
    {
        foreach (DictionaryEntry entry in dict)
        {
            yield return (Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", entry.Value);
        }
    }

    private static string FormatEntries(IEnumerable<(string Key, object? Value)> entries, int depth, string tag = "Object")
    {
        var list = entries.ToList();
        if (list.Count == 0)
        {
            return "{}";
        }
        if (depth > MaxRecursiveDepth - 1)
        {
            return "[" + tag + "]";
        }
        return "{ " + string.Join(", ", list.Select(e => e.Key + ": " + Format(e.Value, depth + 1))) + " }";
    }

    private static string FormatArray(IEnumerable<object?> items, int depth)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return "[]";
        }
        if (depth > MaxRecursiveDepth - 1)
        {
            return "[Array]";
        }
        var len = Math.Min(MaxArrayLength, list.Count);
        var parts = list.Take(len).Select(i => Format(i, depth + 1)).ToList();
        var remaining = list.Count - len;
        if (remaining == 1)
        {
            parts.Add("... 1 more item");
        }
        else if (remaining > 1)
        {
            parts.Add($"... {remaining} more items");
        }
        return "[" + string.Join(", ", parts) + "]";
    }

    private static string FormatJson(JsonElement e, int depth) => e.ValueKind switch
    {
        JsonValueKind.String => StringLiteral.Json(e.GetString()!),
        JsonValueKind.Number => JsNumber(e.GetDouble()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "null",
        JsonValueKind.Array => FormatArray(e.EnumerateArray().Select(x => (object?)x), depth),
        _ => FormatEntries(e.EnumerateObject().Select(p => (p.Name, (object?)p.Value)), depth),
    };

    /// <summary>A double as JavaScript's Number#toString writes it (e.g. 1.5, 100, 1e+21, 1e-7, NaN, Infinity).</summary>
    public static string JsNumber(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(d))
        {
            return "Infinity";
        }
        if (double.IsNegativeInfinity(d))
        {
            return "-Infinity";
        }
        if (d == 0)
        {
            return "0";
        }
        // "R" is the shortest round-trip form, as JavaScript uses. Split it into digits and exponent, then lay them
        // out with JavaScript's rules (plain notation for exponents in [-7, 21), otherwise d.ddde±x).
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        if (negative)
        {
            shortest = shortest[1..];
        }
        var exponentIndex = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentIndex < 0 ? shortest : shortest[..exponentIndex];
        var exponent = exponentIndex < 0 ? 0 : int.Parse(shortest[(exponentIndex + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        var intDigits = point < 0 ? mantissa.Length : point;
        // Normalise: strip leading zeros, tracking where the decimal point falls (n = position of point after digits[0]).
        var n = intDigits + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
            n--;
        }
        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }
        var k = digits.Length;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var expText = (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
            result = k == 1 ? digits + "e" + expText : digits[..1] + "." + digits[1..] + "e" + expText;
        }
        return negative ? "-" + result : result;
    }
}
