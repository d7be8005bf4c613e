using System.Collections;
using System.Text.Json;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Writing JSON straight from the plan (issue 18 §7): an object or list whose whole sub-tree completes synchronously —
/// every field below it read by a property getter or by a resolver whose value is ready when it returns (the writer
/// calls it), and no @defer/@stream in the operation — is written as it completes, in response order, with the plan's
/// encoded names, by a writer (one per thread) whose output is the request's bytes
/// (<see cref="ResponseBytes"/>), so it lands where it stays; only a <see cref="WrittenJson"/> (a range of those bytes)
/// takes its place in the result tree. An
/// object whose fields are all leaves is written this way only inside a written list or object: on its own it would
/// cost as much as its node. Nor is a run started on a sub-tree of fewer than
/// <see cref="ExecutorOptions.MinimumWrittenRun"/> values (an object's counted once per sub-plan, a list's by its
/// items): below that, starting and ending a run and copying its bytes cost what the nodes it saves would.
/// <para>
/// A value the writer does not take (a getter or resolver that throws, a resolver's value still pending, a null in a
/// non-null place, a leaf its type cannot serialize, a custom scalar whose serialized value is not a string, a list
/// that is not one, an object of an interface or union whose type is not written) stops it there: each
/// object and list it was inside becomes a result node holding what was already written of it, the value in hand is
/// completed the general way (<see cref="CompleteValue"/> or <see cref="HandleFieldError"/>, so errors, paths and
/// null propagation are the result tree's), and the remaining fields and items of those objects and lists run the
/// general way too. Nothing read is read again: no getter or resolver runs twice. A pending resolver's field, and an
/// abstract field that met a type not written, are from then on left to the tree (<see cref="Selection.ResolvedLater"/>,
/// <see cref="Selection.AbstractNotWrittenMet"/>), so that the writer is not stopped at them again and again.
/// </para>
/// </summary>
internal sealed partial class RequestContext
{
    // The writer of the request's written JSON (its Bytes: values appended, never rewritten), taken with a new
    // ResponseBytes on the first written value and given back when the request ends, so that a run only resets the
    // writer's state (a request's runs never overlap: none starts while another is writing).
    private DirectJsonSession? _writing;

    // The fewest values a sub-tree must hold to be written straight (ExecutorOptions.MinimumWrittenRun, at most 254),
    // or NothingWritten when nothing is (the option is off, or the plan delivers incrementally): set once per request,
    // read at every object and list completed. A byte, so that it fits in the padding and a request is no larger.
    private readonly byte _minimumWrittenRun;

    private const byte NothingWritten = byte.MaxValue;

    private static byte MinimumWrittenRun(ExecutorOptions options, OperationPlan plan) =>
        options.WriteJsonDirectly && !plan.Incremental ? (byte)Math.Clamp(options.MinimumWrittenRun, 0, NothingWritten - 1) : NothingWritten;

    private bool StartsWriting(Selection selection, SelectionSetPlan plan) =>
        _minimumWrittenRun != NothingWritten && selection.WritingOf(plan) == JsonWriting.Start
        && (_minimumWrittenRun == 0 || plan.WrittenValues >= _minimumWrittenRun);

    private bool StartsWriting(Selection selection, ListType type, IList items) =>
        _minimumWrittenRun != NothingWritten && SelectionSetPlan.StartsWriting(selection, type, items.Count, _minimumWrittenRun);

    /// <summary>The request has ended: its bytes move into an array of their own, and the plan's next request starts with as many.</summary>
    private void SealJson()
    {
        if (_writing is { } session)
        {
            session.Bytes.Seal();
            Plan.JsonSizeHint = session.Bytes.Length;
            session.Return();
            _writing = null;
        }
    }

    private void WriteObjectDirectly(SelectionSetPlan plan, object value, ResultNode parent, int slot, bool nonNull) =>
        WriteDirectly(plan, null, null, value, parent, slot, nonNull);

