using System.Diagnostics;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A compiled operation (docs/engine-design.md, step 5): the operation's root selection set collected for the
/// root type, and lazily, per field and runtime object type, the collected sub-selections. It is compiled for one
/// combination of the variables that @skip/@include read (<see cref="IncludeMask"/>) and is otherwise independent
/// of variable values, so it is cached and shared by concurrent requests.
/// </summary>
internal sealed class OperationPlan
{
    public OperationPlan(
        Schema schema,
        DocumentNode document,
        OperationDefinitionNode operation,
        ObjectType rootType,
        IReadOnlyDictionary<string, object?> variables,
        IReadOnlyList<string> includeVariableNames,
        ulong includeMask,
        bool incremental = false)
    {
        Schema = schema;
        Document = document;
        Operation = operation;
        RootType = rootType;
        IncludeMask = includeMask;
        RequestedIncremental = incremental;
        // @defer/@stream act only when the schema declares them and the caller can take several payloads.
        Incremental = incremental && (schema.GetDirective("defer") is not null || schema.GetDirective("stream") is not null);
        // Keep only the truth values @skip/@include read: the plan is cached and must not hold on to (possibly
        // large) variable values of the request that happened to compile it.
        if (includeVariableNames.Count > 0)
        {
            var includeVariables = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var name in includeVariableNames)
            {
                includeVariables[name] = IncludeConditions.IsTrue(name, variables);
            }
            _includeVariables = includeVariables;
        }
        Root = Compile(rootType, [(operation.SelectionSet, null)], []);
    }

    private static readonly Dictionary<string, object?> NoIncludeVariables = [];

    private readonly IReadOnlyDictionary<string, object?> _includeVariables = NoIncludeVariables;

    // A fragment spread in several places collects the same field nodes for the same type at the same position each
    // time: those places share one Selection, and so its sub-plans are compiled once (a selection depends only on its
    // type, position and nodes; response paths come from the result tree). Only selections outside @defer are shared.
    // Made when the first selection is compiled (a plan whose sub-plans are never compiled needs none).
    private Dictionary<(ObjectType Type, int Index, FieldNode First), Selection>? _sharedSelections;

    // How many selections of this plan have arguments compiled per request (VariableArguments.Slot): a request keeps
    // their coerced values in an array of this size. Sub-plans compile later, so it grows (and is read as it stands).
    private int _argumentSlots;

    /// <summary>A new slot in a request's cache of coerced arguments.</summary>
    internal int NextArgumentSlot() => Interlocked.Increment(ref _argumentSlots) - 1;

    /// <summary>The slots handed out so far.</summary>
    internal int ArgumentSlotCount => Volatile.Read(ref _argumentSlots);

    /// <summary>Held while sub-plans are compiled (once per selection and runtime type, so rarely contended).</summary>
    internal Lock CompileGate { get; } = new();

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public OperationDefinitionNode Operation { get; }

    public ObjectType RootType { get; }

    /// <summary>How many bytes the last request of this plan wrote straight to JSON: the next one's buffer starts that large.</summary>
    internal int JsonSizeHint
    {
        get => _jsonSizeHint * 16;
        // Kept in 16-byte units in a ushort (up to 1 MB; a larger response grows its array), which fits in the padding
        // after the plan's other small fields: every plan, cached or not, stays as large as before.
        set => _jsonSizeHint = (ushort)Math.Min(ushort.MaxValue, (value + 15) / 16);
    }

    private ushort _jsonSizeHint;

    public ulong IncludeMask { get; }

    /// <summary>
    /// The fragment definition of that name (the first, as validation allows only one), found by a scan: documents
    /// have few fragments, and a dictionary of them would be one more thing every plan allocates.
    /// </summary>
    private FragmentDefinitionNode? FindFragment(string name)
    {
        var definitions = Document.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is FragmentDefinitionNode fragment && fragment.Name.Value == name)
            {
                return fragment;
            }
        }
        return null;
    }

    public SelectionSetPlan Root { get; }

    /// <summary>
    /// Forgets which sub-plans are written straight to JSON, so that each is worked out again: a resolver has turned
    /// out to return pending values (<see cref="Selection.ResolvedLater"/>), which changes the decision of every plan
    /// above it. Rare (once per such resolver), so the whole plan is walked.
    /// </summary>
    internal void ForgetWriting()
    {
        lock (CompileGate)
        {
            Root.ForgetWriting();
        }
    }

    /// <summary>Whether the caller could take several payloads (part of the plan's cache key).</summary>
    public bool RequestedIncremental { get; }

    /// <summary>True when @defer and @stream are honoured (otherwise they are ignored and everything is delivered at once).</summary>
    public bool Incremental { get; }

    /// <summary>
    /// CollectFields (spec §6.3.2) for one object type over one or more selection sets, then compiles each field.
    /// Each selection set comes with the @defer it sits under (null: none). <paramref name="context"/> is the set of
    /// deferred fragments the fields execute for ([] for the initial result): fields whose own set of fragments is the
    /// same run now, the others are split off into <see cref="SelectionSetPlan.Deferred"/> groups, one per set
    /// (graphql-js 17's execution plan, so a field selected both directly and in a deferred fragment is sent once).
    /// </summary>
    internal SelectionSetPlan Compile(ObjectType type, IReadOnlyList<(SelectionSetNode Set, DeferUsage? Defer)> selectionSets, DeferUsage[] context)
    {
        // The collections of CollectFields are kept per thread and reused: compiling allocates only what the plan keeps.
        var scratch = CompileScratch.Take();
        try
        {
            return Compile(type, selectionSets, context, scratch);
        }
        finally
        {
            CompileScratch.Return(scratch);
        }
    }

    /// <inheritdoc cref="Compile(ObjectType, IReadOnlyList{ValueTuple{SelectionSetNode, DeferUsage}}, DeferUsage[])"/>
    /// <remarks>With the caller's scratch collections, taken with <see cref="CompileScratch.Take"/> (and returned by it).</remarks>
    internal SelectionSetPlan Compile(
        ObjectType type, IReadOnlyList<(SelectionSetNode Set, DeferUsage? Defer)> selectionSets, DeferUsage[] context, CompileScratch scratch)
    {
        var grouped = scratch.Grouped;
        var order = scratch.Order;
        var visitedFragments = scratch.VisitedFragments;
        var newDeferUsages = scratch.NewDeferUsages;
        for (var i = 0; i < selectionSets.Count; i++)
        {
            var (selectionSet, defer) = selectionSets[i];
            CollectFields(type, selectionSet, defer, scratch, visitedFragments, newDeferUsages);
        }
        if (!Incremental)
        {
            return Build(type, grouped, context, order);
        }
        var now = new List<string>(order.Count);
        var later = new List<(DeferUsage[] Set, List<string> Keys)>();
        foreach (var responseName in order)
        {
            var set = DeferUsage.Filter(grouped[responseName]);
            if (DeferUsage.SameSet(set, context))
            {
                now.Add(responseName);
                continue;
            }
            var group = later.Find(g => DeferUsage.SameSet(g.Set, set));
            if (group.Keys is null)
            {
                group = (set, []);
                later.Add(group);
            }
            group.Keys.Add(responseName);
        }
        var plan = Build(type, grouped, context, now);
        plan.NewDeferUsages = [.. newDeferUsages];
        plan.Deferred = [.. later.Select(g => new DeferredFields(g.Set, Build(type, grouped, g.Set, g.Keys)))];
        return plan;
    }

    private SelectionSetPlan Build(
        ObjectType type,
        Dictionary<string, List<(FieldNode Node, DeferUsage? Defer)>> grouped,
        DeferUsage[] context,
        List<string> responseNames)
    {
        var selections = new Selection[responseNames.Count];
        var count = 0;
        foreach (var responseName in responseNames)
        {
            var entries = grouped[responseName];
            var fieldName = entries[0].Node.Name.Value;
            var definition = Schema.GetFieldDefinition(type, fieldName);
            if (definition is null)
            {
                // Unknown fields are a validation error; an unvalidated document simply omits them (graphql-js does too).
                continue;
            }
            var shareable = context.Length == 0 && !entries.Exists(static e => e.Defer is not null);
            if (shareable && _sharedSelections is not null && _sharedSelections.TryGetValue((type, count, entries[0].Node), out var shared) && SameNodes(shared.Nodes, entries))
            {
                selections[count++] = shared;
                continue;
            }
            var nodes = new FieldNode[entries.Count];
            DeferUsage?[]? defers = null;
            for (var i = 0; i < entries.Count; i++)
            {
                nodes[i] = entries[i].Node;
                if (entries[i].Defer is not null)
                {
                    defers ??= new DeferUsage?[entries.Count];
                }
            }
            if (defers is not null)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    defers[i] = entries[i].Defer;
                }
            }
            var selection = new Selection(this, type, responseName, definition, nodes, count, defers, context);
            if (shareable)
            {
                (_sharedSelections ??= []).TryAdd((type, count, nodes[0]), selection);
            }
            selections[count++] = selection;
        }
        if (count < selections.Length)
        {
            selections = selections[..count];
        }
        return new SelectionSetPlan(type, selections, new ResultFieldNames(selections));
    }

    private static bool SameNodes(IReadOnlyList<FieldNode> nodes, List<(FieldNode Node, DeferUsage? Defer)> entries)
    {
        if (nodes.Count != entries.Count)
        {
            return false;
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!ReferenceEquals(nodes[i], entries[i].Node))
            {
                return false;
            }
        }
        return true;
    }

    private void CollectFields(
        ObjectType type,
        SelectionSetNode selectionSet,
        DeferUsage? defer,
        CompileScratch scratch,
        Dictionary<string, List<DirectiveNode?>> visitedFragments,
        List<DeferUsage> newDeferUsages)
    {
        var grouped = scratch.Grouped;
        foreach (var selection in selectionSet.Selections)
        {
            if (!ShouldInclude(selection.Directives))
            {
                continue;
            }
            switch (selection)
            {
                case FieldNode field:
                    var responseName = field.ResponseName;
                    if (!grouped.TryGetValue(responseName, out var list))
                    {
                        list = scratch.RentEntries();
                        grouped.Add(responseName, list);
                        scratch.Order.Add(responseName);
                    }
                    list.Add((field, defer));
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is not null && !DoesTypeApply(inline.TypeCondition, type))
                    {
                        continue;
                    }
                    var inlineDefer = DeferOf(inline.Directives, defer);
                    if (inlineDefer is not null)
                    {
                        newDeferUsages.Add(inlineDefer);
                    }
                    CollectFields(type, inline.SelectionSet, inlineDefer ?? defer, scratch, visitedFragments, newDeferUsages);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    if (FindFragment(name) is not { } fragment || !DoesTypeApply(fragment.TypeCondition, type))
                    {
                        continue;
                    }
                    var spreadDefer = DeferOf(spread.Directives, defer);
                    var effective = spreadDefer ?? defer;
                    // A fragment is collected once without @defer, and once per @defer it is spread under: spread again
                    // under the same @defer (or after a plain spread) it would add nothing.
                    if (!visitedFragments.TryGetValue(name, out var visitedUnder))
                    {
                        visitedUnder = scratch.RentDirectives();
                        visitedFragments.Add(name, visitedUnder);
                    }
                    if (visitedUnder.Contains(null) || (effective is not null && visitedUnder.Contains(effective.Directive)))
                    {
                        continue;
                    }
                    if (spreadDefer is not null)
                    {
                        newDeferUsages.Add(spreadDefer);
                    }
                    visitedUnder.Add(effective?.Directive);
                    CollectFields(type, fragment.SelectionSet, effective, scratch, visitedFragments, newDeferUsages);
                    break;
            }
        }
    }

    /// <summary>The @defer on a fragment, when incremental delivery is on and its <c>if</c> is not false.</summary>
    private DeferUsage? DeferOf(IReadOnlyList<DirectiveNode> directives, DeferUsage? parent)
    {
        if (!Incremental)
        {
            return null;
        }
        foreach (var directive in directives)
        {
            if (directive.Name.Value == "defer" && IsActive(directive))
            {
                return new DeferUsage(IncrementalDirectives.Label(directive), parent, directive);
            }
        }
        return null;
    }

    /// <summary>The @stream on a field, when incremental delivery is on and its <c>if</c> is not false.</summary>
    internal DirectiveNode? StreamOf(FieldNode field)
    {
        if (!Incremental)
        {
            return null;
        }
        foreach (var directive in field.Directives)
        {
            if (directive.Name.Value == "stream" && IsActive(directive))
            {
                return directive;
            }
        }
        return null;
    }

    private bool IsActive(DirectiveNode directive) => IncludeConditions.EvaluateIncremental(directive, _includeVariables);

    private bool DoesTypeApply(NamedTypeNode condition, ObjectType type)
    {
        var conditionType = Schema.GetType(condition.Name.Value);
        if (ReferenceEquals(conditionType, type))
        {
            return true;
        }
        return conditionType is InterfaceType or UnionType && Schema.IsSubType(conditionType, type);
    }

    private bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include"))
            {
                continue;
            }
            var condition = IncludeConditions.Evaluate(directive, _includeVariables);
            if (name == "skip" ? condition : !condition)
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>
/// The working collections of <c>OperationPlan.Compile</c>, one set per thread, cleared and returned after each
/// compile; taken while in use, so a compile started meanwhile on the same thread gets a set of its own.
/// </summary>
internal sealed class CompileScratch
{
    [ThreadStatic]
    private static CompileScratch? _pooled;

