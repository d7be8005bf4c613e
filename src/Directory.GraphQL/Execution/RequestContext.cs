using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Telemetry;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Executes one operation (spec §6.2–§6.4, graphql-js <c>execute.ts</c>) and holds the request's state. Resolver
/// results that are already complete are completed inline; pending ones are resumed on the request's
/// <see cref="ExecutionScheduler"/>. Field errors are recorded and their null propagated to the nearest nullable
/// ancestor in the result tree (spec §6.4.4).
/// </summary>
internal sealed partial class RequestContext
{
    // Made on the first error (or for incremental delivery): most requests have none.
    private List<GraphQLError>? _errors;
    private readonly ResultObject _root;
    private bool _dataIsNull;
    private int _nextSerialField;

    public RequestContext(
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider services,
        ExecutorOptions options,
        object? rootValue,
        CancellationToken cancellationToken)
    {
        Plan = plan;
        Variables = variables;
        Extensions = extensions ?? EmptyExtensions;
        Services = services;
        Options = options;
        _minimumWrittenRun = MinimumWrittenRun(options, plan);
        RootValue = rootValue;
        CancellationToken = cancellationToken;
        Scheduler = new ExecutionScheduler(options.MaxConcurrentBatches) { Telemetry = Telemetry };
        _root = new ResultObject(plan.Root.Names, null, -1, slotIsNonNull: false);
        if (plan.Incremental)
        {
            EnableIncrementalDelivery();
        }
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> EmptyExtensions = new Dictionary<string, JsonElement>();

    public OperationPlan Plan { get; }

    public Schema Schema => Plan.Schema;

    public OperationDefinitionNode Operation => Plan.Operation;

    public IReadOnlyDictionary<string, object?> Variables { get; }

    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    public IServiceProvider Services { get; }

    public ExecutorOptions Options { get; }

    // Read from the options rather than kept: a request's every field counts (the written JSON's bytes take its place).
    public GraphQLTelemetry Telemetry => Options.Telemetry ?? GraphQLTelemetry.Default;

    public object? RootValue { get; }

    public CancellationToken CancellationToken { get; }

    public ExecutionScheduler Scheduler { get; }

    // Most requests use neither loaders nor request state: both are made on first use (a resolver may touch them
    // from a continuation off the loop, hence the interlocked publication).
    private DataLoaderRegistry? _loaders;
    private ConcurrentDictionary<string, object?>? _state;

    public DataLoaderRegistry Loaders =>
        _loaders ?? Interlocked.CompareExchange(ref _loaders, new DataLoaderRegistry(Scheduler, CancellationToken), null) ?? _loaders;

    public ConcurrentDictionary<string, object?> State =>
        _state ?? Interlocked.CompareExchange(ref _state, new ConcurrentDictionary<string, object?>(StringComparer.Ordinal), null) ?? _state;

    public IReadOnlyList<GraphQLError> Errors => _errors ?? (IReadOnlyList<GraphQLError>)[];

    /// <summary>Runs the operation to completion (or cancellation) and returns its data (null when the root was nulled).</summary>
    public ValueTask<ResultObject?> RunAsync()
    {
        if (Plan.Operation.Operation == OperationType.Mutation)
        {
            // Mutation root fields run one after another: the next starts when everything the previous one
            // started (including its DataLoader batches) has finished (spec §6.2.2).
            StartNextSerialField();
            return RunLoopAsync(StartNextSerialField);
        }
        // The root fields run at once, on the caller's thread with the scheduler as the synchronization context (as
        // its loop would run them). When every resolver completed synchronously there is nothing left for the loop:
        // the common warm request then finishes without a queued callback, a loop or a task.
        Scheduler.RunInline(static state => ((RequestContext)state!).ExecuteRootFields(), this, CancellationToken);
        if (!Scheduler.IsIdle)
        {
            return RunLoopAsync(null);
        }
        SealJson();
        return new ValueTask<ResultObject?>(_dataIsNull ? null : _root);
    }

    private async ValueTask<ResultObject?> RunLoopAsync(Func<bool>? onIdle)
    {
        await Scheduler.RunAsync(onIdle, CancellationToken).ConfigureAwait(false);
        SealJson();
        return _dataIsNull ? null : _root;
    }

    private void ExecuteRootFields() => ExecuteSelectionSet(Plan.Root, RootValue, _root);

    private bool StartNextSerialField()
    {
        if (_dataIsNull || _nextSerialField >= Plan.Root.Selections.Length)
        {
            return false;
        }
        var index = _nextSerialField++;
        Scheduler.Enqueue(
            static state =>
            {
                var (context, i) = ((RequestContext, int))state!;
                var selection = context.Plan.Root.Selections[i];
                selection.Execute(context, selection, context.RootValue, context._root);
            },
            (this, index));
        return true;
    }

    private void ExecuteSelectionSet(SelectionSetPlan plan, object? source, ResultObject result)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var newGroups = plan.HasIncrementalWork && _scopes is not null ? OpenDeferScope(plan, result) : null;
        var selections = plan.Selections;
        for (var i = 0; i < selections.Length; i++)
        {
            if (result.IsDetached)
            {
                return;
            }
            var selection = selections[i];
            selection.Execute(this, selection, source, result);
        }
        if (newGroups is not null)
        {
            CollectDeferredWork(plan, source, result, newGroups);
        }
    }

