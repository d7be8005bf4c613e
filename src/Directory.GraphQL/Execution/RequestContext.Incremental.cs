using Directory.GraphQL.Errors;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Incremental delivery (@defer, @stream) inside one request's execution: which unit (initial result, deferred task,
/// streamed item) a result node belongs to, which delivery groups are in scope at a place, and starting the work the
/// publisher releases. All of it runs on the request's scheduler loop, so it needs no locks.
/// </summary>
internal sealed partial class RequestContext
{
    // The root of every unit, and each object where new delivery groups were made, maps to the groups in scope there.
    private Dictionary<ResultNode, DeferScope>? _scopes;

    public InitialUnit? InitialUnit { get; private set; }

    private sealed record DeferScope(IReadOnlyDictionary<DeferUsage, DeliveryGroup> Groups, IncrementalUnit Owner);

    private static readonly Dictionary<DeferUsage, DeliveryGroup> NoGroups = [];

    private void EnableIncrementalDelivery()
    {
        InitialUnit = new InitialUnit(_errors ??= []);
        _scopes = new Dictionary<ResultNode, DeferScope>(ReferenceEqualityComparer.Instance)
        {
            [_root] = new DeferScope(NoGroups, InitialUnit),
        };
    }

    private DeferScope ScopeOf(ResultNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (_scopes!.TryGetValue(current, out var scope))
            {
                return scope;
            }
        }
        throw new InvalidOperationException("A result node outside every incremental unit.");
    }

    private IncrementalUnit UnitOf(ResultNode node) => ScopeOf(node).Owner;

    /// <summary>
    /// Before a selection set's immediate fields run: a delivery group for each @defer met first here (its parent is
    /// the group of the enclosing @defer), in scope for everything below. Returns them; they join the unit's work
    /// after the immediate fields (so groups found deeper come first, as in graphql-js).
    /// </summary>
    private DeliveryGroup[] OpenDeferScope(SelectionSetPlan plan, ResultObject result)
    {
        if (plan.NewDeferUsages.Length == 0)
        {
            return [];
        }
        var scope = ScopeOf(result);
        var path = ResultPaths.Of(result);
        var extended = new Dictionary<DeferUsage, DeliveryGroup>(scope.Groups);
        var created = new DeliveryGroup[plan.NewDeferUsages.Length];
        for (var i = 0; i < created.Length; i++)
        {
            var usage = plan.NewDeferUsages[i];
            var parent = usage.Parent is not null && extended.TryGetValue(usage.Parent, out var p) ? p : null;
            created[i] = extended[usage] = new DeliveryGroup(usage.Label, path, parent);
        }
        _scopes![result] = new DeferScope(extended, scope.Owner);
        return created;
    }

    /// <summary>After the immediate fields started: the new groups, and a task for each group of deferred fields.</summary>
    private void CollectDeferredWork(SelectionSetPlan plan, object? source, ResultObject result, DeliveryGroup[] newGroups)
    {
        var scope = ScopeOf(result);
        scope.Owner.NewGroups.AddRange(newGroups);
        foreach (var deferred in plan.Deferred)
        {
            var taskGroups = new List<DeliveryGroup>(deferred.Usages.Length);
            foreach (var usage in deferred.Usages)
            {
                if (scope.Groups.TryGetValue(usage, out var group))
                {
                    taskGroups.Add(group);
                }
            }
            var task = new DeferredTask([.. taskGroups], result, deferred.Plan, source, scope.Groups);
            _scopes![task.Root] = new DeferScope(scope.Groups, task);
            scope.Owner.NewTasks.Add(task);
        }
    }

    /// <summary>
    /// A @stream list: the first <c>initialCount</c> items are completed now, the rest become a stream. As in graphql-js
    /// a list shorter than <c>initialCount</c> is simply sent whole.
    /// </summary>
    private bool TryStream(Selection selection, ListType type, List<object?> items, ResultNode parent, int slot, bool nonNull)
    {
        var initialCount = IncrementalDirectives.InitialCount(selection.Stream!, Variables);
        if (initialCount < 0)
        {
            throw new GraphQLError("initialCount must be a positive integer");
        }
        if (items.Count < initialCount)
        {
            return false;
        }
        var result = new ResultList(initialCount, parent, slot, nonNull);
        parent.SetSlot(slot, result);
        for (var i = 0; i < initialCount && !result.IsDetached; i++)
        {
            CompleteValue(selection, type.OfType, items[i], result, i);
        }
        var rest = items.GetRange(initialCount, items.Count - initialCount);
        UnitOf(result).NewStreams.Add(new StreamRecord(
            IncrementalDirectives.Label(selection.Stream!), result, selection, type.OfType, rest, initialCount));
        return true;
    }

    /// <summary>Queues a released deferred task on the loop.</summary>
    public void Start(DeferredTask task) =>
        Scheduler.Enqueue(static state =>
        {
            var (context, t) = ((RequestContext, DeferredTask))state!;
            context.ExecuteSelectionSet(t.Plan, t.Source, t.Root);
        }, (this, task));

    /// <summary>Queues a released stream's items on the loop, each completed on its own.</summary>
    public void Start(StreamRecord stream) =>
        Scheduler.Enqueue(static state =>
        {
            var (context, s) = ((RequestContext, StreamRecord))state!;
            for (var i = 0; i < s.Items.Count; i++)
            {
                var item = new StreamItem(s, s.FirstIndex + i);
                context._scopes![item.Holder] = new DeferScope(NoGroups, item);
                s.Completed.Add(item);
                context.CompleteValue(s.Selection, s.ItemType, s.Items[i], item.Holder, 0);
            }
        }, (this, stream));

    /// <summary>Runs what was started until all of it (and everything it started) has finished.</summary>
    public Task RunStartedAsync() => Scheduler.RunAsync(null, CancellationToken);
}
