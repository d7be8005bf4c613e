namespace Directory.GraphQL.Types;

/// <summary>"Did you mean …?" hints ranked by Damerau-Levenshtein distance, as graphql-js's suggestionList does.</summary>
internal static class Suggestions
{
    private const int MaxSuggestions = 5;

    public static IReadOnlyList<string> List(string input, IEnumerable<string> options)
    {
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var inputLower = input.ToLowerInvariant();
        var found = new List<(string Option, int Distance)>();
        foreach (var option in options)
        {
            var distance = Measure(input, inputLower, option, threshold);
            if (distance is { } d)
            {
                found.Add((option, d));
            }
        }
        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : NaturalCompare(a.Option, b.Option));
        return found.Select(f => f.Option).ToList();
    }

    public static string DidYouMean(string? subMessage, IReadOnlyList<string> suggestions)
    {
        if (suggestions.Count == 0)
        {
            return "";
        }
        var message = " Did you mean ";
        if (subMessage is not null)
        {
            message += subMessage + " ";
        }
        var quoted = suggestions.Take(MaxSuggestions).Select(s => "\"" + s + "\"").ToList();
        return message + OrList(quoted) + "?";
    }

    private static string OrList(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => items[0] + " or " + items[1],
        _ => string.Join(", ", items.Take(items.Count - 1)) + ", or " + items[^1],
    };

    private static int? Measure(string input, string inputLower, string option, int threshold)
    {
        if (input == option)
        {
            return 0;
        }
        var optionLower = option.ToLowerInvariant();
        if (inputLower == optionLower)
        {
            return 1;
        }
        var a = optionLower;
        var b = inputLower;
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }
        if (a.Length - b.Length > threshold)
        {
            return null;
        }
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }
        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var up = rows[(i - 1) % 3];
            var current = rows[i % 3];
            var smallest = current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var cell = Math.Min(Math.Min(up[j] + 1, current[j - 1] + 1), up[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    cell = Math.Min(cell, rows[(i - 2) % 3][j - 2] + 1);
                }
                smallest = Math.Min(smallest, cell);
                current[j] = cell;
            }
            if (smallest > threshold)
            {
                return null;
            }
        }
        var distance = rows[a.Length % 3][b.Length];
        return distance <= threshold ? distance : null;
    }

    /// <summary>Compares strings treating runs of digits as numbers (graphql-js naturalCompare).</summary>
    private static int NaturalCompare(string a, string b)
    {
        int ai = 0, bi = 0;
        while (ai < a.Length && bi < b.Length)
        {
            if (char.IsAsciiDigit(a[ai]) && char.IsAsciiDigit(b[bi]))
            {
                var aStart = ai;
                while (ai < a.Length && char.IsAsciiDigit(a[ai]))
                {
                    ai++;
                }
                var bStart = bi;
                while (bi < b.Length && char.IsAsciiDigit(b[bi]))
                {
                    bi++;
                }
                var an = decimal.Parse(a[aStart..ai], System.Globalization.CultureInfo.InvariantCulture);
                var bn = decimal.Parse(b[bStart..bi], System.Globalization.CultureInfo.InvariantCulture);
                if (an != bn)
                {
                    return an < bn ? -1 : 1;
                }
            }
            else
            {
                if (a[ai] != b[bi])
                {
                    return a[ai] < b[bi] ? -1 : 1;
                }
                ai++;
                bi++;
            }
        }
        return (a.Length - ai).CompareTo(b.Length - bi);
    }
}
