namespace Directory.GraphQL.Types;

/// <summary>
/// Writes a string as a block string (spec §2.9.4) with graphql-js's layout choices, so printed descriptions are
/// byte-identical to <c>printSchema</c>: single line when short and safe, otherwise on their own lines.
/// </summary>
internal static class BlockStringPrinter
{
    public static string Print(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = escaped.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r');
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || IsWhiteSpace(l[0]));
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine
            || hasTrailingTripleQuotes;
        var result = "";
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && IsWhiteSpace(value[0]);
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            result += "\n";
        }
        result += escaped;
        if (printAsMultipleLines || forceTrailingNewline)
        {
            result += "\n";
        }
        return "\"\"\"" + result + "\"\"\"";
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t';
}
