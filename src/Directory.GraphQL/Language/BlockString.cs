using System.Buffers;
using System.Runtime.InteropServices;
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
    /// Applies BlockStringValue to raw lines given as (start, end) offset pairs into <paramref name="text"/>: the
    /// common indentation of all lines but the first is removed, leading and trailing blank lines are dropped, and the
    /// rest are joined with "\n". The lexer passes the lines of the source as it found them, so nothing is copied but
    /// the value itself.
    /// </summary>
    public static string Dedent(ReadOnlySpan<char> text, ReadOnlySpan<int> lineRanges)
    {
        var count = lineRanges.Length / 2;
        var commonIndent = int.MaxValue;
        var first = -1;
        var last = -1;
        for (var i = 0; i < count; i++)
        {
            var line = Line(text, lineRanges, i);
            var indent = line.Length - line.TrimStart(" \t").Length;
            if (indent == line.Length)
            {
                continue;
            }
            if (first < 0)
            {
                first = i;
            }
            last = i;
            if (i != 0 && indent < commonIndent)
            {
                commonIndent = indent;
            }
        }
        if (first < 0)
        {
            return string.Empty;
        }
        if (first == last)
        {
            return new string(DedentedLine(text, lineRanges, first, commonIndent));
        }
        var length = last - first;
        for (var i = first; i <= last; i++)
        {
            length += DedentedLine(text, lineRanges, i, commonIndent).Length;
        }
        // The joined value is assembled in scratch memory so that the only allocation is the string itself.
        char[]? rented = null;
        var buffer = length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(length));
        var written = 0;
        for (var i = first; i <= last; i++)
        {
            if (i != first)
            {
                buffer[written++] = '\n';
            }
            var line = DedentedLine(text, lineRanges, i, commonIndent);
            line.CopyTo(buffer[written..]);
            written += line.Length;
        }
        var value = new string(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
        return value;

        static ReadOnlySpan<char> Line(ReadOnlySpan<char> text, ReadOnlySpan<int> lineRanges, int i) =>
            text[lineRanges[i * 2]..lineRanges[(i * 2) + 1]];

        static ReadOnlySpan<char> DedentedLine(ReadOnlySpan<char> text, ReadOnlySpan<int> lineRanges, int i, int commonIndent)
        {
            var line = Line(text, lineRanges, i);
            return i == 0 ? line : line.Length > commonIndent ? line[commonIndent..] : [];
        }
    }

    /// <summary>
    /// The value of a block string whose raw content (between the quotes, escapes already resolved) is given; lines
    /// end at "\r\n", "\r" or "\n".
    /// </summary>
    public static string Dedent(string rawValue)
    {
        var lineRanges = new List<int>();
        var lineStart = 0;
        for (var i = 0; i < rawValue.Length; i++)
        {
            if (rawValue[i] is '\n' or '\r')
            {
                lineRanges.Add(lineStart);
                lineRanges.Add(i);
                if (rawValue[i] == '\r' && i + 1 < rawValue.Length && rawValue[i + 1] == '\n')
                {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        lineRanges.Add(lineStart);
        lineRanges.Add(rawValue.Length);
        return Dedent(rawValue, CollectionsMarshal.AsSpan(lineRanges));
    }

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
}