    private void WriteListDirectly(Selection selection, ListType type, IList items, ResultNode parent, int slot, bool nonNull) =>
        WriteDirectly(null, selection, type, items, parent, slot, nonNull);

    /// <summary>Writes an object of <paramref name="plan"/>, or else a list of <paramref name="type"/>, in its slot.</summary>
    private void WriteDirectly(SelectionSetPlan? plan, Selection? selection, ListType? type, object value, ResultNode parent, int slot, bool nonNull)
    {
        var session = _writing ??= DirectJsonSession.Take(new ResponseBytes(Plan.JsonSizeHint));
        var bytes = session.Bytes;
        session.Begin(parent, slot);
        bool written;
        try
        {
            written = plan is not null ? Write(session, plan, value, abstractValue: false) : Write(session, selection!, type!, (IList)value);
        }
        catch
        {
            // Cancellation, or a string the writer cannot encode: the request's own error handling takes it from
            // here, and nothing of this run stays in the request's bytes.
            bytes.Truncate(session.Start);
            session.Clear();
            throw;
        }
        if (!written)
        {
            Recover(session, parent, slot, nonNull);
            return;
        }
        var length = session.Finish();
        parent.SetSlot(slot, plan is not null
            ? new WrittenJson(bytes, session.Start, length, plan)
            : new WrittenJson(bytes, session.Start, length, selection!, type!));
    }

    /// <summary>
    /// Writes an object of <paramref name="plan"/>; an object of an interface or union (<paramref name="abstractValue"/>)
    /// has its plan noted in the request's bytes, for reading it back.
    /// </summary>
    private bool Write(DirectJsonSession session, SelectionSetPlan plan, object source, bool abstractValue)
    {
        CancellationToken.ThrowIfCancellationRequested();
        var writer = session.Writer;
        var start = session.Position;
        writer.WriteStartObject();
        if (abstractValue)
        {
            session.Bytes.NoteRuntimePlan(session.Start + session.Position - 1, plan);
        }
        var level = session.Enter(plan);
        var names = plan.Names.Encoded;
        var selections = plan.Selections;
        for (var i = 0; i < selections.Length; i++)
        {
            var selection = selections[i];
            if (selection.IsTypeName)
            {
                writer.WriteString(names[i], plan.Type.EncodedName);
                continue;
            }
            session.At(level, i);
            object? value;
            ResolverContext? context = null;
            try
            {
                if (selection.ReadsProperty)
                {
                    value = selection.ReadProperty(source);
                }
                else
                {
                    var pending = CallResolver(selection, source, result: null, session, out context);
                    if (!pending.IsCompleted)
                    {
                        // The resolver's work goes on with its context: the general way awaits it (Recover).
                        session.FailedPending(selection, pending.AsTask(), context!);
                        session.Frames.Add(new DirectJsonSession.Frame(plan, source, null, null, null, i, start));
                        return false;
                    }
                    value = pending.GetAwaiter().GetResult();
                }
            }
            catch (Exception ex)
            {
                Reuse(context);
                session.FailedRead(selection, ex);
                session.Frames.Add(new DirectJsonSession.Frame(plan, source, null, null, null, i, start));
                return false;
            }
            writer.WritePropertyName(names[i]);
            if (value is not null && selection.TryWriteVerbatim(writer, value))
            {
                Reuse(context);
                continue;
            }
            var written = Write(session, selection, selection.Type, value);
            // The resolver's value (and everything under it) is written: its context is free for the next call.
            Reuse(context);
            if (!written)
            {
                session.Frames.Add(new DirectJsonSession.Frame(plan, source, null, null, null, i, start));
                return false;
            }
        }
        session.Leave();
        writer.WriteEndObject();
        return true;
    }

