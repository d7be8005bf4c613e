using System.Text;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>
/// Prints value literals as GraphQL source (used in coercion messages and for default values in the schema
/// printer), matching graphql-js v17 print for values: <c>{ a: 1, b: [1, 2] }</c>, long lists and objects wrapped.
/// </summary>
internal static class ValuePrinter
{
    // graphql-js v17 wraps lists and objects that would make a line longer than this.
    private const int MaxLineLength = 80;

    public static string Print(ValueNode node) => node switch
    {
        VariableNode v => "$" + v.Name.Value,
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode { Block: true } s => BlockString.Print(s.Value),
        StringValueNode s => PrintString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode l => PrintList(l.Values.Select(Print).ToList()),
        ObjectValueNode o => PrintObject(o.Fields.Select(f => f.Name.Value + ": " + Print(f.Value)).ToList()),
        _ => throw new ArgumentException($"Unexpected value node {node.Kind}.", nameof(node)),
    };

    // Items are measured as printed (nested wrapping and indentation included), as graphql-js's print buffer does.
    private static string PrintList(List<string> items) =>
        2 + JoinedLength(items) > MaxLineLength
            ? "[\n" + Indent(string.Join("\n", items)) + "\n]"
            : "[" + string.Join(", ", items) + "]";

    private static string PrintObject(List<string> fields) =>
        4 + JoinedLength(fields) > MaxLineLength
            ? "{\n" + Indent(string.Join("\n", fields)) + "\n}"
            : "{ " + string.Join(", ", fields) + " }";

    private static int JoinedLength(List<string> items) => items.Count == 0 ? 0 : items.Sum(i => i.Length) + (2 * (items.Count - 1));

    private static string Indent(string text) => "  " + text.Replace("\n", "\n  ", StringComparison.Ordinal);

    /// <summary>A string literal as graphql-js's printString writes it (escapes control characters as \uXXXX, except \b\f\n\r\t).</summary>
    public static string PrintString(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
