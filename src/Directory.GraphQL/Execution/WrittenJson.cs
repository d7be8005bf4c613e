using System.Buffers;
using System.Text.Json;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A value of the response already written as JSON (issue 18 §7, "write JSON straight from the plan"): an object or
/// list whose whole sub-tree completed synchronously, or the completed part of one whose writing stopped at an error.
/// <see cref="ResponseJson"/> copies its bytes; a reader of <see cref="ExecutionResult.Data"/> gets it read back into
/// the objects, lists and leaves the result tree would have held (<see cref="Read"/>).
/// </summary>
internal sealed class WrittenJson
{
    private readonly ResponseBytes _bytes;
    private readonly int _start;
    private readonly int _length;

    // A written object's sub-plan, or for any other value the selection it was written for.
    private readonly object _shape;
    private readonly GraphQLType? _type;

    /// <summary>A written object of this sub-plan.</summary>
    public WrittenJson(ResponseBytes bytes, int start, int length, SelectionSetPlan plan)
    {
        _bytes = bytes;
        _start = start;
        _length = length;
        _shape = plan;
    }

    /// <summary>A written value of this type (possibly non-null) for this selection.</summary>
    public WrittenJson(ResponseBytes bytes, int start, int length, Selection selection, GraphQLType type)
    {
        _bytes = bytes;
        _start = start;
        _length = length;
        _shape = selection;
        _type = type;
    }

    public ReadOnlySpan<byte> Utf8 => _bytes.Slice(_start, _length);

    /// <summary>
    /// The value as the result tree holds it: <see cref="ResultObject"/>s, <see cref="ResultList"/>s and serialized
    /// leaves (a string for String, ID, enums and the string-valued custom scalars written here; an int for Int; a
    /// double for Float; a bool for Boolean), read with the plan it was written from.
    /// </summary>
    public object? Read(ResultNode parent, int slot)
    {
        var reader = new Utf8JsonReader(Utf8, isFinalBlock: true, state: default);
        reader.Read();
        return _shape is SelectionSetPlan plan
            ? ReadObject(ref reader, plan, parent, slot, nonNull: false)
            : ReadValue(ref reader, (Selection)_shape, _type!, parent, slot);
    }

    private ResultObject ReadObject(ref Utf8JsonReader reader, SelectionSetPlan plan, ResultNode parent, int slot, bool nonNull)
    {
        var result = new ResultObject(plan.Names, parent, slot, nonNull);
        var selections = plan.Selections;
        for (var i = 0; i < selections.Length; i++)
        {
            reader.Read();
            reader.Read();
            result.SetSlot(i, ReadValue(ref reader, selections[i], selections[i].Type, result, i));
        }
        reader.Read();
        return result;
    }

    // Leaves by their token: only strings, booleans, the ints of Int fields and the doubles of Float fields are
    // written straight (anything else goes to the result tree), so the token and the field's type say which.
    private object? ReadValue(ref Utf8JsonReader reader, Selection selection, GraphQLType type, ResultNode parent, int slot)
    {
        var nonNull = type is NonNullType;
        var named = nonNull ? ((NonNullType)type).OfType : type;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return ReferenceEquals(named, BuiltInScalars.Int) ? reader.GetInt32() : (object)reader.GetDouble();
            case JsonTokenType.StartObject:
                // An object of an interface or union: the writer noted its type's plan where it starts.
                var plan = named is ObjectType objectType ? selection.GetSubPlan(objectType) : _bytes.RuntimePlanAt(_start + (int)reader.TokenStartIndex);
                return ReadObject(ref reader, plan, parent, slot, nonNull);
            default:
                var itemType = ((ListType)named).OfType;
                var count = 0;
                var counter = reader;
                while (counter.Read() && counter.TokenType != JsonTokenType.EndArray)
                {
                    counter.Skip();
                    count++;
                }
                var list = new ResultList(count, parent, slot, nonNull);
                for (var i = 0; i < count; i++)
                {
                    reader.Read();
                    list.SetSlot(i, ReadValue(ref reader, selection, itemType, list, i));
                }
                reader.Read();
                return list;
        }
    }
}

