namespace Directory.GraphQL.Execution;

/// <summary>
/// Response paths read back from the result tree: every result node knows its parent and slot, so executing a
/// field allocates no path at all; the path is only built for an error or a resolver that asks for it.
/// </summary>
internal static class ResultPaths
{
    public static IReadOnlyList<object> ToList(ResultNode parent, int slot)
    {
        var depth = 1;
        var root = parent;
        for (; root.Parent is not null; root = root.Parent)
        {
            depth++;
        }
        // A streamed item's holder list has the item's whole path as its prefix, so its own slot adds nothing.
        var prefix = root.PathPrefix ?? [];
        if (root.PathPrefix is not null && root is ResultList)
        {
            depth--;
        }
        var segments = new object[prefix.Count + depth];
        for (var i = 0; i < prefix.Count; i++)
        {
            segments[i] = prefix[i];
        }
        var current = parent;
        var currentSlot = slot;
        for (var i = segments.Length - 1; i >= prefix.Count; i--)
        {
            segments[i] = Segment(current!, currentSlot);
            currentSlot = current!.Slot;
            current = current.Parent;
        }
        return segments;
    }

    /// <summary>The path of a node itself (empty for the response's root object).</summary>
    public static IReadOnlyList<object> Of(ResultNode node) =>
        node.Parent is null ? node.PathPrefix ?? [] : ToList(node.Parent, node.Slot);

    public static ResponsePath Build(ResultNode parent, int slot)
    {
        var segments = ToList(parent, slot);
        var path = ResponsePath.Root((string)segments[0]);
        for (var i = 1; i < segments.Count; i++)
        {
            path = segments[i] is int index ? path.Append(index) : path.Append((string)segments[i]);
        }
        return path;
    }

    private static object Segment(ResultNode node, int slot) => node switch
    {
        ResultObject obj => obj.Names.Names[slot],
        _ => slot,
    };
}
