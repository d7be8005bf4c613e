using System.Globalization;
using System.Text;
using System.Text.Json;
using Directory.Api.GraphQL;

namespace Directory.Api.Paging;

/// <summary>
/// A cursor as the client sent it, checked for form: a position in the list (<see cref="Offset"/>, for lists sorted
/// by a key that can be null, see <see cref="Keyset{T}"/>) or the sort key values of a row, its id last
/// (<see cref="Keys"/>, for every other list: stable when rows are added or removed between pages).
/// </summary>
public sealed record PageCursor(string Argument, int? Offset, JsonElement[]? Keys);

/// <summary>
/// The Relay paging arguments of a connection field (first/after/last/before), checked. Cursors are opaque base64
/// text; every sort ends with the primary key, so the order — and with it the meaning of a cursor — is total.
/// </summary>
public sealed record PageRequest(int? First, PageCursor? After, int? Last, PageCursor? Before)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The highest offset a cursor may carry: the window arithmetic adds a page and a look-ahead row to it, which must
    /// stay an <see cref="int"/> (<c>cursor:2147483647</c> wrapped to a negative offset and served page 1).
    /// </summary>
    public const int MaxCursorOffset = int.MaxValue - MaxPageSize - 2;

    private const string CursorPrefix = "cursor:";
    private const string KeysPrefix = "keys:";

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

    /// <summary>The cursor of a row of a keyset-paged list: its sort key values, id last, as a JSON array.</summary>
    public static string EncodeCursor(IReadOnlyList<object?> keys) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(KeysPrefix + JsonSerializer.Serialize(keys)));

    private static PageCursor? DecodeCursor(string? cursor, string argument)
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
                    ? new PageCursor(argument, offset, null)
                    : throw new GraphQLError(
                        $"Argument \"{argument}\" is a cursor out of range: no list has more than {MaxCursorOffset} items.",
                        code: ErrorCodes.BadUserInput);
            }
            // The key values' types are checked against the list's sort when the page is fetched.
            if (text.StartsWith(KeysPrefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize<JsonElement[]>(text.AsSpan(KeysPrefix.Length)) is { Length: > 0 } keys)
            {
                return new PageCursor(argument, null, keys);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // Falls through to the error below: a cursor the client did not get from us.
        }
        throw InvalidCursor(argument);
    }

    /// <summary>The error for a cursor that is not one this list issues.</summary>
    public static GraphQLError InvalidCursor(string argument) =>
        new($"Argument \"{argument}\" is not a valid cursor: pass a cursor from a page of this list.", code: ErrorCodes.BadUserInput);

    /// <summary>
    /// The offset window [start, end) of the Relay pagination algorithm, given the total where it is needed (a
    /// <c>last</c> without <c>before</c> counts from the end). Returns the window and whether more items lie beyond it.
    /// </summary>
    public (int Start, int Count) Window(int? total)
    {
        var start = After is { } after ? OffsetOf(after) + 1 : 0;
        var end = Before is { } before ? OffsetOf(before) : total ?? int.MaxValue;
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

    private static int OffsetOf(PageCursor cursor) => cursor.Offset ?? throw InvalidCursor(cursor.Argument);

    /// <summary>Whether the window needs the total count (only for <c>last</c> counted from the end).</summary>
    public bool NeedsTotal => Last is not null && Before is null;
}
