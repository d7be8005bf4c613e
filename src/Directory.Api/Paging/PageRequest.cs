using System.Globalization;
using System.Text;
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

    private const string CursorPrefix = "cursor:";

    public static PageRequest From(ResolverContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.GetArgument<int?>("last");
        Check(first, "first");
        Check(last, "last");
        if (first is null && last is null)
        {
            first = DefaultPageSize;
        }

        return new PageRequest(first, DecodeCursor(context.GetArgument<string>("after"), "after"), last, DecodeCursor(context.GetArgument<string>("before"), "before"));
    }

    public static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static void Check(int? size, string argument)
    {
        if (size is < 0 or > MaxPageSize)
        {
            throw new GraphQLError(
                $"Argument \"{argument}\" must be between 0 and {MaxPageSize}, got {size}.",
                code: ErrorCodes.BadUserInput);
        }
    }

    private static int? DecodeCursor(string? cursor, string argument)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below: a cursor the client did not get from us.
        }
        throw new GraphQLError($"Argument \"{argument}\" is not a valid cursor.", code: ErrorCodes.BadUserInput);
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
