using System.Globalization;
using System.Text;
using Directory.Api.GraphQL;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;

namespace Directory.Api.Paging;

/// <summary>
/// The Relay paging arguments of a connection field (first/after/last/before), checked and turned into an offset
/// window. Cursors are opaque base64 offsets into the filtered, sorted list; every sort ends with the primary key,
/// so the order — and with it the meaning of a cursor — is total and stable.
/// </summary>
public sealed record PageRequest(int? First, int? After, int? Last, int? Before)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The highest offset a cursor may carry: the window arithmetic adds a page and a look-ahead row to it, which must
    /// stay an <see cref="int"/> (<c>cursor:2147483647</c> wrapped to a negative offset and served page 1).
    /// </summary>
    public const int MaxCursorOffset = int.MaxValue - MaxPageSize - 2;

    private const string CursorPrefix = "cursor:";

    public static PageRequest From(ResolverContext context)
    {
        var first = NumericArguments.InRange(context.GetArgument<int?>("first"), "first", 0, MaxPageSize);
        var last = NumericArguments.InRange(context.GetArgument<int?>("last"), "last", 0, MaxPageSize);
        if (first is null && last is null)
        {
            first = DefaultPageSize;
        }

        return new PageRequest(first, DecodeCursor(context.GetArgument<string>("after"), "after"), last, DecodeCursor(context.GetArgument<string>("before"), "before"));
    }

    public static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static int? DecodeCursor(string? cursor, string argument)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            // Only the exact text we issue: digits without sign, leading zeros or spaces, so one offset has one cursor.
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && EncodeCursor(offset) == cursor)
            {
                return offset <= MaxCursorOffset
                    ? offset
                    : throw new GraphQLError(
                        $"Argument \"{argument}\" is a cursor out of range: no list has more than {MaxCursorOffset} items.",
                        code: ErrorCodes.BadUserInput);
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below: a cursor the client did not get from us.
        }
        throw new GraphQLError($"Argument \"{argument}\" is not a valid cursor: pass a cursor from a page of this list.", code: ErrorCodes.BadUserInput);
    }

    /// <summary>
    /// The offset window [start, end) of the Relay pagination algorithm, given the total where it is needed (a
    /// <c>last</c> without <c>before</c> counts from the end). Returns the window and whether more items lie beyond it.
    /// </summary>
    public (int Start, int Count) Window(int? total)
    {
        var start = After is { } after ? after + 1 : 0;
        var end = Before ?? total ?? int.MaxValue;
        if (First is { } first)
        {
            end = Math.Min(end, start + first);
        }
        if (Last is { } last)
        {
            start = Math.Max(start, end - last);
        }
        return (start, Math.Max(0, end - start));
    }

    /// <summary>Whether the window needs the total count (only for <c>last</c> counted from the end).</summary>
    public bool NeedsTotal => Last is not null && Before is null;
}