    private readonly Stack<List<(FieldNode Node, DeferUsage? Defer)>> _freeEntries = new();
    private readonly Stack<List<DirectiveNode?>> _freeDirectives = new();

    public Dictionary<string, List<(FieldNode Node, DeferUsage? Defer)>> Grouped { get; } = new(StringComparer.Ordinal);

    public List<string> Order { get; } = [];

    public Dictionary<string, List<DirectiveNode?>> VisitedFragments { get; } = new(StringComparer.Ordinal);

    public List<DeferUsage> NewDeferUsages { get; } = [];

    /// <summary>The selection sets a sub-plan is collected from (the field's nodes', in order).</summary>
    public List<(SelectionSetNode Set, DeferUsage? Defer)> SelectionSets { get; } = [];

    public static CompileScratch Take()
    {
        var scratch = _pooled ?? new CompileScratch();
        _pooled = null;
        return scratch;
    }

    public static void Return(CompileScratch scratch)
    {
        foreach (var entries in scratch.Grouped.Values)
        {
            entries.Clear();
            scratch._freeEntries.Push(entries);
        }
        foreach (var directives in scratch.VisitedFragments.Values)
        {
            directives.Clear();
            scratch._freeDirectives.Push(directives);
        }
        scratch.Grouped.Clear();
        scratch.Order.Clear();
        scratch.VisitedFragments.Clear();
        scratch.NewDeferUsages.Clear();
        scratch.SelectionSets.Clear();
        _pooled = scratch;
    }

