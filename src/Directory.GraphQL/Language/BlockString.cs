using System.Text;

namespace Directory.GraphQL.Language;

/// <summary>
/// Block strings (spec §2.9.4 "BlockStringValue"): removing the common indentation when reading, and choosing a
/// faithful `"""` rendering when printing. Shared by the lexer, the printer and the schema printer; behaves like
/// graphql-js `blockString.ts`.
/// </summary>
internal static class BlockString
{
    /// <summary>
    /// Applies BlockStringValue to raw lines: the common indentation of all lines but the first is removed, then
    /// leading and trailing blank lines are dropped.
    /// </summary>
    public static IReadOnlyList<string> DedentLines(IReadOnlyList<string> lines)
    {
        var commonIndent = int.MaxValue;
        var firstNonEmptyLine = -1;
        var lastNonEmptyLine = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var indent = LeadingWhiteSpace(line);
            if (indent == line.Length)
            {
                continue;
            }
            if (firstNonEmptyLine < 0)
            {
                firstNonEmptyLine = i;
            }
            lastNonEmptyLine = i;
            if (i != 0 && indent < commonIndent)
            {
                commonIndent = indent;
            }
        }
        if (firstNonEmptyLine < 0)
        {
            return [];
        }
        var result = new string[lastNonEmptyLine - firstNonEmptyLine + 1];
        for (var i = firstNonEmptyLine; i <= lastNonEmptyLine; i++)
        {
            var line = lines[i];
            result[i - firstNonEmptyLine] = i == 0 || commonIndent == int.MaxValue
                ? line
                : line.Length > commonIndent ? line[commonIndent..] : string.Empty;
        }
        return result;
    }

    /// <summary>The value of a block string whose raw content (between the quotes, escapes already resolved) is given.</summary>
    public static string Dedent(string rawValue) => string.Join('\n', DedentLines(SplitLines(rawValue)));

    /// <summary>Splits on "\r\n", "\r" and "\n", the GraphQL line terminators.</summary>
    public static string[] SplitLines(string value) => value.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);

    /// <summary>
    /// True when <paramref name="value"/> survives a round trip through a block string (no characters a block string
    /// cannot hold, no leading blank line, no common indentation that dedenting would remove).
    /// </summary>
    public static bool IsPrintable(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }
        var isEmptyLine = true;
        var hasIndent = false;
        var hasCommonIndent = true;
        var seenNonEmptyLine = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case (char)0x00 or (char)0x01 or (char)0x02 or (char)0x03 or (char)0x04 or (char)0x05 or (char)0x06
                    or (char)0x07 or (char)0x08 or (char)0x0B or (char)0x0C or (char)0x0E or (char)0x0F:
                    return false;
                case '\r':
                    return false;
                case '\n':
                    if (isEmptyLine && !seenNonEmptyLine)
                    {
                        return false;
                    }
                    seenNonEmptyLine = true;
                    isEmptyLine = true;
                    hasIndent = false;
                    break;
                case '\t' or ' ':
                    hasIndent |= isEmptyLine;
                    break;
                default:
                    hasCommonIndent &= hasIndent;
                    isEmptyLine = false;
                    break;
            }
        }
        if (isEmptyLine)
        {
            return false;
        }
        return !(hasCommonIndent && seenNonEmptyLine);
    }

    /// <summary>
    /// Prints <paramref name="value"/> as a block string exactly as graphql-js `printBlockString` does: `"""` escaped,
    /// on separate lines when it has several lines, is longer than 70 characters or ends with a quote or backslash.
    /// <paramref name="minimize"/> keeps it on as few lines as possible.
    /// </summary>
    public static string Print(string value, bool minimize = false)
    {
        var escapedValue = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = SplitLines(escapedValue);
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1
            && lines.Skip(1).All(line => line.Length == 0 || IsWhiteSpace(line[0]));
        var hasTrailingTripleQuotes = escapedValue.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !minimize
            && (!isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine || hasTrailingTripleQuotes);

        var result = new StringBuilder(escapedValue.Length + 8);
        result.Append("\"\"\"");
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && IsWhiteSpace(value[0]);
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            result.Append('\n');
        }
        result.Append(escapedValue);
        if (printAsMultipleLines || forceTrailingNewline)
        {
            result.Append('\n');
        }
        result.Append("\"\"\"");
        return result.ToString();
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t';

    private static int LeadingWhiteSpace(string line)
    {
        var i = 0;
        while (i < line.Length && IsWhiteSpace(line[i]))
        {
            i++;
        }
        return i;
    }
}
