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
internal sealed class WrittenJson(ResponseBuffer buffer, int start, int length, SelectionSetPlan? plan, Selection? selection, GraphQLType? type)
{
    /// <summary>A written object of this sub-plan.</summary>
    public WrittenJson(ResponseBuffer buffer, int start, int length, SelectionSetPlan plan)
        : this(buffer, start, length, plan, null, null)
    {
    }

    /// <summary>A written value of this type (possibly non-null) for this selection.</summary>
    public WrittenJson(ResponseBuffer buffer, int start, int length, Selection selection, GraphQLType type)
        : this(buffer, start, length, null, selection, type)
    {
    }

    public ReadOnlySpan<byte> Utf8 => buffer.Slice(start, length);

    /// <summary>
    /// The value as the result tree holds it: <see cref="ResultObject"/>s, <see cref="ResultList"/>s and serialized
    /// leaves (a string for String, ID, enums and the string-valued custom scalars written here; an int for Int; a
    /// double for Float; a bool for Boolean), read with the plan it was written from.
    /// </summary>
    public object? Read(ResultNode parent, int slot)
    {
        var reader = new Utf8JsonReader(Utf8, isFinalBlock: true, state: default);
        reader.Read();
        return plan is not null
            ? ReadObject(ref reader, plan, parent, slot, nonNull: false)
            : ReadValue(ref reader, selection!, type!, parent, slot);
    }

    private static ResultObject ReadObject(ref Utf8JsonReader reader, SelectionSetPlan plan, ResultNode parent, int slot, bool nonNull)
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
    private static object? ReadValue(ref Utf8JsonReader reader, Selection selection, GraphQLType type, ResultNode parent, int slot)
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
                return ReadObject(ref reader, selection.GetSubPlan((ObjectType)named), parent, slot, nonNull);
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
/// The bytes a request writes straight from its plan: rented from the array pool while the request runs (sized by what
/// the plan's last request wrote), then copied into an array of their own when it ends (<see cref="Seal"/>), since an
/// <see cref="ExecutionResult"/> has no end of life at which a rented array could go back.
/// </summary>
internal sealed class ResponseBuffer : IBufferWriter<byte>
{
    private byte[] _bytes;
    private int _written;
    private bool _rented;

    public ResponseBuffer(int sizeHint)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, MinimumSize));
        _rented = true;
    }

    // Utf8JsonWriter asks for this much at a time.
    private const int MinimumSize = 256;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.AsSpan(start, length);

    /// <summary>Everything written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _written);

    /// <summary>Everything written so far and a space after it (not counted as written).</summary>
    public ReadOnlySpan<byte> WrittenAndSpace()
    {
        Reserve(1);
        _bytes[_written] = (byte)' ';
        return _bytes.AsSpan(0, _written + 1);
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(_written);
    }

    /// <summary>Forgets what was written after <paramref name="length"/> bytes (the part of a sub-tree that failed).</summary>
    public void Truncate(int length) => _written = length;

    /// <summary>Moves the written bytes into an exact array and returns the rented one: the request has ended.</summary>
    public void Seal()
    {
        if (!_rented)
        {
            return;
        }
        var rented = _bytes;
        _bytes = _written == 0 ? [] : rented.AsSpan(0, _written).ToArray();
        _rented = false;
        ArrayPool<byte>.Shared.Return(rented);
    }

    private void Reserve(int sizeHint)
    {
        if (!_rented)
        {
            throw new InvalidOperationException("The response's bytes are sealed: the request has ended.");
        }
        sizeHint = Math.Max(sizeHint, 1);
        if (_bytes.Length - _written >= sizeHint)
        {
            return;
        }
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _written + sizeHint));
        _bytes.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = grown;
    }
}