    private bool Write(DirectJsonSession session, Selection selection, ListType type, IList items)
    {
        var start = session.Position;
        session.Writer.WriteStartArray();
        var level = session.Enter(null);
        var itemType = type.OfType;
        for (var i = 0; i < items.Count; i++)
        {
            session.At(level, i);
            if (!Write(session, selection, itemType, items[i]))
            {
                session.Frames.Add(new DirectJsonSession.Frame(null, null, selection, type, items, i, start));
                return false;
            }
        }
        session.Leave();
        session.Writer.WriteEndArray();
        return true;
    }

    private bool Write(DirectJsonSession session, Selection selection, GraphQLType type, object? value)
    {
        var named = type is NonNullType nonNull ? nonNull.OfType : type;
        if (value is null)
        {
            if (ReferenceEquals(named, type))
            {
                session.Writer.WriteNullValue();
                return true;
            }
            return session.FailedValue(selection, type, value);
        }
        switch (named)
        {
            case ScalarType scalar:
                return WriteScalar(session, selection, type, scalar, value);
            case EnumType enumType:
                if (enumType.EncodedName(value) is { } encoded)
                {
                    session.Writer.WriteStringValue(encoded);
                    return true;
                }
                return WriteSerialized(session, selection, type, enumType, value);
            case ObjectType objectType:
                return Write(session, selection.GetSubPlan(objectType), value, abstractValue: false);
            case InterfaceType or UnionType:
                SelectionSetPlan runtimePlan;
                try
                {
                    runtimePlan = RuntimeTypePlan((NamedType)named, value, selection);
                }
                catch (Exception)
                {
                    // The general completion resolves the type again and reports the error in its place.
                    return session.FailedValue(selection, type, value);
                }
                if (selection.WritingOf(runtimePlan) == JsonWriting.Never)
                {
                    // A type whose objects are not written: completed the general way, and from now on so is the field.
                    selection.AbstractNotWrittenMet();
                    Plan.ForgetWriting();
                    return session.FailedValue(selection, type, value);
                }
                return Write(session, runtimePlan, value, abstractValue: true);
            case ListType listType:
                return AsList(value) is { } items ? Write(session, selection, listType, items) : session.FailedValue(selection, type, value);
            default:
                return session.FailedValue(selection, type, value);
        }
    }

    // The built-in scalars' commonest values are written as they are, with no dispatch on the value (what Serialize
    // would return unchanged); anything else is serialized as the result tree would serialize it.
    private static bool WriteScalar(DirectJsonSession session, Selection selection, GraphQLType type, ScalarType scalar, object value)
    {
        var writer = session.Writer;
        if (ReferenceEquals(scalar, BuiltInScalars.String) || ReferenceEquals(scalar, BuiltInScalars.ID))
        {
            if (value is string s)
            {
                writer.WriteStringValue(s);
                return true;
            }
        }
        else if (ReferenceEquals(scalar, BuiltInScalars.Int))
        {
            if (value is int i)
            {
                writer.WriteNumberValue(i);
                return true;
            }
        }
        else if (ReferenceEquals(scalar, BuiltInScalars.Boolean))
        {
            if (value is bool b)
            {
                writer.WriteBooleanValue(b);
                return true;
            }
        }
        else if (ReferenceEquals(scalar, BuiltInScalars.Float) && value is double d && double.IsFinite(d))
        {
            ResponseJson.WriteFiniteDouble(writer, d);
            return true;
        }
        return WriteSerialized(session, selection, type, scalar, value);
    }

    private static bool WriteSerialized(DirectJsonSession session, Selection selection, GraphQLType type, NamedType leafType, object value)
    {
        object? serialized;
        try
        {
            serialized = Serialize(leafType, value);
        }
        catch (Exception ex)
        {
            return session.FailedLeaf(selection, type, ex, null);
        }
        var writer = session.Writer;
        switch (serialized)
        {
            case string s:
                writer.WriteStringValue(s);
                return true;
            case bool b when ReferenceEquals(leafType, BuiltInScalars.Boolean):
                writer.WriteBooleanValue(b);
                return true;
            case int i when ReferenceEquals(leafType, BuiltInScalars.Int):
                writer.WriteNumberValue(i);
                return true;
            case double d when ReferenceEquals(leafType, BuiltInScalars.Float) && double.IsFinite(d):
                ResponseJson.WriteFiniteDouble(writer, d);
                return true;
            case null when type is not NonNullType:
                writer.WriteNullValue();
                return true;
            default:
                // A null in a non-null place, or a custom scalar's non-string value: the result tree holds it as
                // serialized (and reports the null).
                return session.FailedLeaf(selection, type, null, serialized);
        }
    }

