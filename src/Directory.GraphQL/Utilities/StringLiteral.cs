using System.Globalization;
using System.Text;

namespace Directory.GraphQL.Utilities;

/// <summary>
/// The one string escaper: a value in double quotes with its quote, backslash and control characters escaped.
/// GraphQL source (graphql-js <c>printString</c>) and JavaScript's <c>JSON.stringify</c> differ only in which
/// characters take a <c>\uXXXX</c> escape and the case of its hex digits, so both are served here.
/// </summary>
internal static class StringLiteral
{
    /// <summary>As GraphQL source: C0 and C1 controls as upper-case <c>\uXXXX</c> (graphql-js <c>printString</c>).</summary>
    public static string GraphQL(string value) => Quote(value, escapeC1: true, "X4");

    /// <summary>As JavaScript's <c>JSON.stringify</c> writes a string: only C0 controls, lower-case hex.</summary>
    public static string Json(string value) => Quote(value, escapeC1: false, "x4");

    private static string Quote(string value, bool escapeC1, string hexFormat)
    {
        StringBuilder? builder = null;
        var chunkStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                < ' ' => "\\u" + ((int)c).ToString(hexFormat, CultureInfo.InvariantCulture),
                >= '\u007F' and <= '\u009F' when escapeC1 => "\\u" + ((int)c).ToString(hexFormat, CultureInfo.InvariantCulture),
                _ => null,
            };
            if (escape is null)
            {
                continue;
            }
            // Most strings need no escape: they are copied once, without a builder.
            builder ??= new StringBuilder(value.Length + 8).Append('"');
            builder.Append(value, chunkStart, i - chunkStart).Append(escape);
            chunkStart = i + 1;
        }
        if (builder is null)
        {
            return "\"" + value + "\"";
        }
        return builder.Append(value, chunkStart, value.Length - chunkStart).Append('"').ToString();
    }
}