/// <summary>
/// The JSON a request wrote straight from its plan, value after value: the direct writer's
/// <see cref="Utf8JsonWriter"/> writes into it (it is the writer's output), so each value is written once, in place, and
/// <see cref="ResponseJson"/> copies it once into the response. A plan's later requests start with an array as large
/// as its last request wrote, which they then fill exactly; a first request (or one that outgrows it) writes into an
/// array from the pool, and when the request ends its bytes move into an exact array of their own (<see cref="Seal"/>),
/// since an <see cref="ExecutionResult"/> has no end of life at which a rented array could go back.
/// </summary>
internal sealed class ResponseBytes : IBufferWriter<byte>
{
    private byte[] _bytes;
    private int _length;
    private bool _rented;

    // The writer asks for room ahead (at least 256 bytes to start, 4,096 to go on) that an exact array's tail may not
    // have: it then writes into a rented array whose bytes are copied onto the end at Advance (the tail alone, once).
    private byte[]? _overflow;

    public ResponseBytes(int sizeHint)
    {
        if (sizeHint > 0)
        {
            _bytes = new byte[sizeHint];
        }
        else
        {
            _bytes = ArrayPool<byte>.Shared.Rent(4096);
            _rented = true;
        }
    }

    public int Length => _length;

    // The plans of the objects of interfaces and unions written, by where each starts (in order): the JSON alone does
    // not say which object type a value was, and reading it back needs its plan. Made on the first such object.
    private List<(int Offset, SelectionSetPlan Plan)>? _runtimePlans;

    /// <summary>Notes that the object starting at <paramref name="offset"/> was written with <paramref name="plan"/>.</summary>
    public void NoteRuntimePlan(int offset, SelectionSetPlan plan) => (_runtimePlans ??= []).Add((offset, plan));

    /// <summary>The plan noted for the object starting at <paramref name="offset"/>.</summary>
    public SelectionSetPlan RuntimePlanAt(int offset)
    {
        var plans = _runtimePlans!;
        int low = 0, high = plans.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var found = plans[middle].Offset;
            if (found == offset)
            {
                return plans[middle].Plan;
            }
            if (found < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        throw new InvalidOperationException($"No plan was noted for the object written at {offset}.");
    }

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.AsSpan(start, length);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_bytes.Length - _length >= sizeHint)
        {
            return _bytes.AsMemory(_length);
        }
        if (_rented)
        {
            Grow(sizeHint);
            return _bytes.AsMemory(_length);
        }
        _overflow = ArrayPool<byte>.Shared.Rent(sizeHint);
        return _overflow;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public void Advance(int count)
    {
        if (_overflow is not { } overflow)
        {
            _length += count;
            return;
        }
        _overflow = null;
        if (_bytes.Length - _length < count)
        {
            Grow(count);
        }
        overflow.AsSpan(0, count).CopyTo(_bytes.AsSpan(_length));
        _length += count;
        ArrayPool<byte>.Shared.Return(overflow);
    }

    /// <summary>Drops the bytes from <paramref name="length"/> on (what a stopped writer wrote past the values kept).</summary>
    public void Truncate(int length)
    {
        _length = length;
        if (_runtimePlans is { } plans)
        {
            // Objects noted past the end are gone with it (a stopped run's bytes after the values it kept).
            var kept = plans.Count;
            while (kept > 0 && plans[kept - 1].Offset >= length)
            {
                kept--;
            }
            plans.RemoveRange(kept, plans.Count - kept);
        }
        if (_overflow is { } overflow)
        {
            _overflow = null;
            ArrayPool<byte>.Shared.Return(overflow);
        }
    }

    private void Grow(int sizeHint)
    {
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + sizeHint));
        _bytes.AsSpan(0, _length).CopyTo(grown);
        if (_rented)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }
        _bytes = grown;
        _rented = true;
    }

    /// <summary>The request has ended: bytes in a rented array move into an exact one, and the rented one goes back.</summary>
    public void Seal()
    {
        if (!_rented)
        {
            return;
        }
        var rented = _bytes;
        _bytes = rented.AsSpan(0, _length).ToArray();
        _rented = false;
        ArrayPool<byte>.Shared.Return(rented);
    }
}
