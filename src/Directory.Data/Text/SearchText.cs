using System.Globalization;
using System.Text;

namespace Directory.Data.Text;

/// <summary>
/// The normal form of text for accent- and case-insensitive search: decomposed, combining marks removed, lower-cased
/// (invariant), whitespace runs collapsed to one space. Stored in search columns on save and applied to the search
/// term, so that both databases compare plain strings ("Zoë" and "ZOE" both become "zoe").
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Several fields in one search column, separated by a space.</summary>
    public static string Combine(params string?[] fields) =>
        Normalize(string.Join(' ', fields.Where(f => !string.IsNullOrWhiteSpace(f))));
}