    /// <summary>
    /// A field with a resolver (or arguments, or an argument error): the general case of ExecuteField (spec §6.4.2).
    /// Fields read by a property getter have executions of their own (<see cref="FieldExecutions"/>).
    /// </summary>
    internal void ResolveField(Selection selection, object? source, ResultObject result)
    {
        var slot = selection.Index;
        object? value;
        ResolverContext? context = null;
        try
        {
            var pending = CallResolver(selection, source, result, writing: null, out context);
            if (!pending.IsCompletedSuccessfully)
            {
                if (!pending.IsCompleted)
                {
                    // The resolver's work goes on with its context: that one is not reused.
                    AwaitField(selection, result, pending.AsTask());
                    return;
                }
            }
            value = pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            HandleFieldError(selection, ex, selection.Type is NonNullType, result, slot);
            Reuse(context);
            return;
        }
        if (value is not null && selection.IsVerbatim(value))
        {
            // The commonest field of all: a built-in scalar already of its response type (what CompleteValue would
            // keep as it is), put in place without dispatching on the type.
            result.Slots[slot] = value;
            Reuse(context);
            return;
        }
        CompleteValue(selection, selection.Type, value, result, slot);
        Reuse(context);
    }

    /// <summary>
    /// Calls a field's resolver with a context (the spare one when it is free) whose place in the response is
    /// <paramref name="result"/>, the object the value goes into, or <paramref name="writing"/>, the direct writer
    /// writing it (<see cref="ResolverContext.Path"/> comes from either). <paramref name="context"/> stays as it was
    /// when the arguments cannot be coerced.
    /// </summary>
    private ValueTask<object?> CallResolver(Selection selection, object? source, ResultObject? result, DirectJsonSession? writing, out ResolverContext? context)
    {
        var arguments = selection.StaticArguments ?? ArgumentsOf(selection);
        context = _spareContext ?? new ResolverContext { Request = this };
        _spareContext = null;
        context.Parent = source;
        context.Arguments = arguments;
        context.Selection = selection;
        if (writing is null)
        {
            context.ResultParent = result;
        }
        else
        {
            context.Writing = writing;
        }
        var resolver = selection.Resolver ?? DefaultFieldResolver.Resolve;
        return Telemetry.TraceResolvers ? ResolveTraced(resolver, context, selection) : resolver(context);
    }

    // A field's arguments depend only on the document and the request's variables: coerced once per request and field,
    // not once per list item (issue 18 §7). Indexed by VariableArguments.Slot; made on the first such field.
    private IReadOnlyDictionary<string, object?>?[]? _coercedArguments;

