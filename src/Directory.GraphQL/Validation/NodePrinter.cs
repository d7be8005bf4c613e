using System.Globalization;
using System.Text;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation;

/// <summary>
/// Prints values and type references for error messages the way graphql-js `printForError` does: short lists
/// and objects on one line (`{ a: 1, b: [1, 2] }`), ones longer than 80 characters one item per line.
/// </summary>
public static class NodePrinter
{
    private const int MaxLineLength = 80;

    public static string Print(TypeNode type) => type switch
    {
        NamedTypeNode named => named.Name.Value,
        ListTypeNode list => "[" + Print(list.Type) + "]",
        NonNullTypeNode nonNull => Print(nonNull.Type) + "!",
        _ => "",
    };

    public static string Print(ValueNode value) => value switch
    {
        VariableNode variable => "$" + variable.Name.Value,
        IntValueNode i => i.Value,
        FloatValueNode f => f.Value,
        StringValueNode { Block: true } s => PrintBlockString(s.Value),
        StringValueNode s => PrintString(s.Value),
        BooleanValueNode b => b.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode e => e.Value,
        ListValueNode list => Wrap("[", list.Values.Select(Print).ToList(), "]", ""),
        ObjectValueNode obj => Wrap("{", obj.Fields.Select(f => f.Name.Value + ": " + Print(f.Value)).ToList(), "}", " "),
        _ => "",
    };

    private static string Wrap(string open, List<string> items, string close, string padding)
    {
        var inline = open + padding + string.Join(", ", items) + padding + close;
        if (inline.Length <= MaxLineLength && !inline.Contains('\n'))
        {
            return inline;
        }
        var sb = new StringBuilder(open);
        foreach (var item in items)
        {
            sb.Append('\n').Append("  ").Append(item.Replace("\n", "\n  "));
        }
        return sb.Append('\n').Append(close).ToString();
    }

    /// <summary>A JSON-style quoted string with GraphQL's escapes.</summary>
    public static string PrintString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
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
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string PrintBlockString(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"");
        return escaped.Contains('\n') ? "\"\"\"\n" + escaped + "\n\"\"\"" : "\"\"\"" + escaped + "\"\"\"";
    }
}
