using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Decides what each payload of an incremental response says (the graphql-js 17 work queue and publisher, in our
/// own terms). Delivery groups form a tree; a group is announced in <c>pending</c> once its parent completed (or
/// with the initial result), its tasks run once it is announced, and it is completed with the data of its tasks
/// once they all finished. A task shared by several groups is sent once, with the first of them to complete, under
/// the id whose path is closest (plus a <c>subPath</c>). Groups without tasks (everything in them was sent already)
/// are never announced; work under a place a null replaced is dropped.
/// </summary>
internal sealed class IncrementalPublisher
{
    private readonly List<DeliveryGroup> _released = [];
    private readonly List<StreamRecord> _streams = [];
    private int _nextId;

    public bool HasNext => _released.Count > 0 || _streams.Count > 0;

    /// <summary>Takes in the initial result's work; returns what its <c>pending</c> lists.</summary>
    public List<PendingResult> Begin(InitialUnit initial)
    {
        var (groups, streams) = Integrate(initial, parentTask: null);
        var roots = Prune(groups, []);
        var pending = new List<PendingResult>();
        foreach (var group in roots)
        {
            group.Released = true;
            _released.Add(group);
        }
        _streams.AddRange(streams);
        Announce(roots, streams, pending);
        return pending;
    }

    /// <summary>The tasks and streams that are announced and not started yet, marked started, in order.</summary>
    public List<object> TakeStartable()
    {
        var started = new List<object>();
        foreach (var group in _released)
        {
            foreach (var task in group.Tasks)
            {
                if (!task.Started)
                {
                    task.Started = true;
                    started.Add(task);
                }
            }
        }
        foreach (var stream in _streams)
        {
            if (!stream.Started)
            {
                stream.Started = true;
                started.Add(stream);
            }
        }
        return started;
    }

    /// <summary>Builds the next payload from the work that finished (in the order it was started).</summary>
    public SubsequentResult Publish(IReadOnlyList<object> finished)
    {
        var payload = new SubsequentResult();
        foreach (var work in finished)
        {
            switch (work)
            {
                case DeferredTask { Removed: true }:
                    break;
                case DeferredTask { Failure: { } failure } task:
                    TaskFailed(task, failure, payload);
                    break;
                case DeferredTask task:
                    TaskSucceeded(task, payload);
                    break;
                case StreamRecord stream:
                    StreamFinished(stream, payload);
                    break;
            }
        }
        payload.HasNext = HasNext;
        return payload;
    }

    /// <summary>Everything still announced, completed with one error (the request timed out or was cut short).</summary>
    public SubsequentResult Abandon(GraphQLError error)
    {
        var payload = new SubsequentResult();
        foreach (var group in _released)
        {
            Complete(group.Id!, [error], payload);
            group.Id = null;
        }
        foreach (var stream in _streams)
        {
            Complete(stream.Id!, [error], payload);
            stream.Id = null;
        }
        _released.Clear();
        _streams.Clear();
        return payload;
    }

    private (List<DeliveryGroup> Groups, List<StreamRecord> Streams) Integrate(IncrementalUnit unit, DeferredTask? parentTask)
    {
        var newRoots = new List<DeliveryGroup>();
        var made = new HashSet<DeliveryGroup>(unit.NewGroups, ReferenceEqualityComparer.Instance);
        var visited = new HashSet<DeliveryGroup>(ReferenceEqualityComparer.Instance);
        foreach (var group in unit.NewGroups)
        {
            AddGroup(group, made, visited, newRoots, parentTask);
        }
        foreach (var task in unit.NewTasks)
        {
            if (task.Anchor.IsDetachedFromRoot())
            {
                continue;
            }
            foreach (var group in task.Groups)
            {
                if (group.InGraph)
                {
                    group.Tasks.Add(task);
                    group.Pending++;
                }
            }
        }
        var streams = unit.NewStreams.FindAll(s => !s.Anchor.IsDetachedFromRoot());
        if (parentTask is null)
        {
            return (newRoots, streams);
        }
        // Streams found by a deferred task start when its fragment completes.
        parentTask.ChildStreams.AddRange(streams);
        return (newRoots, []);
    }

    private static void AddGroup(DeliveryGroup group, HashSet<DeliveryGroup> made, HashSet<DeliveryGroup> visited, List<DeliveryGroup> newRoots, DeferredTask? parentTask)
    {
        if (!visited.Add(group))
        {
            return;
        }
        if (group.Parent is { } parent)
        {
            if (made.Contains(parent))
            {
                AddGroup(parent, made, visited, newRoots, parentTask);
            }
            if (!parent.InGraph)
            {
                return;
            }
        }
        group.InGraph = true;
        if (group.Parent is not null)
        {
            group.Parent.Children.Add(group);
        }
        else if (parentTask is null)
        {
            newRoots.Add(group);
        }
    }

    /// <summary>Groups with tasks, in order; a group without any is dropped and its children take its place.</summary>
    private static List<DeliveryGroup> Prune(List<DeliveryGroup> groups, List<DeliveryGroup> kept)
    {
        foreach (var group in groups)
        {
            if (!group.InGraph)
            {
                continue;
            }
            if (group.Tasks.Count == 0)
            {
                group.InGraph = false;
                Prune(group.Children, kept);
            }
            else
            {
                kept.Add(group);
            }
        }
        return kept;
    }

    private void TaskSucceeded(DeferredTask task, SubsequentResult payload)
    {
        task.Done = true;
        Integrate(task, task);
        var newGroups = new List<DeliveryGroup>();
        var newStreams = new List<StreamRecord>();
        foreach (var group in task.Groups)
        {
            if (group.InGraph)
            {
                group.Pending--;
                MaybeComplete(group, newGroups, newStreams, payload);
            }
        }
        Release(newGroups, newStreams, payload);
    }

    private void MaybeComplete(DeliveryGroup group, List<DeliveryGroup> newGroups, List<StreamRecord> newStreams, SubsequentResult payload)
    {
        if (!group.Released || group.Pending != 0)
        {
            return;
        }
        group.InGraph = false;
        var id = group.Id!;
        var childStreams = new List<StreamRecord>();
        foreach (var task in group.Tasks.ToArray())
        {
            if (task.Done)
            {
                var (bestId, subPath) = BestIdAndSubPath(group, id, task);
                payload.Incremental.Add(new IncrementalEntry(bestId, task.Root, null, task.Errors.Count > 0 ? [.. task.Errors] : null, subPath));
                childStreams.AddRange(task.ChildStreams);
            }
            Remove(task);
        }
        var children = Prune(group.Children, []);
        _released.Remove(group);
        Complete(id, null, payload);
        group.Id = null;
        Announce(children, childStreams, payload.Pending);
        newGroups.AddRange(children);
        newStreams.AddRange(childStreams);
    }

    /// <summary>Announced groups start now (those whose tasks all finished already complete at once), streams too.</summary>
    private void Release(List<DeliveryGroup> groups, List<StreamRecord> streams, SubsequentResult payload)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            group.Released = true;
            _released.Add(group);
            if (group.InGraph)
            {
                MaybeComplete(group, groups, streams, payload);
            }
        }
        _streams.AddRange(streams);
    }

    private void TaskFailed(DeferredTask task, GraphQLError failure, SubsequentResult payload)
    {
        foreach (var group in task.Groups)
        {
            if (group.InGraph && group.Released)
            {
                Complete(group.Id!, [failure], payload);
                group.Id = null;
                RemoveGroup(group);
            }
        }
    }

    private void RemoveGroup(DeliveryGroup group)
    {
        _released.Remove(group);
        group.InGraph = false;
        foreach (var task in group.Tasks.ToArray())
        {
            if (Array.TrueForAll(task.Groups, g => !g.InGraph))
            {
                Remove(task);
            }
        }
        foreach (var child in group.Children)
        {
            if (child.InGraph)
            {
                RemoveGroup(child);
            }
        }
    }

    private static void Remove(DeferredTask task)
    {
        foreach (var group in task.Groups)
        {
            group.Tasks.Remove(task);
        }
        task.Removed = true;
    }

    private void StreamFinished(StreamRecord stream, SubsequentResult payload)
    {
        var items = new List<object?>();
        var errors = new List<GraphQLError>();
        var newGroups = new List<DeliveryGroup>();
        var newStreams = new List<StreamRecord>();
        GraphQLError? failure = null;
        foreach (var item in stream.Completed)
        {
            if (item.Failure is not null)
            {
                // Items after a failed one are not sent: the stream ends there, as an iterator that threw would.
                failure = item.Failure;
                break;
            }
            items.Add(item.Holder[0]);
            errors.AddRange(item.Errors);
            var (groups, streams) = Integrate(item, parentTask: null);
            var kept = Prune(groups, []);
            Release(kept, streams, payload);
            newGroups.AddRange(kept);
            newStreams.AddRange(streams);
        }
        if (items.Count > 0)
        {
            payload.Incremental.Add(new IncrementalEntry(stream.Id!, null, items, errors.Count > 0 ? errors : null, null));
            Announce(newGroups, newStreams, payload.Pending);
        }
        _streams.Remove(stream);
        Complete(stream.Id!, failure is null ? null : [failure], payload);
        stream.Id = null;
    }

    private static (string Id, IReadOnlyList<object>? SubPath) BestIdAndSubPath(DeliveryGroup group, string id, DeferredTask task)
    {
        var length = group.Path.Count;
        var bestId = id;
        foreach (var other in task.Groups)
        {
            if (!ReferenceEquals(other, group) && other.Id is { } otherId && other.Path.Count > length)
            {
                length = other.Path.Count;
                bestId = otherId;
            }
        }
        return (bestId, task.Path.Count > length ? [.. task.Path.Skip(length)] : null);
    }

    private void Announce(List<DeliveryGroup> groups, List<StreamRecord> streams, List<PendingResult> pending)
    {
        foreach (var group in groups)
        {
            group.Id = NextId();
            pending.Add(new PendingResult(group.Id, group.Path, group.Label));
        }
        foreach (var stream in streams)
        {
            stream.Id = NextId();
            pending.Add(new PendingResult(stream.Id, stream.Path, stream.Label));
        }
    }

    private string NextId() => (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Complete(string id, IReadOnlyList<GraphQLError>? errors, SubsequentResult payload) =>
        payload.Completed.Add(new CompletedResult(id, errors));
}
