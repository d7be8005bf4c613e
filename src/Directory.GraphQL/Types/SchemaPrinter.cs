using System.Text;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types.Introspection;

namespace Directory.GraphQL.Types;

/// <summary>
/// Prints a schema as SDL, byte-identical to graphql-js v17 <c>printSchema</c>: built-in scalars and directives and
/// the introspection types are left out, types appear in type-map order, and a <c>schema { … }</c> block is
/// printed only when the roots aren't named Query/Mutation/Subscription (or the schema has a description).
/// </summary>
public static class SchemaPrinter
{
    /// <summary>The schema as SDL, as graphql-js's <c>printSchema</c> prints it.</summary>
    public static string Print(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var parts = new List<string>();
        if (PrintSchemaDefinition(schema) is { } definition)
        {
            parts.Add(definition);
        }
        parts.AddRange(schema.Directives.Where(d => !BuiltInDirectives.IsBuiltInDirectiveName(d.Name)).Select(PrintDirective));
        parts.AddRange(schema.Types
            .Where(t => !(t is ScalarType { IsBuiltIn: true }) && !(IntrospectionNames.IsIntrospectionTypeName(t.Name) && t.AstNode is null))
            .Select(PrintType));
        return string.Join("\n\n", parts);
    }

    private static string? PrintSchemaDefinition(Schema schema)
    {
        if (schema.QueryType is null && schema.MutationType is null && schema.SubscriptionType is null)
        {
            return null;
        }
        var isDefault = ReferenceEquals(schema.QueryType, schema.GetType("Query"))
            && ReferenceEquals(schema.MutationType, schema.GetType("Mutation"))
            && ReferenceEquals(schema.SubscriptionType, schema.GetType("Subscription"));
        if (schema.Description is null && isDefault)
        {
            return null;
        }
        var sb = new StringBuilder();
        sb.Append(PrintDescription(schema.Description)).Append("schema {\n");
        if (schema.QueryType is not null)
        {
            sb.Append("  query: ").Append(schema.QueryType.Name).Append('\n');
        }
        if (schema.MutationType is not null)
        {
            sb.Append("  mutation: ").Append(schema.MutationType.Name).Append('\n');
        }
        if (schema.SubscriptionType is not null)
        {
            sb.Append("  subscription: ").Append(schema.SubscriptionType.Name).Append('\n');
        }
        return sb.Append('}').ToString();
    }

    /// <summary>One type's SDL definition (graphql-js <c>printType</c>).</summary>
    public static string PrintType(NamedType type) => type switch
    {
        ScalarType s => PrintDescription(s.Description) + "scalar " + s.Name + PrintSpecifiedBy(s),
        ObjectType o => PrintDescription(o.Description) + "type " + o.Name + PrintInterfaces(o) + PrintFields(o),
        InterfaceType i => PrintDescription(i.Description) + "interface " + i.Name + PrintInterfaces(i) + PrintFields(i),
        UnionType u => PrintDescription(u.Description) + "union " + u.Name + (u.Types.Count > 0 ? " = " + string.Join(" | ", u.Types.Select(t => t.Name)) : ""),
        EnumType e => PrintDescription(e.Description) + "enum " + e.Name + PrintBlock(e.Values.Select((v, i) =>
            PrintDescription(v.Description, "  ", i == 0) + "  " + v.Name + PrintDeprecated(v.DeprecationReason))),
        InputObjectType io => PrintDescription(io.Description) + "input " + io.Name + (io.IsOneOf ? " @oneOf" : "") + PrintBlock(io.Fields.Select((f, i) =>
            PrintDescription(f.Description, "  ", i == 0) + "  " + PrintInputValue(f))),
        _ => throw new ArgumentException($"Unexpected type {type}.", nameof(type)),
    };

    /// <summary>One directive definition (graphql-js <c>printDirective</c>).</summary>
    public static string PrintDirective(DirectiveDefinition directive) =>
        PrintDescription(directive.Description) + "directive @" + directive.Name + PrintArgs(directive.Arguments, "")
        + (directive.IsRepeatable ? " repeatable" : "") + " on " + string.Join(" | ", directive.Locations.Select(l => l.ToSpecName()));

    private static string PrintInterfaces(ComplexType type) =>
        type.Interfaces.Count > 0 ? " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name)) : "";

    private static string PrintFields(ComplexType type) => PrintBlock(type.Fields.Select((f, i) =>
        PrintDescription(f.Description, "  ", i == 0) + "  " + f.Name + PrintArgs(f.Arguments, "  ") + ": " + f.Type + PrintDeprecated(f.DeprecationReason)));

    private static string PrintBlock(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count != 0 ? " {\n" + string.Join("\n", list) + "\n}" : "";
    }

    private static string PrintArgs(IReadOnlyList<InputValueDefinition> args, string indentation)
    {
        if (args.Count == 0)
        {
            return "";
        }
        if (args.All(a => a.Description is null))
        {
            return "(" + string.Join(", ", args.Select(PrintInputValue)) + ")";
        }
        return "(\n" + string.Join("\n", args.Select((a, i) =>
            PrintDescription(a.Description, "  " + indentation, i == 0) + "  " + indentation + PrintInputValue(a))) + "\n" + indentation + ")";
    }

    private static string PrintInputValue(InputValueDefinition value)
    {
        var declaration = value.Name + ": " + value.Type;
        if (value.DefaultValue is not null)
        {
            declaration += " = " + ValuePrinter.Print(value.DefaultValue);
        }
        return declaration + PrintDeprecated(value.DeprecationReason);
    }

    private static string PrintDeprecated(string? reason)
    {
        if (reason is null)
        {
            return "";
        }
        return reason != BuiltInDirectives.DefaultDeprecationReason
            ? " @deprecated(reason: " + ValuePrinter.PrintString(reason) + ")"
            : " @deprecated";
    }

    private static string PrintSpecifiedBy(ScalarType scalar) =>
        scalar.SpecifiedByUrl is null ? "" : " @specifiedBy(url: " + ValuePrinter.PrintString(scalar.SpecifiedByUrl) + ")";

    private static string PrintDescription(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return "";
        }
        var literal = BlockString.IsPrintable(description) ? BlockString.Print(description) : ValuePrinter.PrintString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + literal.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }
}