    public List<(FieldNode Node, DeferUsage? Defer)> RentEntries() => _freeEntries.TryPop(out var list) ? list : [];

    public List<DirectiveNode?> RentDirectives() => _freeDirectives.TryPop(out var list) ? list : [];
}

/// <summary>The fields to execute for one object type at one place in the operation, in response order.</summary>
internal sealed class SelectionSetPlan(ObjectType type, Selection[] selections, ResultFieldNames names)
{
    public ObjectType Type { get; } = type;

    public Selection[] Selections { get; } = selections;

    public ResultFieldNames Names { get; } = names;

    // Both made only for a place with @defer work, in one object: the reference it saves holds the plan's writing
    // (below), so a plan is no larger than before (a cold request allocates one per place).
    private DeferWork? _incremental;

    private sealed record DeferWork(DeferUsage[] NewDeferUsages, DeferredFields[] Deferred);

    /// <summary>The @defer fragments met first at this place (a delivery group each, announced as pending).</summary>
    public DeferUsage[] NewDeferUsages
    {
        get => _incremental?.NewDeferUsages ?? [];
        internal set => SetIncremental(value, Deferred);
    }

    /// <summary>The fields split off for deferred fragments, one group per set of fragments.</summary>
    public DeferredFields[] Deferred
    {
        get => _incremental?.Deferred ?? [];
        internal set => SetIncremental(NewDeferUsages, value);
    }

