using Directory.GraphQL.Errors;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Something executed on its own under incremental delivery: the initial result, a deferred fragment's fields at
/// one place (<see cref="DeferredTask"/>) or one streamed item (<see cref="StreamItem"/>). Each keeps its own
/// errors, the failure that nulled its root (a non-null field error reaching it), and the deferred work it found.
/// </summary>
internal abstract class IncrementalUnit
{
    public List<DeliveryGroup> NewGroups { get; } = [];

    public List<DeferredTask> NewTasks { get; } = [];

    public List<StreamRecord> NewStreams { get; } = [];

    public abstract List<GraphQLError> Errors { get; }

    public GraphQLError? Failure { get; set; }
}

internal sealed class InitialUnit(List<GraphQLError> errors) : IncrementalUnit
{
    public override List<GraphQLError> Errors { get; } = errors;
}

/// <summary>
/// A deferred fragment at one place in the response (graphql-js "delivery group"): announced as pending when its
/// parent fragment (or the initial result) is complete, completed when all its tasks are.
/// </summary>
internal sealed class DeliveryGroup(string? label, IReadOnlyList<object> path, DeliveryGroup? parent)
{
    public string? Label { get; } = label;

    public IReadOnlyList<object> Path { get; } = path;

    public DeliveryGroup? Parent { get; } = parent;

    public List<DeliveryGroup> Children { get; } = [];

    public List<DeferredTask> Tasks { get; } = [];

    public int Pending { get; set; }

    public bool InGraph { get; set; }

    public bool Released { get; set; }

    /// <summary>The id announced in <c>pending</c>; null before that and after <c>completed</c>.</summary>
    public string? Id { get; set; }
}

/// <summary>Fields waiting for one set of deferred fragments at one object (graphql-js "execution group").</summary>
internal sealed class DeferredTask : IncrementalUnit
{
    public DeferredTask(DeliveryGroup[] groups, ResultObject anchor, SelectionSetPlan plan, object? source, IReadOnlyDictionary<DeferUsage, DeliveryGroup> scope)
    {
        Groups = groups;
        Anchor = anchor;
        Path = ResultPaths.Of(anchor);
        Plan = plan;
        Source = source;
        Scope = scope;
        Root = new ResultObject(plan.Names, null, -1, slotIsNonNull: false) { PathPrefix = Path };
    }

    public DeliveryGroup[] Groups { get; }

    /// <summary>The object the fields belong to in the response; when a null replaces it the task is dropped.</summary>
    public ResultObject Anchor { get; }

    public IReadOnlyList<object> Path { get; }

    public SelectionSetPlan Plan { get; }

    public object? Source { get; }

    public IReadOnlyDictionary<DeferUsage, DeliveryGroup> Scope { get; }

    /// <summary>The task's data: the fields of <see cref="Plan"/> only.</summary>
    public ResultObject Root { get; }

    public override List<GraphQLError> Errors { get; } = [];

    public List<StreamRecord> ChildStreams { get; } = [];

    public bool Started { get; set; }

    public bool Done { get; set; }

    public bool Removed { get; set; }
}

/// <summary>The items of a @stream field after its <c>initialCount</c>.</summary>
internal sealed class StreamRecord(string? label, ResultList anchor, Selection selection, GraphQLType itemType, List<object?> items, int firstIndex)
{
    public string? Label { get; } = label;

    /// <summary>The list as the initial part of the response has it; when a null replaces it the stream is dropped.</summary>
    public ResultList Anchor { get; } = anchor;

    public IReadOnlyList<object> Path { get; } = ResultPaths.Of(anchor);

    public Selection Selection { get; } = selection.StreamItemSelection;

    public GraphQLType ItemType { get; } = itemType;

    public List<object?> Items { get; } = items;

    public int FirstIndex { get; } = firstIndex;

    public List<StreamItem> Completed { get; } = [];

    public bool Started { get; set; }

    public string? Id { get; set; }
}

/// <summary>One streamed item, completed into a one-slot holder list whose path prefix is the item's path.</summary>
internal sealed class StreamItem : IncrementalUnit
{
    public StreamItem(StreamRecord stream, int index)
    {
        Holder = new ResultList(1, null, 0, slotIsNonNull: false) { PathPrefix = [.. stream.Path, index] };
    }

    public ResultList Holder { get; }

    public override List<GraphQLError> Errors { get; } = [];
}
