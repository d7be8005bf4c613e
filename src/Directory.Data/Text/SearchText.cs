using System.Buffers;

namespace Directory.Data.Text;

/// <summary>
/// The normal form of text for accent- and case-insensitive search: Latin letters folded to their base letter
/// ("Zoë Ñúñez" → "zoe nunez", "Łódź" → "lodz", "ß" → "ss"), lower-cased (invariant), whitespace runs collapsed to one
/// space. Stored in search columns on save and applied to search terms, so that both databases compare plain strings.
/// <para>
/// The folding is a table rather than <c>string.Normalize(FormD)</c> because the project runs with invariant
/// globalization, where Unicode normalisation is unavailable (it returns its input unchanged).
/// </para>
/// </summary>
public static class SearchText
{
    private const int TableStart = 0xC0;

    // The base letter of each code point from U+00C0 to U+024F ('.' = none); generated from Unicode decompositions,
    // plus letters with strokes (ł, đ, ø, ħ, ŧ), which have none but are searched for without them all the same.
    private const string FoldTable =
        "AAAAAA.CEEEEIIIIDNOOOOO.OUUUUYT.aaaaaa.ceeeeiiiidnooooo.ouuuuyty" +
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKk.LlLlLlL" +
        "lLlNnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz." +
        "b......................I..l.....Oo.............Uu....Zz........." +
        ".............AaIiOoUuUuUuUuUu.AaAa..GgGgKkOoOo..j...Gg..NnAa...." +
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............" +
        "................";

    public static string Normalize(string? text) => Fold([text]);

    /// <summary>Several fields in one search column, separated by a space.</summary>
    public static string Combine(params string?[] fields) => Fold(fields);

    // Normalises the fields as if joined by spaces, straight into one buffer (on the stack for the usual short text):
    // the import derives two search texts for each of hundreds of thousands of rows, and a joined string, a builder
    // and its copy for each were a measurable share of it.
    private static string Fold(ReadOnlySpan<string?> fields)
    {
        var most = 0;
        foreach (var field in fields)
        {
            most += (2 * (field?.Length ?? 0)) + 1; // 'ß', 'æ' and 'œ' become two letters; a space between fields
        }

        char[]? rented = null;
        var buffer = most <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(most));
        var length = 0;
        var pendingSpace = false;
        foreach (var field in fields)
        {
            foreach (var c in field ?? "")
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = length > 0;
                    continue;
                }

                // Combining marks (U+0300–U+036F) typed separately from their letter are dropped.
                if (c is >= '\u0300' and <= '\u036F')
                {
                    continue;
                }

                if (pendingSpace)
                {
                    buffer[length++] = ' ';
                    pendingSpace = false;
                }

                switch (c)
                {
                    case 'ß':
                        buffer[length++] = 's';
                        buffer[length++] = 's';
                        continue;
                    case 'æ' or 'Æ':
                        buffer[length++] = 'a';
                        buffer[length++] = 'e';
                        continue;
                    case 'œ' or 'Œ':
                        buffer[length++] = 'o';
                        buffer[length++] = 'e';
                        continue;
                }

                var folded = c >= TableStart && c - TableStart < FoldTable.Length && FoldTable[c - TableStart] != '.'
                    ? FoldTable[c - TableStart]
                    : c;
                buffer[length++] = char.ToLowerInvariant(folded);
            }

            // Fields are separated as if by a space, which collapses with any whitespace around it.
            pendingSpace = length > 0;
        }

        var result = length == 0 ? "" : new string(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }
}
