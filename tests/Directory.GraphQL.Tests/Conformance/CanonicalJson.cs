using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Writes JSON values and plain CLR values (dictionaries, lists, strings, numbers, booleans, null) as canonical JSON
/// text — object keys in the given order, numbers as JavaScript prints them (1.0 → 1) — so that a graphql-js
/// result and ours compare as strings. <see cref="SortKeys"/> sorts object keys too (the Query.echo resolver).
/// </summary>
public static class CanonicalJson
{
    public static string Write(object? value, bool sortKeys = false)
    {
        var text = new StringBuilder();
        WriteValue(text, value, sortKeys);
        return text.ToString();
    }

    public static string SortKeys(object? value) => Write(value, sortKeys: true);

    private static void WriteValue(StringBuilder text, object? value, bool sortKeys)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case JsonNode node:
                WriteNode(text, node, sortKeys);
                break;
            case JsonElement element:
                WriteNode(text, JsonSerializer.SerializeToNode(element), sortKeys);
                break;
            case string s:
                AppendString(text, s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long or short or byte or sbyte or uint or ushort or ulong:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                text.Append(Number(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                break;
            case Enum e:
                AppendString(text, e.ToString());
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                WriteObject(text, map.Select(p => (p.Key, p.Value)), sortKeys);
                break;
            case IDictionary dictionary:
                WriteObject(text, dictionary.Keys.Cast<object>().Select(k => (k.ToString()!, dictionary[k])), sortKeys);
                break;
            case IEnumerable list:
                text.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }
                    first = false;
                    WriteValue(text, item, sortKeys);
                }
                text.Append(']');
                break;
            default:
                AppendString(text, value.ToString() ?? "");
                break;
        }
    }

    private static void WriteNode(StringBuilder text, JsonNode? node, bool sortKeys)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj.Select(p => (p.Key, (object?)p.Value)), sortKeys);
                break;
            case JsonArray array:
                WriteValue(text, array.Select(n => (object?)n).ToList(), sortKeys);
                break;
            case JsonValue value when !value.TryGetValue<JsonElement>(out _):
                WriteValue(text, value.GetValue<object>(), sortKeys);
                break;
            case JsonValue value:
                var element = value.GetValue<JsonElement>();
                switch (element.ValueKind)
                {
                    case JsonValueKind.Number:
                        text.Append(Number(element.GetDouble()));
                        break;
                    case JsonValueKind.String:
                        AppendString(text, element.GetString()!);
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    default:
                        text.Append("null");
                        break;
                }
                break;
        }
    }

    private static void WriteObject(StringBuilder text, IEnumerable<(string Key, object? Value)> members, bool sortKeys)
    {
        var list = members.ToList();
        if (sortKeys)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }
        text.Append('{');
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            AppendString(text, list[i].Key);
            text.Append(':');
            WriteValue(text, list[i].Value, sortKeys);
        }
        text.Append('}');
    }

    /// <summary>A string as JavaScript's JSON.stringify writes it: only quotes, backslashes, control characters and lone surrogates are escaped.</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    var pairedHigh = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                    var pairedLow = char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
                    if (c < ' ' || (char.IsSurrogate(c) && !pairedHigh && !pairedLow))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>A number as JavaScript's JSON.stringify writes it, for the ranges the tests use.</summary>
    private static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null";
        }
        if (value == 0)
        {
            return "0";
        }
        if (value == Math.Floor(value) && Math.Abs(value) < 1e21)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
