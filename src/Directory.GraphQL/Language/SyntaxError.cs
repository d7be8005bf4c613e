using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Language;

/// <summary>Builds the errors the lexer and parser raise, located like graphql-js `syntaxError` (1-based line and column).</summary>
internal static class SyntaxError
{
    public static GraphQLError Create(ReadOnlySpan<char> source, int position, string description, string code = ErrorCodes.SyntaxError) =>
        new("Syntax Error: " + description, [GetLocation(source, position)], code: code);

    /// <summary>
    /// The line and column of a character offset. Only computed when an error is raised, so a linear scan is fine;
    /// "\r\n", "\r" and "\n" each end a line, as in the lexer.
    /// </summary>
    public static SourceLocation GetLocation(ReadOnlySpan<char> source, int position)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(position, source.Length);
        for (var i = 0; i < end; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\r')
            {
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    if (i + 1 >= end)
                    {
                        // The position sits between \r and \n: still on the line the \r ends.
                        line++;
                        lineStart = i + 2;
                        break;
                    }
                    i++;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(line, position - lineStart + 1);
    }
}