    /// <summary>The value as the list completion would enumerate it, or null when it is not a list.</summary>
    internal static IList? AsList(object value)
    {
        if (value is string || value is not IEnumerable sequence || value is IDictionary)
        {
            return null;
        }
        if (value is IList list)
        {
            return list;
        }
        var items = new List<object?>();
        foreach (var item in sequence)
        {
            items.Add(item);
        }
        return items;
    }

    /// <summary>
    /// The writer stopped at a value it does not take: what it wrote of the objects and lists it was inside becomes
    /// result nodes, the value is completed the general way, and the rest of each object and list runs the general way.
    /// </summary>
    private void Recover(DirectJsonSession session, ResultNode parent, int slot, bool nonNull)
    {
        var written = session.FinishStopped();
        var frames = session.Frames.ToArray();
        var failure = session.Failure;
        var nodes = new ResultNode[frames.Length];
        var keptEnd = 0;
        for (var f = frames.Length - 1; f >= 0; f--)
        {
            var frame = frames[f];
            ResultNode node = frame.Plan is { } plan
                ? new ResultObject(plan.Names, parent, slot, nonNull)
                : new ResultList(frame.Items!.Count, parent, slot, nonNull);
            parent.SetSlot(slot, node);
            keptEnd = Math.Max(keptEnd, KeepWritten(session, written, frame, node));
            nodes[f] = node;
            parent = node;
            slot = frame.Index;
            nonNull = (frame.Plan is { } p ? p.Selections[frame.Index].Type : frame.ListType!.OfType) is NonNullType;
        }
        // The rest of what was written (the value that stopped the writer and anything after it) is dropped.
        session.Bytes.Truncate(session.Start + keptEnd);
        session.Clear();

        if (failure.Pending is { } pending)
        {
            // A resolver that went asynchronous: awaited in its place as the general way would, and the writer no
            // longer starts above it (it would stop there every time).
            var context = failure.Context!;
            context.ResultParent = parent;
            AwaitField(failure.Selection, (ResultObject)parent, pending);
            failure.Selection.ResolvedLater();
            Plan.ForgetWriting();
        }
        else if (failure.ReadError is { } readError)
        {
            HandleFieldError(failure.Selection, readError, nonNull, parent, slot);
        }
        else if (failure.LeafError is { } leafError)
        {
            HandleFieldError(failure.Selection, leafError, nonNull, parent, slot);
        }
        else if (failure.IsSerialized && failure.Value is not null)
        {
            parent.SetSlot(slot, failure.Value);
        }
        else
        {
            CompleteValue(failure.Selection, failure.Type, failure.Value, parent, slot);
        }

        for (var f = 0; f < frames.Length; f++)
        {
            var frame = frames[f];
            var node = nodes[f];
            if (frame.Plan is { } plan)
            {
                var selections = plan.Selections;
                var result = (ResultObject)node;
                for (var i = frame.Index + 1; i < selections.Length && !result.IsDetached; i++)
                {
                    selections[i].Execute(this, selections[i], frame.Source, result);
                }
            }
            else
            {
                var itemType = frame.ListType!.OfType;
                for (var i = frame.Index + 1; i < frame.Items!.Count && !node.IsDetached; i++)
                {
                    CompleteValue(frame.Selection!, itemType, frame.Items[i], node, i);
                }
            }
        }
    }

