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
        for (var node = parent; node.Parent is not null; node = node.Parent)
        {
            depth++;
        }
        var segments = new object[depth];
        var current = parent;
        var currentSlot = slot;
        for (var i = depth - 1; i >= 0; i--)
        {
            segments[i] = Segment(current!, currentSlot);
            currentSlot = current!.Slot;
            current = current.Parent;
        }
        return segments;
    }

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
