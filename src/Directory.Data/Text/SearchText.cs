using System.Text;

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

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            // Combining marks (U+0300–U+036F) typed separately from their letter are dropped.
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            switch (c)
            {
                case 'ß':
                    builder.Append("ss");
                    continue;
                case 'æ' or 'Æ':
                    builder.Append("ae");
                    continue;
                case 'œ' or 'Œ':
                    builder.Append("oe");
                    continue;
            }

            var folded = c >= TableStart && c - TableStart < FoldTable.Length && FoldTable[c - TableStart] != '.'
                ? FoldTable[c - TableStart]
                : c;
            builder.Append(char.ToLowerInvariant(folded));
        }

        return builder.ToString();
    }

    /// <summary>Several fields in one search column, separated by a space.</summary>
    public static string Combine(params string?[] fields) =>
        Normalize(string.Join(' ', fields.Where(f => !string.IsNullOrWhiteSpace(f))));
}