    /// <summary>
    /// Puts the values the writer completed in an object or list (those before the one it stopped at) into its node, as
    /// written JSON where they lie in the request's bytes; returns where the last of them ends in this run's bytes.
    /// </summary>
    private static int KeepWritten(DirectJsonSession session, ReadOnlySpan<byte> written, DirectJsonSession.Frame frame, ResultNode node)
    {
        // An object or list that is not the first item of its list starts with the separator. The reader reads the
        // unfinished JSON only up to the values it needs, each of them complete.
        var from = written[frame.Start] == (byte)',' ? frame.Start + 1 : frame.Start;
        var reader = new Utf8JsonReader(written[from..], isFinalBlock: false, state: default);
        reader.Read();
        var end = 0;
        for (var i = 0; i < frame.Index; i++)
        {
            if (frame.Plan is not null)
            {
                reader.Read();
            }
            reader.Read();
            var start = from + (int)reader.TokenStartIndex;
            reader.TrySkip();
            end = from + (int)reader.BytesConsumed;
            node.SetSlot(i, frame.Plan is { } plan
                ? new WrittenJson(session.Bytes, session.Start + start, end - start, plan.Selections[i], plan.Selections[i].Type)
                : new WrittenJson(session.Bytes, session.Start + start, end - start, frame.Selection!, frame.ListType!.OfType));
        }
        return end;
    }
}

/// <summary>
/// The direct writer of one request: the JSON writer (one per thread, reused: pointed at the request's bytes,
/// <see cref="Bytes"/>, from the request's first written value to its end, so what it writes lands in place), where
/// the current run started in those bytes, and when a run stops, the value it stopped at and the objects and lists it
/// was inside (innermost first). Taken while in use, so a request started meanwhile on the same thread (from a
/// getter, or while the first awaits) gets one of its own.
/// </summary>
internal sealed class DirectJsonSession
{
    [ThreadStatic]
    private static DirectJsonSession? _pooled;

    // Where an idle writer points, so that a thread's writer does not keep a finished request's bytes alive.
    private static readonly System.Buffers.ArrayBufferWriter<byte> Detached = new(1);