    private void SetIncremental(DeferUsage[] newDeferUsages, DeferredFields[] deferred) =>
        _incremental = newDeferUsages.Length > 0 || deferred.Length > 0 ? new DeferWork(newDeferUsages, deferred) : null;

    public bool HasIncrementalWork => _incremental is not null;

    /// <summary>
    /// Whether an object of this plan can be written straight to JSON: every field is <c>__typename</c>, read by a
    /// property getter, or resolved by a resolver not yet seen to return a pending value, and is a leaf, or an object or
    /// list of such objects or leaves, or of an interface or union not yet seen to be of a type that is not written.
    /// Worked out once per plan (an abstract field's runtime types each have one), and again after
    /// <see cref="OperationPlan.ForgetWriting"/>.
    /// </summary>
    internal JsonWriting Writing()
    {
        if (_writing == JsonWriting.Unknown)
        {
            _writing = WorkOutWriting();
        }
        return _writing;
    }

    private JsonWriting _writing;

    // How many values (leaves and objects, a list's items counted once) an object of this plan writes, worked out with
    // _writing (a ushort in the padding after it, so a plan is no larger).
    private ushort _writtenValues;

    /// <summary>
    /// How many values (leaves and objects, each list's items counted as one) an object of this plan writes, which
    /// says whether it is large enough to repay a run of the direct writer (<see cref="ExecutorOptions.MinimumWrittenRun"/>);
    /// 0 when it is never written.
    /// </summary>
    internal int WrittenValues
    {
        get
        {
            Writing();
            return _writtenValues;
        }
    }

    /// <summary>See <see cref="OperationPlan.ForgetWriting"/>: this plan's decision and those below it.</summary>
    internal void ForgetWriting()
    {
        _writing = JsonWriting.Unknown;
        _writtenValues = 0;
        foreach (var selection in Selections)
        {
            selection.ForgetWriting();
        }
    }

    private JsonWriting WorkOutWriting()
    {
        if (HasIncrementalWork)
        {
            return JsonWriting.Never;
        }
        var composite = false;
        var values = 0;
        foreach (var selection in Selections)
        {
            values++;
            if (selection.IsTypeName)
            {
                continue;
            }
            if (!selection.IsWritten || !AreWrittenDirectly(selection, selection.Type))
            {
                return JsonWriting.Never;
            }
            if (ItemPlan(selection, selection.Type) is { } subPlan)
            {
                composite = true;
                values += subPlan.WrittenValues;
            }
            else if (NamedOf(selection.Type) is InterfaceType or UnionType)
            {
                composite = true;
            }
        }
        _writtenValues = (ushort)Math.Min(values, ushort.MaxValue);
        return composite ? JsonWriting.Start : JsonWriting.Inside;
    }

    /// <summary>The sub-plan of an object-typed field (or of the objects in its lists), or null for a leaf.</summary>
    private static SelectionSetPlan? ItemPlan(Selection selection, GraphQLType type) => (type is NonNullType nonNull ? nonNull.OfType : type) switch
    {
        ObjectType objectType => selection.GetSubPlan(objectType),
        ListType list => ItemPlan(selection, list.OfType),
        _ => null,
    };

    /// <summary>
    /// True when a list of <paramref name="items"/> objects of <paramref name="type"/> starts a written value: they are
    /// objects written straight, and together they write at least <paramref name="minimumRun"/> values.
    /// </summary>
    internal static bool StartsWriting(Selection selection, ListType type, int items, int minimumRun) =>
        selection.ListStartsWriting(type) && (minimumRun == 0 || (long)items * (ItemPlan(selection, type)?.WrittenValues ?? 1) >= minimumRun);

    private static GraphQLType NamedOf(GraphQLType type) => type switch
    {
        NonNullType nonNull => NamedOf(nonNull.OfType),
        ListType list => NamedOf(list.OfType),
        _ => type,
    };

    /// <summary>
    /// True when a value of <paramref name="type"/> for <paramref name="selection"/> can be written straight to JSON;
    /// for an interface or union, until an object of a type that cannot has been met (<see cref="Selection.AbstractIsWritten"/>).
    /// </summary>
    internal static bool AreWrittenDirectly(Selection selection, GraphQLType type)
    {
        switch (type is NonNullType nonNull ? nonNull.OfType : type)
        {
            case ScalarType or EnumType:
                return true;
            case ObjectType objectType:
                return selection.WritingOf(selection.GetSubPlan(objectType)) != JsonWriting.Never;
            case ListType list:
                return AreWrittenDirectly(selection, list.OfType);
            case InterfaceType or UnionType:
                return selection.AbstractIsWritten;
            default:
                return false;
        }
    }

    /// <summary>True when a list of <paramref name="type"/> starts a written value: its items are objects written straight.</summary>
    internal static bool StartsWriting(Selection selection, ListType type) =>
        (type.OfType is NonNullType nonNull ? nonNull.OfType : type.OfType) switch
        {
            ObjectType or InterfaceType or UnionType => AreWrittenDirectly(selection, type),
            ListType inner => StartsWriting(selection, inner),
            _ => false,
        };
}