    private IReadOnlyDictionary<string, object?> ArgumentsOf(Selection selection)
    {
        if (selection.VariableArguments is not { } compiled)
        {
            return selection.CoerceArguments(Variables);
        }
        var slot = compiled.Slot;
        var cache = _coercedArguments;
        if (cache is not null && slot < cache.Length && cache[slot] is { } coerced)
        {
            return coerced;
        }
        coerced = compiled.Coerce(Variables);
        if (cache is null || slot >= cache.Length)
        {
            Array.Resize(ref _coercedArguments, Math.Max(slot + 1, Plan.ArgumentSlotCount));
        }
        _coercedArguments![slot] = coerced;
        return coerced;
    }

    // A resolver that completed synchronously is done with its context once its value (and everything under it) is
    // complete: the next resolver call of the request takes it instead of a new one (issue 18 §7). Resolver code runs
    // on the request's single logical thread (ExecutionScheduler), so one spare needs no synchronisation.
    private ResolverContext? _spareContext;

    private void Reuse(ResolverContext? context)
    {
        if (context is not null)
        {
            context.Reset();
            _spareContext = context;
        }
    }

    /// <summary>
    /// Runs a resolver inside its own span (<see cref="GraphQLTelemetry.TraceResolvers"/>), which ends when the value is
    /// complete. The span is current only while the resolver runs synchronously: the fields resolved after it on this
    /// loop are its siblings, not its children.
    /// </summary>
    private ValueTask<object?> ResolveTraced(FieldResolver resolver, ResolverContext context, Selection selection)
    {
        var previous = System.Diagnostics.Activity.Current;
        var span = Telemetry.StartResolver(selection);
        if (span is null)
        {
            return resolver(context);
        }
        try
        {
            var pending = resolver(context);
            if (pending.IsCompleted)
            {
                EndResolverSpan(span, pending.IsCompletedSuccessfully ? null : pending.AsTask().Exception);
                return pending;
            }
            var task = pending.AsTask();
            task.ContinueWith(
                static (t, state) => EndResolverSpan((System.Diagnostics.Activity)state!, t.Exception),
                span,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return new ValueTask<object?>(task);
        }
        catch (Exception e)
        {
            EndResolverSpan(span, e);
            throw;
        }
        finally
        {
            System.Diagnostics.Activity.Current = previous;
        }
    }

    private static void EndResolverSpan(System.Diagnostics.Activity span, Exception? error)
    {
        if (error is not null)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, (error.InnerException as GraphQLError ?? error as GraphQLError)?.Code);
        }
        span.Dispose();
    }

    private void AwaitField(Selection selection, ResultObject result, Task<object?> task)
    {
        Scheduler.BeginAsyncWork();
        var pending = new PendingField(this, selection, result, task);
        task.ContinueWith(
            static (_, state) =>
            {
                var p = (PendingField)state!;
                p.Context.Scheduler.EndAsyncWork(static s => ((PendingField)s!).Resume(), p);
            },
            pending,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private sealed class PendingField(RequestContext context, Selection selection, ResultObject result, Task<object?> task)
    {
        public RequestContext Context { get; } = context;

        public void Resume()
        {
            if (result.IsDetachedFromRoot())
            {
                return;
            }
            if (task.IsCompletedSuccessfully)
            {
                Context.CompleteValue(selection, selection.Type, task.Result, result, selection.Index);
                return;
            }
            var error = task.Exception is { } aggregate
                ? aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate
                : new TaskCanceledException(task);
            Context.HandleFieldError(selection, error, selection.Type is NonNullType, result, selection.Index);
        }
    }

    /// <summary>CompleteValue (spec §6.4.3): non-null checks, leaves, lists, objects and abstract types.</summary>
    internal void CompleteValue(Selection selection, GraphQLType type, object? value, ResultNode parent, int slot)
    {
        var nonNull = false;
        if (type is NonNullType nonNullType)
        {
            nonNull = true;
            type = nonNullType.OfType;
        }
        try
        {
            if (value is null)
            {
                if (nonNull)
                {
                    throw new GraphQLError(
                        $"Cannot return null for non-nullable field {selection.ParentType.Name}.{selection.Field.Name}.");
                }
                parent.SetSlot(slot, null);
                return;
            }
            switch (type)
            {
                case ScalarType scalar:
                    var serialized = Serialize(scalar, value);
                    if (serialized is null && nonNull)
                    {
                        throw new GraphQLError(
                            $"Cannot return null for non-nullable field {selection.ParentType.Name}.{selection.Field.Name}.");
                    }
                    parent.SetSlot(slot, serialized);
                    return;
                case EnumType enumType:
                    parent.SetSlot(slot, Serialize(enumType, value));
                    return;
                case ObjectType objectType:
                    CompleteObject(selection, selection.GetSubPlan(objectType), value, parent, slot, nonNull);
                    return;
                case InterfaceType or UnionType:
                    CompleteObject(selection, RuntimeTypePlan((NamedType)type, value, selection), value, parent, slot, nonNull);
                    return;
                case ListType listType:
                    CompleteList(selection, listType, value, parent, slot, nonNull);
                    return;
                default:
                    throw new GraphQLError($"Cannot complete value of unexpected output type: \"{type}\".");
            }
        }
        catch (Exception ex)
        {
            HandleFieldError(selection, ex, nonNull, parent, slot);
        }
    }

    // A value the resolver produced that its scalar or enum cannot represent is the server's fault, not the
    // client's: keep the scalar's explanation but report it as an internal error.
    private static object? Serialize(NamedType leafType, object value)
    {
        // The common case needs no conversion: a string for String/ID, an int for Int, a double for Float, a bool
        // for Boolean. Returning the value as it is also reuses its box instead of allocating a new one.
        if (ReferenceEquals(leafType, BuiltInScalars.String) || ReferenceEquals(leafType, BuiltInScalars.ID))
        {
            if (value is string)
            {
                return value;
            }
        }
        else if (ReferenceEquals(leafType, BuiltInScalars.Int))
        {
            if (value is int)
            {
                return value;
            }
        }
        else if (ReferenceEquals(leafType, BuiltInScalars.Float))
        {
            if (value is double d && double.IsFinite(d))
            {
                return value;
            }
        }
        else if (ReferenceEquals(leafType, BuiltInScalars.Boolean) && value is bool)
        {
            return value;
        }
        try
        {
            return leafType is ScalarType scalar ? scalar.Serialize(value) : ((EnumType)leafType).Serialize(value);
        }
        catch (GraphQLError error)
        {
            throw new GraphQLError(error.Message, code: ErrorCodes.InternalServerError, innerException: error);
        }
    }

    internal void CompleteObject(Selection selection, SelectionSetPlan plan, object value, ResultNode parent, int slot, bool nonNull)
    {
        if (StartsWriting(selection, plan))
        {
            WriteObjectDirectly(plan, value, parent, slot, nonNull);
            return;
        }
        var child = new ResultObject(plan.Names, parent, slot, nonNull);
        parent.SetSlot(slot, child);
        ExecuteSelectionSet(plan, value, child);
    }

    internal void CompleteList(Selection selection, ListType type, object value, ResultNode parent, int slot, bool nonNull)
    {
        if (AsList(value) is not { } items)
        {
            throw new GraphQLError(
                $"Expected Iterable, but did not find one for field \"{selection.ParentType.Name}.{selection.Field.Name}\".");
        }
        var itemType = type.OfType;
        // @stream applies to the field's own list, not to lists nested in it (graphql-js: not under a list index).
        if (selection.Stream is not null && _scopes is not null && parent is ResultObject)
        {
            var all = new List<object?>(items.Count);
            foreach (var item in items)
            {
                all.Add(item);
            }
            if (TryStream(selection, type, all, parent, slot, nonNull))
            {
                return;
            }
            items = all;
        }
        if (StartsWriting(selection, type, items))
        {
            WriteListDirectly(selection, type, items, parent, slot, nonNull);
            return;
        }
        var result = new ResultList(items.Count, parent, slot, nonNull);
        parent.SetSlot(slot, result);
        for (var i = 0; i < items.Count && !result.IsDetached; i++)
        {
            CompleteValue(selection, itemType, items[i], result, i);
        }
    }

    /// <summary>
    /// The sub-plan for the object type a value of an abstract type resolves to. A type name this field has resolved
    /// before is found in the field's own list (issue 18 §7): no schema lookup, possible-type check or plan lock.
    /// </summary>
    private SelectionSetPlan RuntimeTypePlan(NamedType abstractType, object value, Selection selection)
    {
        // Without a type resolver, a value that is not a dictionary (which may name its type) gets its object type from
        // its CLR type alone: the sub-plan is remembered per CLR type too, so such a value costs one comparison and
        // no resolution (issue 18 §7).
        var clrType = ResolvesByClrType(abstractType) && value is not IReadOnlyDictionary<string, object?> and not IDictionary<string, object?>
            ? value.GetType()
            : null;
        if (clrType is not null && selection.KnownRuntimeTypePlan(clrType) is { } byClrType)
        {
            return byClrType;
        }
        var name = abstractType switch
        {
            InterfaceType i => i.ResolveTypeName(value),
            UnionType u => u.ResolveTypeName(value),
            _ => null,
        };
        if (name is not null && selection.KnownRuntimeTypePlan(name) is { } known)
        {
            selection.RememberRuntimeTypePlan(clrType ?? (object)name, known);
            return known;
        }
        var plan = selection.GetSubPlan(ResolveRuntimeType(abstractType, name, selection));
        selection.RememberRuntimeTypePlan(name!, plan);
        if (clrType is not null)
        {
            selection.RememberRuntimeTypePlan(clrType, plan);
        }
        return plan;
    }

    private static bool ResolvesByClrType(NamedType abstractType) => abstractType switch
    {
        InterfaceType i => i.TypeResolver is null && i.Resolution is not null,
        UnionType u => u.TypeResolver is null && u.Resolution is not null,
        _ => false,
    };

    private ObjectType ResolveRuntimeType(NamedType abstractType, string? name, Selection selection)
    {
        if (name is null)
        {
            throw new GraphQLError(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{selection.ParentType.Name}.{selection.Field.Name}\". Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.");
        }
        var runtimeType = Schema.GetType(name);
        if (runtimeType is null)
        {
            throw new GraphQLError(
                $"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema.");
        }
        if (runtimeType is not ObjectType objectType)
        {
            throw new GraphQLError($"Abstract type \"{abstractType.Name}\" was resolved to a non-object type \"{name}\".");
        }
        if (!Schema.IsSubType(abstractType, objectType))
        {
            throw new GraphQLError($"Runtime Object type \"{objectType.Name}\" is not a possible type for \"{abstractType.Name}\".");
        }
        return objectType;
    }

    /// <summary>
    /// Records a field error (spec §6.4.4) and writes null in its place; when the position is non-null, the null
    /// replaces the parent instead, up to the nearest nullable ancestor (or the whole data).
    /// </summary>
    internal void HandleFieldError(Selection selection, Exception exception, bool nonNull, ResultNode parent, int slot)
    {
        if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested)
        {
            throw exception;
        }
        if (parent.IsDetachedFromRoot())
        {
            // The field's place in the response is already gone (a sibling nulled an ancestor): graphql-js v17
            // drops such errors too, so every reported error has a path that exists in the response.
            return;
        }
        var error = ErrorFormatting.Locate(exception, selection.Locations, ResultPaths.ToList(parent, slot), Options.ExposeExceptionMessages);
        (_scopes is null ? _errors ??= [] : UnitOf(parent).Errors).Add(error);
        if (nonNull)
        {
            NullOut(parent, error);
        }
        else
        {
            parent.SetSlot(slot, null);
        }
    }

    private void NullOut(ResultNode node, GraphQLError error)
    {
        while (true)
        {
            node.IsDetached = true;
            var parent = node.Parent;
            if (parent is null)
            {
                if (_scopes is not null && !ReferenceEquals(node, _root))
                {
                    // The root of a deferred task or a streamed item: that unit fails, the rest of the response stands.
                    UnitOf(node).Failure ??= error;
                    return;
                }
                _dataIsNull = true;
                return;
            }
            if (!node.SlotIsNonNull)
            {
                parent.SetSlot(node.Slot, null);
                return;
            }
            node = parent;
        }
    }
}
