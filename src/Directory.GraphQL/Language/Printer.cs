using System.Text;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Language;

/// <summary>
/// Prints any syntax node back to GraphQL source, byte for byte as graphql-js (v17) `print` does: two-space
/// indentation, descriptions on their own line, argument lists wrapped onto separate lines when a field's line would
/// exceed 80 characters or an argument has a description, long list and object values broken up likewise.
/// </summary>
internal static class Printer
{
    private const int MaxLineLength = 80;

    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return P(node);
    }

    /// <summary>A string literal with graphql-js `printString` escaping (control characters, quote and backslash).</summary>
    public static string PrintString(string value) => StringLiteral.GraphQL(value);

    private static string P(SyntaxNode? node) => node switch
    {
        null => string.Empty,
        NameNode n => n.Value,
        VariableNode n => "$" + n.Name.Value,
        DocumentNode n => JoinNodes(n.Definitions, "\n\n"),
        OperationDefinitionNode n => PrintOperation(n),
        VariableDefinitionNode n => ValueDefinition(n.Description, n.Variable, n.Type, n.DefaultValue, n.Directives),
        SelectionSetNode n => n.Selections.Count == 0 ? "{}" : Block(n.Selections),
        FieldNode n => Join(
            WrappedLineAndArgs(Join(Wrap(string.Empty, P(n.Alias), ": "), P(n.Name)), n.Arguments),
            Wrap(" ", JoinNodes(n.Directives, " ")),
            Wrap(" ", P(n.SelectionSet))),
        ArgumentNode n => P(n.Name) + ": " + P(n.Value),
        FragmentSpreadNode n => Join("..." + P(n.Name), Wrap(" ", JoinNodes(n.Directives, " "))),
        InlineFragmentNode n => JoinWith(" ", "...", Wrap("on ", P(n.TypeCondition)), JoinNodes(n.Directives, " "), P(n.SelectionSet)),
        FragmentDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            "fragment ",
            P(n.Name),
            " on ",
            P(n.TypeCondition),
            " ",
            Wrap(string.Empty, JoinNodes(n.Directives, " "), " "),
            P(n.SelectionSet)),
        IntValueNode n => n.Value,
        FloatValueNode n => n.Value,
        StringValueNode n => n.Block ? BlockString.Print(n.Value) : PrintString(n.Value),
        BooleanValueNode n => n.Value ? "true" : "false",
        NullValueNode => "null",
        EnumValueNode n => n.Value,
        ListValueNode n => PrintValues(n.Values, "[", "]"),
        ObjectValueNode n => PrintValues(n.Fields, "{ ", " }"),
        ObjectFieldNode n => P(n.Name) + ": " + P(n.Value),
        DirectiveNode n => Join("@", P(n.Name), Wrap("(", JoinNodes(n.Arguments, ", "), ")")),
        NamedTypeNode n => P(n.Name),
        ListTypeNode n => "[" + P(n.Type) + "]",
        NonNullTypeNode n => P(n.Type) + "!",
        SchemaDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", "schema", JoinNodes(n.Directives, " "), Block(n.OperationTypes))),
        OperationTypeDefinitionNode n => OperationName(n.Operation) + ": " + P(n.Type),
        ScalarTypeDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", "scalar", P(n.Name), JoinNodes(n.Directives, " "))),
        ObjectTypeDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            FieldsType("type", n.Name, n.Interfaces, n.Directives, n.Fields)),
        FieldDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            P(n.Name),
            ArgumentDefinitions(n.Arguments),
            ": ",
            P(n.Type),
            Wrap(" ", JoinNodes(n.Directives, " "))),
        InputValueDefinitionNode n => ValueDefinition(n.Description, n.Name, n.Type, n.DefaultValue, n.Directives),
        InterfaceTypeDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            FieldsType("interface", n.Name, n.Interfaces, n.Directives, n.Fields)),
        UnionTypeDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", "union", P(n.Name), JoinNodes(n.Directives, " "), Wrap("= ", JoinNodes(n.Types, " | ")))),
        EnumTypeDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", "enum", P(n.Name), JoinNodes(n.Directives, " "), Block(n.Values))),
        EnumValueDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", P(n.Name), JoinNodes(n.Directives, " "))),
        InputObjectTypeDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", "input", P(n.Name), JoinNodes(n.Directives, " "), Block(n.Fields))),
        DirectiveDefinitionNode n => Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            "directive @",
            P(n.Name),
            ArgumentDefinitions(n.Arguments),
            Wrap(" ", JoinNodes(n.Directives, " ")),
            n.Repeatable ? " repeatable" : string.Empty,
            " on ",
            JoinNodes(n.Locations, " | ")),
        SchemaExtensionNode n => JoinWith(" ", "extend schema", JoinNodes(n.Directives, " "), Block(n.OperationTypes)),
        ScalarTypeExtensionNode n => JoinWith(" ", "extend scalar", P(n.Name), JoinNodes(n.Directives, " ")),
        ObjectTypeExtensionNode n => FieldsType("extend type", n.Name, n.Interfaces, n.Directives, n.Fields),
        InterfaceTypeExtensionNode n => FieldsType("extend interface", n.Name, n.Interfaces, n.Directives, n.Fields),
        UnionTypeExtensionNode n => JoinWith(" ", "extend union", P(n.Name), JoinNodes(n.Directives, " "), Wrap("= ", JoinNodes(n.Types, " | "))),
        EnumTypeExtensionNode n => JoinWith(" ", "extend enum", P(n.Name), JoinNodes(n.Directives, " "), Block(n.Values)),
        InputObjectTypeExtensionNode n => JoinWith(" ", "extend input", P(n.Name), JoinNodes(n.Directives, " "), Block(n.Fields)),
        _ => throw new ArgumentException($"Cannot print a node of kind {node.Kind}.", nameof(node)),
    };

    private static string OperationName(OperationType operation) => operation switch
    {
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "query",
    };

    /// <summary>Variable definitions and input value definitions print alike: description line, name, type, default, directives.</summary>
    private static string ValueDefinition(
        StringValueNode? description, SyntaxNode name, TypeNode type, ValueNode? defaultValue, IReadOnlyList<DirectiveNode> directives) =>
        Join(
            Wrap(string.Empty, P(description), "\n"),
            P(name),
            ": ",
            P(type),
            Wrap(" = ", P(defaultValue)),
            Wrap(" ", JoinNodes(directives, " ")));

    /// <summary>Object and interface types, defined or extended: keyword, name, interfaces, directives, fields.</summary>
    private static string FieldsType(
        string keyword, NameNode name, IReadOnlyList<NamedTypeNode> interfaces, IReadOnlyList<DirectiveNode> directives,
        IReadOnlyList<FieldDefinitionNode> fields) =>
        JoinWith(" ", keyword, P(name), Wrap("implements ", JoinNodes(interfaces, " & ")), JoinNodes(directives, " "), Block(fields));

    private static string PrintOperation(OperationDefinitionNode n)
    {
        var variables = PrintAll(n.VariableDefinitions);
        var variableDefinitions = variables.Any(v => v.Contains('\n', StringComparison.Ordinal))
            ? Wrap("(\n", JoinStrings(variables, "\n"), "\n)")
            : Wrap("(", JoinStrings(variables, ", "), ")");
        var operation = OperationName(n.Operation);
        var prefix = Join(
            Wrap(string.Empty, P(n.Description), "\n"),
            JoinWith(" ", operation, Join(P(n.Name), variableDefinitions), JoinNodes(n.Directives, " ")));
        // The anonymous query with nothing else to say prints as the bare selection set (the shorthand).
        return Join(n.Operation == OperationType.Query && prefix.Length == operation.Length ? string.Empty : prefix + " ", P(n.SelectionSet));
    }

    /// <summary>List and object values: on one line between <paramref name="open"/> and <paramref name="close"/> while that fits, else one entry per line.</summary>
    private static string PrintValues<T>(IReadOnlyList<T> nodes, string open, string close)
        where T : SyntaxNode
    {
        var printed = PrintAll(nodes);
        var inline = JoinStrings(printed, ", ");
        return open.Length + inline.Length + close.Length > MaxLineLength
            ? Wrap(open[0] + "\n", Indent(JoinStrings(printed, "\n")), "\n" + close[^1])
            : open + inline + close;
    }

    /// <summary>Field and directive argument definitions go one per line as soon as any of them spans lines (a description).</summary>
    private static string ArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> arguments)
    {
        var printed = PrintAll(arguments);
        return printed.Any(a => a.Contains('\n', StringComparison.Ordinal))
            ? Wrap("(\n", Indent(JoinStrings(printed, "\n")), "\n)")
            : Wrap("(", JoinStrings(printed, ", "), ")");
    }

    private static string WrappedLineAndArgs(string prefix, IReadOnlyList<ArgumentNode> arguments)
    {
        if (arguments.Count == 0)
        {
            return prefix;
        }
        var printed = PrintAll(arguments);
        var inline = JoinStrings(printed, ", ");
        return prefix.Length + inline.Length + 2 > MaxLineLength
            ? prefix + Wrap("(\n", Indent(JoinStrings(printed, "\n")), "\n)")
            : prefix + Wrap("(", inline, ")");
    }

    private static string Block<T>(IReadOnlyList<T> nodes)
        where T : SyntaxNode => Wrap("{\n", Indent(JoinNodes(nodes, "\n")), "\n}");

    private static string Indent(string text) =>
        text.Length == 0 ? text : "  " + text.Replace("\n", "\n  ", StringComparison.Ordinal);

    private static string Wrap(string start, string text, string end = "") =>
        text.Length == 0 ? string.Empty : start + text + end;

    private static string[] PrintAll<T>(IReadOnlyList<T> nodes)
        where T : SyntaxNode
    {
        var result = new string[nodes.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = P(nodes[i]);
        }
        return result;
    }

    private static string JoinNodes<T>(IReadOnlyList<T> nodes, string separator)
        where T : SyntaxNode => nodes.Count == 0 ? string.Empty : JoinStrings(PrintAll(nodes), separator);

    private static string Join(params ReadOnlySpan<string> parts) => string.Concat(parts);

    private static string JoinWith(string separator, params ReadOnlySpan<string> parts) => JoinStrings(parts, separator);

    /// <summary>Joins the non-empty parts (graphql-js `join` skips empty ones).</summary>
    private static string JoinStrings(ReadOnlySpan<string> parts, string separator)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }
            if (builder.Length != 0)
            {
                builder.Append(separator);
            }
            builder.Append(part);
        }
        return builder.ToString();
    }
}