/// <summary>How objects of a sub-plan are written (see <c>RequestContext.DirectJson.cs</c>).</summary>
internal enum JsonWriting : byte
{
    /// <summary>Not worked out yet.</summary>
    Unknown,

    /// <summary>Written straight to JSON wherever they complete (they hold an object or a list).</summary>
    Start,

    /// <summary>All leaves: written straight only inside a written value (on its own, a written object costs as much as its node).</summary>
    Inside,

    /// <summary>Completed into the result tree.</summary>
    Never,
}

/// <summary>
/// One response key of a selection set as compiled for an operation: its merged field nodes, definition, resolver and
/// arguments. Plans are cached and shared by every request of the same document, so what a resolver derives from its
/// selection alone (e.g. which columns its sub-selection reads) can be kept here with <see cref="GetOrAddState{T}"/>.
/// </summary>
public sealed class Selection
{
    private readonly OperationPlan _plan;
    private ObjectType? _singleSubType;
    private SelectionSetPlan? _singleSubPlan;

    // What few selections need lives apart, made when first needed: a plan has a Selection per field and type, and
    // every field it carries is allocated again for each document planned.
    private Extras? _extras;

    private sealed class Extras
    {
        public SourceLocation[]? Locations;
        public Dictionary<ObjectType, SelectionSetPlan>? SubPlans;
        public System.Collections.Concurrent.ConcurrentDictionary<object, object?>? State;
        public DeferUsage?[]? NodeDefers;
        public Selection? StreamItemSelection;
        public DeferUsage[] DeferContext = [];
        public DirectiveNode? Stream;
        public GraphQLError? StaticArgumentError;
        public VariableArguments? VariableArguments;
        public (object Key, SelectionSetPlan Plan)[]? RuntimeTypePlans;
    }

    private Extras Extra => _extras ?? Interlocked.CompareExchange(ref _extras, new Extras(), null) ?? _extras;

    internal Selection(
        OperationPlan plan,
        ObjectType parentType,
        string responseName,
        FieldDefinition field,
        FieldNode[] nodes,
        int index,
        DeferUsage?[]? nodeDefers = null,
        DeferUsage[]? deferContext = null)
    {
        _plan = plan;
        var stream = plan.StreamOf(nodes[0]);
        if (nodeDefers is not null || deferContext is { Length: > 0 } || stream is not null)
        {
            _extras = new Extras { NodeDefers = nodeDefers, DeferContext = deferContext ?? [], Stream = stream };
        }
        ParentType = parentType;
        Debug.Assert(responseName == nodes[0].ResponseName, "A selection's response name is its first node's.");
        Field = field;
        Nodes = nodes;
        Index = index;
        IsTypeName = ReferenceEquals(field, plan.Schema.TypeNameMetaField) || field.Name == "__typename";
        _verbatim = VerbatimOf(field.Type is NonNullType nonNull ? nonNull.OfType : field.Type);

        // Literal-only arguments are coerced once here; those reading variables are compiled to variable lookups.
        var arguments = nodes[0].Arguments;
        if (field.Arguments.Count == 0)
        {
            StaticArguments = NoArguments;
        }
        else if (ReadsVariables(arguments))
        {
            Extra.VariableArguments = new VariableArguments(field.Arguments, arguments, nodes[0], plan.NextArgumentSlot());
        }
        else
        {
            try
            {
                StaticArguments = InputCoercion.CoerceArgumentValues(field.Arguments, arguments, null, nodes[0]);
            }
            catch (GraphQLError error)
            {
                Extra.StaticArgumentError = error;
            }
        }
        _execution = FieldExecutions.KindOf(this);
    }

    // Not readonly: a resolver found to return pending values to the direct writer changes kind (ResolvedLater).
    private byte _execution;

    // How objects of the single sub-plan are written (low four bits), whether this field's lists start a written
    // value (bits 4-5: 0 not worked out, 1 yes, 2 no), worked out on first use, and whether an object of this
    // (abstract) field has been of a type that is not written (bit 7, kept for good): one byte in the padding, as
    // _execution, so that completing an object or list decides with one read (issue 18 §7).
    private byte _writing;

    private const int ListsStartWriting = 1 << 4;
    private const int ListsAreCompleted = 2 << 4;
    private const int ListsMask = 3 << 4;
    private const int AbstractNotWritten = 1 << 7;

    /// <summary>
    /// True until an object of this field's interface or union has been of a type whose objects are not written: the
    /// field's types are not compiled ahead to find out (most are never met), so the writer finds out when it meets one.
    /// </summary>
    internal bool AbstractIsWritten => (_writing & AbstractNotWritten) == 0;

    /// <summary>
    /// An object of this field's interface or union was of a type whose objects are not written: from now on the
    /// field is not written (the plans above it are worked out again, <see cref="OperationPlan.ForgetWriting"/>).
    /// </summary>
    internal void AbstractNotWrittenMet() => _writing |= AbstractNotWritten;

    /// <summary>How objects of <paramref name="plan"/>, a sub-plan of this field, are written straight to JSON.</summary>
    internal JsonWriting WritingOf(SelectionSetPlan plan)
    {
        if (!ReferenceEquals(plan, _singleSubPlan))
        {
            // A second runtime type of an abstract field: worked out each time (a scan of its selections).
            return plan.Writing();
        }
        var writing = (JsonWriting)(_writing & 0x0F);
        if (writing == JsonWriting.Unknown)
        {
            writing = plan.Writing();
            _writing = (byte)((_writing & 0xF0) | (byte)writing);
        }
        return writing;
    }

