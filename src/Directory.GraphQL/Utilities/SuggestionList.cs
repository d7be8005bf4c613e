namespace Directory.GraphQL.Utilities;

/// <summary>
/// "Did you mean …" hints, with the same ranking as graphql-js (`jsutils/suggestionList.ts`, `didYouMean.ts`):
/// candidates within a Damerau–Levenshtein distance of 40% of the input's length (+1), nearest first, ties in
/// natural order, at most five quoted in an "or" list.
/// </summary>
internal static class SuggestionList
{
    private const int MaxSuggestions = 5;

    /// <summary>The options close enough to <paramref name="input"/> to suggest, best first.</summary>
    public static IReadOnlyList<string> List(string input, IEnumerable<string> options)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal);
        var measure = new LexicalDistance(input);
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        foreach (var option in options)
        {
            if (distances.ContainsKey(option))
            {
                continue;
            }
            var distance = measure.Measure(option, threshold);
            if (distance is { } d)
            {
                distances[option] = d;
            }
        }
        var result = distances.Keys.ToList();
        result.Sort((a, b) =>
        {
            var diff = distances[a] - distances[b];
            return diff != 0 ? diff : NaturalCompare(a, b);
        });
        return result;
    }

    /// <summary>" Did you mean "A", "B", or "C"?" — empty when there is nothing to suggest.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) => DidYouMean(null, suggestions);

    /// <summary>As <see cref="DidYouMean(IReadOnlyList{string})"/> with words before the list ("to use an inline fragment on").</summary>
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

    /// <summary>"a", "a or b", "a, b, or c".</summary>
    public static string OrList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => items[0] + " or " + items[1],
        _ => string.Join(", ", items.Take(items.Count - 1)) + ", or " + items[^1],
    };

    /// <summary>Compares strings treating runs of digits as numbers ("a2" before "a10"), as graphql-js naturalCompare.</summary>
    public static int NaturalCompare(string a, string b)
    {
        int ai = 0, bi = 0;
        while (ai < a.Length && bi < b.Length)
        {
            var ac = a[ai];
            var bc = b[bi];
            if (char.IsAsciiDigit(ac) && char.IsAsciiDigit(bc))
            {
                long an = 0;
                do
                {
                    ++ai;
                    an = (an * 10) + (ac - '0');
                    ac = ai < a.Length ? a[ai] : '\0';
                }
                while (char.IsAsciiDigit(ac) && an > 0);
                long bn = 0;
                do
                {
                    ++bi;
                    bn = (bn * 10) + (bc - '0');
                    bc = bi < b.Length ? b[bi] : '\0';
                }
                while (char.IsAsciiDigit(bc) && bn > 0);
                if (an != bn)
                {
                    return an < bn ? -1 : 1;
                }
            }
            else
            {
                if (ac != bc)
                {
                    return ac < bc ? -1 : 1;
                }
                ++ai;
                ++bi;
            }
        }
        return a.Length - b.Length;
    }

    /// <summary>Optimal string alignment distance, case-insensitive, with an early exit above the threshold.</summary>
    private sealed class LexicalDistance
    {
        private readonly string _input;
        private readonly string _inputLower;
        private readonly int[][] _rows;

        public LexicalDistance(string input)
        {
            _input = input;
            _inputLower = input.ToLowerInvariant();
            _rows = [new int[input.Length + 1], new int[input.Length + 1], new int[input.Length + 1]];
        }

        public int? Measure(string option, int threshold)
        {
            if (_input == option)
            {
                return 0;
            }
            var optionLower = option.ToLowerInvariant();
            if (_inputLower == optionLower)
            {
                return 1;
            }
            var a = optionLower;
            var b = _inputLower;
            if (a.Length < b.Length)
            {
                (a, b) = (b, a);
            }
            var aLength = a.Length;
            var bLength = b.Length;
            if (aLength - bLength > threshold)
            {
                return null;
            }
            var rows = _rows;
            for (var j = 0; j <= bLength; j++)
            {
                rows[0][j] = j;
            }
            for (var i = 1; i <= aLength; i++)
            {
                var upRow = rows[(i - 1) % 3];
                var currentRow = rows[i % 3];
                var smallestCell = currentRow[0] = i;
                for (var j = 1; j <= bLength; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var currentCell = Math.Min(Math.Min(upRow[j] + 1, currentRow[j - 1] + 1), upRow[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        currentCell = Math.Min(currentCell, rows[(i - 2) % 3][j - 2] + 1);
                    }
                    if (currentCell < smallestCell)
                    {
                        smallestCell = currentCell;
                    }
                    currentRow[j] = currentCell;
                }
                if (smallestCell > threshold)
                {
                    return null;
                }
            }
            var distance = rows[aLength % 3][bLength];
            return distance <= threshold ? distance : null;
        }
    }
}
