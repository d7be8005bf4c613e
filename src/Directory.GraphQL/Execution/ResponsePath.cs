namespace Directory.GraphQL.Execution;

/// <summary>
/// The position of a value in the response (spec §7.1.2 "path"), as an immutable linked list from leaf to root so
/// that executing a field costs one small node, and the array form is only built when an error needs it.
/// </summary>
public sealed class ResponsePath
{
    private ResponsePath(ResponsePath? parent, string? name, int index, int depth)
    {
        Parent = parent;
        Name = name;
        Index = index;
        Depth = depth;
    }

    /// <summary>The enclosing segment; null at a root field.</summary>
    public ResponsePath? Parent { get; }

    /// <summary>The response name (alias or field name), or null when this segment is a list index.</summary>
    public string? Name { get; }

    /// <summary>The list index when <see cref="Name"/> is null.</summary>
    public int Index { get; }

    /// <summary>Number of segments from the root, including this one.</summary>
    public int Depth { get; }

    /// <summary>A path of one root field.</summary>
    public static ResponsePath Root(string name) => new(null, name, -1, 1);

    /// <summary>This path extended by a field's response name.</summary>
    public ResponsePath Append(string name) => new(this, name, -1, Depth + 1);

    /// <summary>This path extended by a list index.</summary>
    public ResponsePath Append(int index) => new(this, null, index, Depth + 1);

    /// <summary>The path as the response writes it: strings for field names and ints for list indices, root first.</summary>
    public IReadOnlyList<object> ToList()
    {
        var segments = new object[Depth];
        var current = this;
        for (var i = Depth - 1; i >= 0; i--)
        {
            segments[i] = current!.Name ?? (object)current.Index;
            current = current.Parent;
        }
        return segments;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join('.', ToList());
}