    /// <summary>
    /// True when a list of this field (at any depth: its items are always of the field's named type) starts a written
    /// value: its items are objects written straight (<see cref="SelectionSetPlan.StartsWriting(Selection, ListType)"/>).
    /// </summary>
    internal bool ListStartsWriting(ListType type)
    {
        var lists = _writing & ListsMask;
        if (lists == 0)
        {
            lists = SelectionSetPlan.StartsWriting(this, type) ? ListsStartWriting : ListsAreCompleted;
            _writing = (byte)((_writing & ~ListsMask) | lists);
        }
        return lists == ListsStartWriting;
    }

    /// <summary>Forgets how this field's objects and lists are written, and the decisions of its sub-plans (see <see cref="OperationPlan.ForgetWriting"/>).</summary>
    internal void ForgetWriting()
    {
        _writing &= AbstractNotWritten;
        _singleSubPlan?.ForgetWriting();
        if (_extras?.SubPlans is { } subPlans)
        {
            foreach (var subPlan in subPlans.Values)
            {
                subPlan.ForgetWriting();
            }
        }
    }

    /// <summary>What executing this field does, chosen here once for its kind (see <see cref="FieldExecutions"/>).</summary>
    internal FieldExecution Execute => FieldExecutions.ByKind[_execution];

    /// <summary>True when the field's value is read by its property getter, with arguments known at compile time.</summary>
    internal bool ReadsProperty => FieldExecutions.ReadsProperty(_execution);

    /// <summary>
    /// True when the direct writer may take the field: <c>__typename</c>, a property read, or a resolver that has not
    /// returned a pending value to it (see <see cref="ResolvedLater"/>).
    /// </summary>
    internal bool IsWritten => FieldExecutions.IsWritten(_execution);

    /// <summary>
    /// The field's resolver returned a value still pending to the direct writer: from now on the writer does not start
    /// on objects above it (their plans' decisions are worked out again, <see cref="OperationPlan.ForgetWriting"/>).
    /// </summary>
    internal void ResolvedLater() => _execution = FieldExecutions.ResolvedLater(_execution);


    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    /// <summary>Which CLR values of a built-in scalar already are their response value (no conversion needed).</summary>
    private enum Verbatim : byte
    {
        None,
        String,
        Int,
        Boolean,
    }

    // A byte, not a Type: it fits in the padding after Index and IsTypeName, so every Selection stays as small.
    private readonly Verbatim _verbatim;

    private static Verbatim VerbatimOf(GraphQLType type) =>
        ReferenceEquals(type, BuiltInScalars.String) || ReferenceEquals(type, BuiltInScalars.ID) ? Verbatim.String
        : ReferenceEquals(type, BuiltInScalars.Int) ? Verbatim.Int
        : ReferenceEquals(type, BuiltInScalars.Boolean) ? Verbatim.Boolean
        : Verbatim.None;

