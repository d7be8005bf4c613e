using System.Text;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>
/// Prints value literals as GraphQL source (used in coercion messages and for default values in the schema
/// printer), matching graphql-js's printer for values: <c>{a: 1, b: [1, 2]}</c>, strings JSON-escaped.
/// </summary>
internal static class ValuePrinter
{
    public static string Print(ValueNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ValueNode node)
    {
        switch (node)
        {
            case VariableNode v:
                sb.Append('$').Append(v.Name.Value);
                break;
            case IntValueNode i:
                sb.Append(i.Value);
                break;
            case FloatValueNode f:
                sb.Append(f.Value);
                break;
            case StringValueNode s when s.Block:
                sb.Append(BlockStringPrinter.Print(s.Value));
                break;
            case StringValueNode s:
                sb.Append(PrintString(s.Value));
                break;
            case BooleanValueNode b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NullValueNode:
                sb.Append("null");
                break;
            case EnumValueNode e:
                sb.Append(e.Value);
                break;
            case ListValueNode l:
                sb.Append('[');
                for (var i = 0; i < l.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    Append(sb, l.Values[i]);
                }
                sb.Append(']');
                break;
            case ObjectValueNode o:
                sb.Append('{');
                for (var i = 0; i < o.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    sb.Append(o.Fields[i].Name.Value).Append(": ");
                    Append(sb, o.Fields[i].Value);
                }
                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"Unexpected value node {node.Kind}.", nameof(node));
        }
    }

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
