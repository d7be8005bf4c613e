using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Execution;

/// <summary>Writes response values and errors straight to a <see cref="Utf8JsonWriter"/>, with pre-encoded keys.</summary>
internal static class ResponseJson
{
    internal static readonly JsonEncodedText ErrorsName = JsonEncodedText.Encode("errors");
    internal static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");
    internal static readonly JsonEncodedText ExtensionsName = JsonEncodedText.Encode("extensions");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText LocationsName = JsonEncodedText.Encode("locations");
    internal static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText LineName = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText ColumnName = JsonEncodedText.Encode("column");

    /// <summary>
    /// The key of the trace id each error carries when the request is traced, so that the error a user reports can
    /// be found among the traces and logs (<c>extensions.traceId</c>).
    /// </summary>
    public const string TraceIdKey = "traceId";

    /// <summary>Writes an <c>errors</c> array: each error as <c>message</c>, <c>locations</c>, <c>path</c>, <c>extensions</c> (spec §7.1.2).</summary>
    /// <param name="writer">Where the array is written, as the value of the property the caller has just named.</param>
    /// <param name="errors">The errors, in the order they are reported.</param>
    /// <param name="traceId">Added to every error's extensions as <see cref="TraceIdKey"/> when not null.</param>
    public static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<GraphQLError> errors, string? traceId = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(errors);
        writer.WriteStartArray();
        foreach (var error in errors)
        {
            WriteError(writer, error, traceId);
        }
        writer.WriteEndArray();
    }

    /// <summary>Compact JSON written by <paramref name="write"/> into a buffer of its own (state passed, so no closure).</summary>
    internal static ArrayBufferWriter<byte> Buffer<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer, state);
        }
        return buffer;
    }

    /// <summary>Writes a response path: names as strings, list indices as numbers.</summary>
    internal static void WritePath(Utf8JsonWriter writer, IReadOnlyList<object> path)
    {
        writer.WriteStartArray();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                writer.WriteNumberValue(index);
            }
            else
            {
                writer.WriteStringValue(Convert.ToString(segment, CultureInfo.InvariantCulture));
            }
        }
        writer.WriteEndArray();
    }

    public static void WriteError(Utf8JsonWriter writer, GraphQLError error, string? traceId = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteString(MessageName, error.Message);
        if (error.Locations.Count > 0)
        {
            writer.WritePropertyName(LocationsName);
            writer.WriteStartArray();
            foreach (var location in error.Locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber(LineName, location.Line);
                writer.WriteNumber(ColumnName, location.Column);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (error.Path is { } path)
        {
            writer.WritePropertyName(PathName);
            WritePath(writer, path);
        }
        if (error.Extensions.Count > 0 || traceId is not null)
        {
            writer.WritePropertyName(ExtensionsName);
            writer.WriteStartObject();
            foreach (var (key, value) in error.Extensions)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }
            if (traceId is not null && !error.Extensions.ContainsKey(TraceIdKey))
            {
                writer.WriteString(TraceIdKey, traceId);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a response value: result objects and lists, serialized leaves (string, bool, numbers), JSON elements,
    /// and for extensions any dictionary or sequence.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case ResultObject obj:
                WriteObject(writer, obj);
                break;
            case ResultList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            case WrittenJson written:
                writer.WriteRawValue(written.Utf8, skipInputValidation: true);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case short or byte or sbyte or ushort:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                break;
            case uint ui:
                writer.WriteNumberValue(ui);
                break;
            case ulong ul:
                writer.WriteNumberValue(ul);
                break;
            case BigInteger bi:
                writer.WriteRawValue(bi.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonDocument document:
                document.WriteTo(writer);
                break;
            case Guid g:
                writer.WriteStringValue(g);
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto);
                break;
            case DateTime dt:
                writer.WriteStringValue(dt);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                break;
            case GraphQLError error:
                WriteError(writer, error);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                writer.WriteStartObject();
                foreach (var (key, item) in pairs)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }
                writer.WriteEndObject();
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, ResultObject obj)
    {
        writer.WriteStartObject();
        var names = obj.Names.Encoded;
        var values = obj.Slots;
        for (var i = 0; i < values.Length; i++)
        {
            writer.WritePropertyName(names[i]);
            WriteValue(writer, values[i]);
        }
        writer.WriteEndObject();
    }

    // JSON has no NaN or infinity; scalars reject them on serialization, this is the last line of defence.
    /// <summary>
    /// A finite double exactly as <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> writes it (the shortest text
    /// that reads back as the same double). A value of at most two decimals under a billion — most Float values a
    /// directory holds: ratings, amounts — is written from its hundredths, an integer, at a fraction of the cost of
    /// the general formatting (issue 18 §7, docs/benchmarks.md "Medium against graphql-jit"): the hundredths divided
    /// back give the very double, and with at most 11 significant digits no shorter decimal reads back as it, so the
    /// text is the shortest; every other value goes to the writer.
    /// </summary>
    internal static void WriteFiniteDouble(Utf8JsonWriter writer, double value)
    {
        var hundredths = value * 100;
        if (value == 0 || !(Math.Abs(hundredths) < 1e11) || Math.Floor(hundredths) != hundredths || hundredths / 100 != value)
        {
            writer.WriteNumberValue(value);
            return;
        }
        Span<byte> text = stackalloc byte[16];
        var at = text.Length;
        var magnitude = (ulong)Math.Abs((long)hundredths);
        var fraction = (int)(magnitude % 100);
        var whole = magnitude / 100;
        if (fraction != 0)
        {
            if (fraction % 10 != 0)
            {
                text[--at] = (byte)('0' + fraction % 10);
            }
            text[--at] = (byte)('0' + fraction / 10);
            text[--at] = (byte)'.';
        }
        do
        {
            text[--at] = (byte)('0' + (int)(whole % 10));
            whole /= 10;
        }
        while (whole != 0);
        if (value < 0)
        {
            text[--at] = (byte)'-';
        }
        writer.WriteRawValue(text[at..], skipInputValidation: true);
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            WriteFiniteDouble(writer, value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
