namespace Directory.GraphQL.Utilities;

/// <summary>
/// Sorts the way JavaScript's Array.prototype.sort does in V8 for short arrays (TimSort: the initial run, then
/// binary insertion). graphql-js orders "Did you mean" type suggestions with a comparator that is not a total
/// order, so only the same algorithm yields the same order; longer lists fall back to a stable sort.
/// </summary>
internal static class JsSort
{
    private const int MinRun = 64;

    public static void Sort<T>(List<T> items, Comparison<T> compare)
    {
        var n = items.Count;
        if (n < 2)
        {
            return;
        }
        if (n >= MinRun)
        {
            var stable = items.Select((item, index) => (item, index)).ToList();
            stable.Sort((a, b) => compare(a.item, b.item) is var c && c != 0 ? c : a.index.CompareTo(b.index));
            for (var i = 0; i < n; i++)
            {
                items[i] = stable[i].item;
            }
            return;
        }
        var runLength = CountAndMakeRun(items, compare);
        for (var start = runLength; start < n; start++)
        {
            var pivot = items[start];
            int left = 0, right = start;
            while (left < right)
            {
                var mid = left + ((right - left) >> 1);
                if (compare(pivot, items[mid]) < 0)
                {
                    right = mid;
                }
                else
                {
                    left = mid + 1;
                }
            }
            for (var p = start; p > left; p--)
            {
                items[p] = items[p - 1];
            }
            items[left] = pivot;
        }
    }

    // The leading run: ascending, or strictly descending (then reversed in place).
    private static int CountAndMakeRun<T>(List<T> items, Comparison<T> compare)
    {
        var n = items.Count;
        var runLength = 2;
        var isDescending = compare(items[1], items[0]) < 0;
        var previous = items[1];
        for (var i = 2; i < n; i++)
        {
            var current = items[i];
            var order = compare(current, previous);
            if (isDescending ? order >= 0 : order < 0)
            {
                break;
            }
            previous = current;
            runLength++;
        }
        if (isDescending)
        {
            items.Reverse(0, runLength);
        }
        return runLength;
    }
}
