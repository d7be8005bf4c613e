using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>
/// Value literals as GraphQL source for coercion messages, introspection's <c>defaultValue</c> and the schema
/// printer: the language printer's output (graphql-js v17 <c>print</c>), kept behind one name here.
/// </summary>
internal static class ValuePrinter
{
    public static string Print(ValueNode node) => Printer.Print(node);

    public static string PrintString(string value) => Printer.PrintString(value);
}
