using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>Executes one selection for one parent value, writing its value (or null and an error) into its slot.</summary>
internal delegate void FieldExecution(RequestContext request, Selection selection, object? source, ResultObject result);

/// <summary>
/// The executions a selection is compiled to (issue 18 §7): chosen once per selection, when its plan is compiled,
/// from what the field is — <c>__typename</c>, a property read with its type (leaf, object, list), or a resolver —
/// so that executing a field dispatches on none of these per value. Each does what the general path
/// (<see cref="RequestContext.ResolveField"/> then <see cref="RequestContext.CompleteValue"/>) would do for it.
/// </summary>
internal static class FieldExecutions
{
    /// <summary>The execution of a selection's kind, as an index into <see cref="ByKind"/>.</summary>
    public static byte KindOf(Selection selection)
    {
        if (selection.IsTypeName)
        {
            return TypeNameKind;
        }
        // A default property getter is synchronous and pure: read inline, with no resolver context or task. Arguments
        // that read variables (or failed to coerce) take the general path, which coerces them (or reports the error).
        if (selection.PropertyGetter is null || selection.StaticArguments is null)
        {
            return ResolveKind;
        }
        var type = selection.Type is NonNullType nonNull ? nonNull.OfType : selection.Type;
        return type switch
        {
            ScalarType or EnumType => PropertyLeafKind,
            ObjectType => PropertyObjectKind,
            ListType => PropertyListKind,
            _ => PropertyValueKind,
        };
    }

    private const byte TypeNameKind = 0;
    private const byte ResolveKind = 1;
    private const byte PropertyLeafKind = 2;
    private const byte PropertyObjectKind = 3;
    private const byte PropertyListKind = 4;
    private const byte PropertyValueKind = 5;

    // A resolver that once returned a value still pending while the direct writer was writing: executed as any
    // resolver, but the writer no longer starts on the objects above it (RequestContext.DirectJson.cs).
    public const byte ResolvedLaterKind = 6;

    /// <summary>True for a kind whose value is read by the field's property getter (no resolver context).</summary>
    public static bool ReadsProperty(byte kind) => kind is >= PropertyLeafKind and <= PropertyValueKind;

    /// <summary>
    /// True for a kind the direct writer may take: all but a resolver that has returned a pending value to it, which
    /// would stop it there every time (a resolver's value is taken when it completes synchronously).
    /// </summary>
    public static bool IsWritten(byte kind) => kind != ResolvedLaterKind;

    /// <summary>The kind of a resolver that has returned a pending value to the direct writer.</summary>
    public static byte ResolvedLater(byte kind) => kind == ResolveKind ? ResolvedLaterKind : kind;

    private static readonly FieldExecution TypeName = static (_, selection, _, result) =>
        result.Slots[selection.Index] = selection.ParentType.Name;

    private static readonly FieldExecution Resolve = static (request, selection, source, result) =>
        request.ResolveField(selection, source, result);

    /// <summary>A leaf read from a property: a built-in scalar already of its response type is put in place as it is.</summary>
    private static readonly FieldExecution PropertyLeaf = static (request, selection, source, result) =>
    {
        if (!TryRead(request, selection, source, result, out var value))
        {
            return;
        }
        if (value is not null && selection.IsVerbatim(value))
        {
            result.Slots[selection.Index] = value;
            return;
        }
        request.CompleteValue(selection, selection.Type, value, result, selection.Index);
    };

    /// <summary>An object read from a property: its sub-plan, with no dispatch on the type.</summary>
    private static readonly FieldExecution PropertyObject = static (request, selection, source, result) =>
        ReadComposite(request, selection, source, result, static (request, selection, type, value, result, nonNull) =>
            request.CompleteObject(selection, selection.GetSubPlan((ObjectType)type), value, result, selection.Index, nonNull));

    /// <summary>A list read from a property: straight to list completion.</summary>
    private static readonly FieldExecution PropertyList = static (request, selection, source, result) =>
        ReadComposite(request, selection, source, result, static (request, selection, type, value, result, nonNull) =>
            request.CompleteList(selection, (ListType)type, value, result, selection.Index, nonNull));

    /// <summary>Completes a non-null object or list of the field's (unwrapped) type.</summary>
    private delegate void CompositeCompletion(RequestContext request, Selection selection, GraphQLType type, object value, ResultObject result, bool nonNull);

    /// <summary>Reads an object or list from the property and completes it; a null (or a failed read) as the general path does.</summary>
    private static void ReadComposite(RequestContext request, Selection selection, object? source, ResultObject result, CompositeCompletion complete)
    {
        if (!TryRead(request, selection, source, result, out var value))
        {
            return;
        }
        if (value is null)
        {
            // Null, or the error of a null in a non-null field: the general completion's.
            request.CompleteValue(selection, selection.Type, value, result, selection.Index);
            return;
        }
        var nonNull = selection.Type is NonNullType;
        try
        {
            complete(request, selection, nonNull ? ((NonNullType)selection.Type).OfType : selection.Type, value, result, nonNull);
        }
        catch (Exception ex)
        {
            request.HandleFieldError(selection, ex, nonNull, result, selection.Index);
        }
    }

    /// <summary>Any other value read from a property (an interface or union): the general completion.</summary>
    private static readonly FieldExecution PropertyValue = static (request, selection, source, result) =>
    {
        if (TryRead(request, selection, source, result, out var value))
        {
            request.CompleteValue(selection, selection.Type, value, result, selection.Index);
        }
    };

    // A selection keeps the index of its execution (a byte in its padding), not the delegate: a plan has a selection
    // per field and type, and each is allocated again for every document planned (issue 18 §8).
    public static readonly FieldExecution[] ByKind = [TypeName, Resolve, PropertyLeaf, PropertyObject, PropertyList, PropertyValue, Resolve];

    /// <summary>Reads the property; false when the getter threw (its error is then handled).</summary>
    private static bool TryRead(RequestContext request, Selection selection, object? source, ResultObject result, out object? value)
    {
        try
        {
            value = source is null ? null : selection.ReadProperty(source);
            return true;
        }
        catch (Exception ex)
        {
            request.HandleFieldError(selection, ex, selection.Type is NonNullType, result, selection.Index);
            value = null;
            return false;
        }
    }
}