    private static bool ReadsVariables(IReadOnlyList<ArgumentNode> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (InputCoercion.ContainsVariable(arguments[i].Value))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The object type whose field this is.</summary>
    public ObjectType ParentType { get; }

    /// <summary>The alias, or the field's name.</summary>
    public string ResponseName => Nodes[0].ResponseName;

    /// <summary>The schema field this selection resolves.</summary>
    public FieldDefinition Field { get; }

    /// <summary>The field's type (<see cref="FieldDefinition.Type"/>).</summary>
    public GraphQLType Type => Field.Type;

    /// <summary>The field's nodes in the document, merged under one response key.</summary>
    internal IReadOnlyList<FieldNode> Nodes { get; }

    internal int Index { get; }

    internal bool IsTypeName { get; }

    /// <summary>
    /// True when this is a String, ID, Int or Boolean field (nullable or not) and <paramref name="value"/> is a string,
    /// int or bool to match: such a value goes into the response as it is, with no completion.
    /// </summary>
    internal bool IsVerbatim(object value) => _verbatim switch
    {
        Verbatim.String => value is string,
        Verbatim.Int => value is int,
        Verbatim.Boolean => value is bool,
        _ => false,
    };

    /// <summary>
    /// Writes <paramref name="value"/> as it is when <see cref="IsVerbatim"/> holds for it (the direct writer's leaf of
    /// a String, ID, Int or Boolean field: no dispatch on the type); false, writing nothing, otherwise.
    /// </summary>
    internal bool TryWriteVerbatim(System.Text.Json.Utf8JsonWriter writer, object value)
    {
        switch (_verbatim)
        {
            case Verbatim.String when value is string s:
                writer.WriteStringValue(s);
                return true;
            case Verbatim.Int when value is int i:
                writer.WriteNumberValue(i);
                return true;
            case Verbatim.Boolean when value is bool b:
                writer.WriteBooleanValue(b);
                return true;
            default:
                return false;
        }
    }

    internal FieldResolver? Resolver => Field.Resolver;

    internal Func<object, object?>? PropertyGetter => Field.PropertyGetter;

    /// <summary>
    /// What <see cref="PropertyGetter"/> reads from <paramref name="source"/>; a dictionary parent is read by its key
    /// here, as the getter would read it, without the delegate, its type tests and the interface call: a field's
    /// commonest cost after the resolvers' own (issue 18 §7).
    /// </summary>
    internal object? ReadProperty(object source) =>
        source is Dictionary<string, object?> entries && Field.DictionaryKey is { } key
            ? entries.TryGetValue(key, out var value) ? value : null
            : Field.PropertyGetter!(source);

    /// <summary>Where the field's nodes are, for errors: made on the first error (racing requests build equal arrays).</summary>
    internal IReadOnlyList<SourceLocation> Locations => Extra.Locations ??= LocationsOf(Nodes);

    private static SourceLocation[] LocationsOf(IReadOnlyList<FieldNode> nodes)
    {
        var locations = new SourceLocation[nodes.Count];
        var count = 0;
        foreach (var node in nodes)
        {
            if (node.Location is { } l)
            {
                locations[count++] = new SourceLocation(l.Line, l.Column);
            }
        }
        return count == locations.Length ? locations : locations[..count];
    }

    /// <summary>The deferred fragments this field is executed for ([] in the initial result).</summary>
    internal DeferUsage[] DeferContext => _extras?.DeferContext ?? [];

    /// <summary>The field's active @stream, when incremental delivery is on.</summary>
    internal DirectiveNode? Stream => _extras?.Stream;

    /// <summary>
    /// The same field as its streamed items see it: items are delivered on their own, so what their sub-selections
    /// sit under @defer is counted from the item, not from the fragments around the list (graphql-js does the same).
    /// </summary>
    internal Selection StreamItemSelection
    {
        get
        {
            var extras = Extra;
            if (extras.StreamItemSelection is null)
            {
                var copy = new Selection(_plan, ParentType, ResponseName, Field, [.. Nodes], Index);
                Interlocked.CompareExchange(ref extras.StreamItemSelection, copy, null);
            }
            return extras.StreamItemSelection;
        }
    }

    /// <summary>Arguments coerced at compile time (no variables involved), or null when they need the variables.</summary>
    internal IReadOnlyDictionary<string, object?>? StaticArguments { get; }

    /// <summary>The error coercing literal-only arguments raised, reported each time the field executes.</summary>
    internal GraphQLError? StaticArgumentError => _extras?.StaticArgumentError;

    internal IReadOnlyDictionary<string, object?> CoerceArguments(IReadOnlyDictionary<string, object?> variables)
    {
        if (StaticArgumentError is not null)
        {
            throw StaticArgumentError;
        }
        return StaticArguments ?? _extras!.VariableArguments!.Coerce(variables);
    }

    /// <summary>The arguments compiled per request (they read variables), or null.</summary>
    internal VariableArguments? VariableArguments => _extras?.VariableArguments;

    /// <summary>The sub-selections for a runtime object type (graphql-js collectSubfields, memoized on the plan).</summary>
    internal SelectionSetPlan GetSubPlan(ObjectType type)
    {
        if (ReferenceEquals(Volatile.Read(ref _singleSubType), type))
        {
            return _singleSubPlan!;
        }
        lock (_plan.CompileGate)
        {
            if (ReferenceEquals(_singleSubType, type))
            {
                return _singleSubPlan!;
            }
            if (_extras?.SubPlans is { } subPlans && subPlans.TryGetValue(type, out var cached))
            {
                return cached;
            }
            SelectionSetPlan plan;
            var scratch = CompileScratch.Take();
            try
            {
                var sets = scratch.SelectionSets;
                for (var i = 0; i < Nodes.Count; i++)
                {
                    if (Nodes[i].SelectionSet is { } set)
                    {
                        sets.Add((set, _extras?.NodeDefers?[i]));
                    }
                }
                plan = _plan.Compile(type, sets, DeferContext, scratch);
            }
            finally
            {
                CompileScratch.Return(scratch);
            }
            if (_singleSubType is null)
            {
                _singleSubPlan = plan;
                Volatile.Write(ref _singleSubType, type);
            }
            else
            {
                (Extra.SubPlans ??= []).Add(type, plan);
            }
            return plan;
        }
    }

    // A field of an abstract type meets a few object types; more than this many distinct names (only possible with a
    // type resolver that invents names) are resolved the long way instead of growing the list.
    private const int RuntimeTypePlanLimit = 32;

    /// <summary>The sub-plan remembered for a type name a value of this (abstract) field resolved to, or null.</summary>
    /// <summary>
    /// The sub-plan remembered for a type name a value of this (abstract) field resolved to, or for the CLR type of
    /// values whose type decides their object type (a <see cref="Type"/> key); null when none is.
    /// </summary>
    internal SelectionSetPlan? KnownRuntimeTypePlan(object key)
    {
        if (Volatile.Read(ref _extras) is not { } extras || Volatile.Read(ref extras.RuntimeTypePlans) is not { } known)
        {
            return null;
        }
        foreach (var (knownKey, plan) in known)
        {
            // Resolvers usually hand out the same name instance (a literal, a dictionary's entry): compare references first.
            if (ReferenceEquals(knownKey, key) || (key is string name && knownKey is string knownName && string.Equals(knownName, name, StringComparison.Ordinal)))
            {
                return plan;
            }
        }
        return null;
    }

    /// <summary>Remembers the sub-plan of a type name checked against the schema, or of a CLR type (copy on write: readers take no lock).</summary>
    internal void RememberRuntimeTypePlan(object key, SelectionSetPlan plan)
    {
        var extras = Extra;
        while (true)
        {
            var known = Volatile.Read(ref extras.RuntimeTypePlans);
            if (known is { Length: >= RuntimeTypePlanLimit } || KnownRuntimeTypePlan(key) is not null)
            {
                return;
            }
            (object, SelectionSetPlan)[] grown = known is null ? [(key, plan)] : [.. known, (key, plan)];
            if (ReferenceEquals(Interlocked.CompareExchange(ref extras.RuntimeTypePlans, grown, known), known))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The fields selected under this one when its value is of <paramref name="type"/> (CollectFields over the merged
    /// nodes, fragments applied and @skip/@include evaluated for the plan), in response order; empty for a leaf.
    /// </summary>
    public IReadOnlyList<Selection> SelectionsFor(ObjectType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return GetSubPlan(type).Selections;
    }

    /// <summary>
    /// A value derived from this selection, computed on first use and kept with the compiled plan, so requests of the
    /// same document share it. <paramref name="create"/> must depend on the selection only (not on a request's
    /// variables or caller); it may run more than once when requests race, one result wins.
    /// </summary>
    public T GetOrAddState<T>(object key, Func<Selection, T> create)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        var extras = Extra;
        var state = extras.State ?? Interlocked.CompareExchange(ref extras.State, new(), null) ?? extras.State;
        if (state.TryGetValue(key, out var existing))
        {
            return (T)existing!;
        }
        return (T)state.GetOrAdd(key, create(this))!;
    }
}

/// <summary>@skip/@include (spec §3.13.2, §3.13.3): which variables they read, and their value for a request.</summary>
internal static class IncludeConditions
{
    /// <summary>The names of the variables any @skip/@include in the document reads, in first-use order.</summary>
    public static string[] VariablesUsed(DocumentNode document)
    {
        List<string>? names = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode executable)
            {
                Visit(executable.SelectionSet, ref names);
            }
        }
        return names is null ? [] : [.. names];
    }

    // The list is made for the first variable found: most documents have none.
    private static void Visit(SelectionSetNode selectionSet, ref List<string>? names)
    {
        foreach (var selection in selectionSet.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                var incremental = directive.Name.Value is "defer" or "stream";
                if (directive.Name.Value is "skip" or "include" || incremental)
                {
                    foreach (var argument in directive.Arguments)
                    {
                        if (argument.Name.Value == "if" && argument.Value is VariableNode v)
                        {
                            var name = incremental ? IncrementalPrefix + v.Name.Value : v.Name.Value;
                            names ??= [];
                            if (!names.Contains(name))
                            {
                                names.Add(name);
                            }
                        }
                    }
                }
            }
            switch (selection)
            {
                case FieldNode { SelectionSet: { } set }:
                    Visit(set, ref names);
                    break;
                case InlineFragmentNode inline:
                    Visit(inline.SelectionSet, ref names);
                    break;
            }
        }
    }