    private DirectJsonSession()
    {
        Writer = new Utf8JsonWriter(Detached, new JsonWriterOptions { SkipValidation = true });
        Bytes = null!;
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>The request's bytes, which this run writes into.</summary>
    public ResponseBytes Bytes { get; private set; }

    /// <summary>Where this run's bytes start in <see cref="Bytes"/>.</summary>
    public int Start { get; private set; }

    public List<Frame> Frames { get; } = [];

    // Where the run is in the response, for a resolver that asks for its path: the slot it fills, and for each level
    // below it the object's plan (or null for a list) and the field or item being written.
    private ResultNode? _runParent;
    private int _runSlot;
    private object?[] _levels = new object?[16];
    private int[] _indexes = new int[16];
    private int _depth;

    /// <summary>Where the writer is in this run's bytes.</summary>
    public int Position => (int)(Writer.BytesCommitted + Writer.BytesPending);

    public Failed Failure { get; private set; }

    /// <summary>An object (<see cref="Plan"/> and <see cref="Source"/>) or a list (<see cref="Selection"/>, <see cref="ListType"/> and <see cref="Items"/>) being written when the writer stopped at its <see cref="Index"/>.</summary>
    public readonly record struct Frame(SelectionSetPlan? Plan, object? Source, Selection? Selection, ListType? ListType, IList? Items, int Index, int Start);

    /// <summary>The value the writer stopped at: a getter's error, a leaf's error or serialized value, or a value to complete.</summary>
    public readonly record struct Failed(Selection Selection, GraphQLType Type, Exception? ReadError, Exception? LeafError, object? Value, bool IsSerialized)
    {
        /// <summary>A resolver's value still pending, with the resolver's context.</summary>
        public Task<object?>? Pending { get; init; }

        public ResolverContext? Context { get; init; }
    }

    /// <summary>The thread's writer (or a new one when it is in use), pointed at the request's bytes until <see cref="Return"/>.</summary>
    public static DirectJsonSession Take(ResponseBytes bytes)
    {
        var session = _pooled ?? new DirectJsonSession();
        _pooled = null;
        session.Bytes = bytes;
        session.Writer.Reset(bytes);
        return session;
    }

    /// <summary>
    /// Starts a run, of the value in <paramref name="parent"/>'s <paramref name="slot"/>, at the end of the request's
    /// bytes: the writer's state (depth, separators) is reset, its output kept.
    /// </summary>
    public void Begin(ResultNode parent, int slot)
    {
        Start = Bytes.Length;
        Writer.Reset();
        _runParent = parent;
        _runSlot = slot;
        _depth = 0;
    }

    /// <summary>Goes down into an object of <paramref name="plan"/> (null: a list); returns its level.</summary>
    public int Enter(SelectionSetPlan? plan)
    {
        if (_depth == _levels.Length)
        {
            Array.Resize(ref _levels, _depth * 2);
            Array.Resize(ref _indexes, _depth * 2);
        }
        _levels[_depth] = plan;
        return _depth++;
    }

    /// <summary>The field (of an object) or item (of a list) now written at <paramref name="level"/>.</summary>
    public void At(int level, int index) => _indexes[level] = index;

    public void Leave() => _depth--;

    /// <summary>The path of <paramref name="selection"/>, a field of the object being written at the deepest level.</summary>
    public ResponsePath PathOf(Selection selection)
    {
        var prefix = ResultPaths.ToList(_runParent!, _runSlot);
        var path = ResponsePath.Root((string)prefix[0]);
        for (var i = 1; i < prefix.Count; i++)
        {
            path = prefix[i] is int index ? path.Append(index) : path.Append((string)prefix[i]);
        }
        for (var level = 0; level < _depth - 1; level++)
        {
            path = _levels[level] is SelectionSetPlan plan ? path.Append(plan.Selections[_indexes[level]].ResponseName) : path.Append(_indexes[level]);
        }
        return path.Append(selection.ResponseName);
    }

    /// <summary>This run's bytes written out; returns their length.</summary>
    public int Finish()
    {
        Writer.Flush();
        return Bytes.Length - Start;
    }

    /// <summary>
    /// This run's bytes when it stopped part way, for reading back what it completed: a space after them ends a number
    /// the last of those values may be (the reader cannot tell a number at the very end of unfinished JSON is whole).
    /// </summary>
    public ReadOnlySpan<byte> FinishStopped()
    {
        Writer.Flush();
        Bytes.GetSpan(1)[0] = (byte)' ';
        Bytes.Advance(1);
        return Bytes.Slice(Start, Bytes.Length - Start);
    }

    /// <summary>Forgets a stopped run (its frames and failure) before the next one.</summary>
    public void Clear()
    {
        Frames.Clear();
        Failure = default;
        _runParent = null;
        _depth = 0;
    }

    /// <summary>The request has ended: the writer lets go of its bytes and goes back to the thread.</summary>
    public void Return()
    {
        Writer.Reset(Detached);
        Bytes = null!;
        Clear();
        _pooled = this;
    }

    public void FailedPending(Selection selection, Task<object?> pending, ResolverContext context) =>
        Failure = new Failed(selection, selection.Type, null, null, null, false) { Pending = pending, Context = context };

    public void FailedRead(Selection selection, Exception error) => Failure = new Failed(selection, selection.Type, error, null, null, false);

    public bool FailedLeaf(Selection selection, GraphQLType type, Exception? error, object? serialized)
    {
        Failure = new Failed(selection, type, null, error, serialized, IsSerialized: error is null);
        return false;
    }

    public bool FailedValue(Selection selection, GraphQLType type, object? value)
    {
        Failure = new Failed(selection, type, null, null, value, false);
        return false;
    }
}