    /// <summary>
    /// Marks a variable read by the <c>if</c> of @defer/@stream, whose default is true: there a missing variable means
    /// true and only false turns the directive off, where for @skip/@include a missing variable means false.
    /// ('$' cannot start a GraphQL name, so the marked name cannot clash with a real variable.)
    /// </summary>
    public const string IncrementalPrefix = "$";

    /// <summary>The truth value of a (possibly marked) variable name for this request.</summary>
    public static bool IsTrue(string name, IReadOnlyDictionary<string, object?> variables)
    {
        if (name.StartsWith(IncrementalPrefix, StringComparison.Ordinal))
        {
            return !(variables.TryGetValue(name[IncrementalPrefix.Length..], out var flag) && flag is false);
        }
        return variables.TryGetValue(name, out var value) && value is true;
    }

    /// <summary>The bit mask of the variables' truth values (bit i = variable i is true); one plan per mask.</summary>
    public static ulong Mask(string[] variableNames, IReadOnlyDictionary<string, object?> variables)
    {
        ulong mask = 0;
        for (var i = 0; i < variableNames.Length && i < 64; i++)
        {
            if (IsTrue(variableNames[i], variables))
            {
                mask |= 1UL << i;
            }
        }
        return mask;
    }

    /// <summary>The <c>if</c> argument's value: a literal, or a variable (missing or null counts as false).</summary>
    public static bool Evaluate(DirectiveNode directive, IReadOnlyDictionary<string, object?> variables) => IfValue(directive) switch
    {
        BooleanValueNode b => b.Value,
        VariableNode v => variables.TryGetValue(v.Name.Value, out var value) && value is true,
        _ => false,
    };

    /// <summary>The <c>if</c> of @defer/@stream (<c>Boolean! = true</c>): off only when it is false.</summary>
    public static bool EvaluateIncremental(DirectiveNode directive, IReadOnlyDictionary<string, object?> variables) => IfValue(directive) switch
    {
        BooleanValueNode b => b.Value,
        VariableNode v => !variables.TryGetValue(IncrementalPrefix + v.Name.Value, out var value) || value is true,
        _ => true,
    };

    /// <summary>The value given to a directive's <c>if</c> argument, or null when it has none.</summary>
    public static ValueNode? IfValue(DirectiveNode directive)
    {
        foreach (var argument in directive.Arguments)
        {
            if (argument.Name.Value == "if")
            {
                return argument.Value;
            }
        }
        return null;
    }
}
