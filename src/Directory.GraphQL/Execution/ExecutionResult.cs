using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Execution;

/// <summary>
/// The response of one request (spec §7.1): errors, data and extensions. A request error (parse, validation,
/// operation selection, variable coercion) has no data entry at all; an execution error that nulls the root has
/// <c>data: null</c>. <see cref="HasData"/> tells the two apart.
/// </summary>
public sealed class ExecutionResult
{
    private Dictionary<string, object?>? _extensions;

    private ExecutionResult(IReadOnlyList<GraphQLError> errors, bool hasData, ResultObject? data)
    {
        Errors = errors;
        HasData = hasData;
        Data = data;
    }

    /// <summary>A request error: errors and no data entry (the HTTP layer answers 400 for these).</summary>
    public static ExecutionResult RequestError(IReadOnlyList<GraphQLError> errors) => new(errors, hasData: false, data: null);

    /// <summary>A request error with one error and no data.</summary>
    public static ExecutionResult RequestError(GraphQLError error) => new([error], hasData: false, data: null);

    /// <summary>The result of an executed operation: data (null when a non-null root field failed) and field errors.</summary>
    internal static ExecutionResult FromData(ResultObject? data, IReadOnlyList<GraphQLError> errors) => new(errors, hasData: true, data);

    /// <summary>The errors: request errors when <see cref="IsRequestError"/>, field errors otherwise.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }

    /// <summary>The name of the operation that ran (null when anonymous or when none was selected); for the host's telemetry.</summary>
    public string? OperationName { get; internal set; }

    /// <summary>True when the response has a <c>data</c> entry (possibly null).</summary>
    public bool HasData { get; }

    /// <summary>
    /// The data; null when absent or null (see <see cref="HasData"/>). Objects are read-only dictionaries in response
    /// order, lists are read-only lists, leaves are their serialized values.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Data { get; }

    /// <summary>Parse, validation, operation-selection or variable-coercion failure: errors and no data.</summary>
    public bool IsRequestError => !HasData;

    /// <summary>The response's <c>extensions</c>; any layer may add entries (diagnostics, tracing, cost).</summary>
    public IDictionary<string, object?> Extensions => _extensions ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>True when some layer added an entry to <see cref="Extensions"/>.</summary>
    public bool HasExtensions => _extensions is { Count: > 0 };

    /// <summary>Writes the response map: <c>errors</c> first when present, then <c>data</c>, then <c>extensions</c>.</summary>
    public void WriteTo(Utf8JsonWriter writer) => WriteTo(writer, null, null);

    /// <param name="writer">Where the response goes.</param>
    /// <param name="traceId">Added to every error's extensions (<see cref="ResponseJson.TraceIdKey"/>) when not null.</param>
    public void WriteTo(Utf8JsonWriter writer, string? traceId) => WriteTo(writer, traceId, null);

    /// <summary>Writes the response map, with more entries (incremental delivery's) before <c>extensions</c>.</summary>
    internal void WriteTo(Utf8JsonWriter writer, string? traceId, Action<Utf8JsonWriter>? moreEntries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Errors.Count > 0)
        {
            writer.WritePropertyName(ResponseJson.ErrorsName);
            ResponseJson.WriteErrors(writer, Errors, traceId);
        }
        if (HasData)
        {
            writer.WritePropertyName(ResponseJson.DataName);
            ResponseJson.WriteValue(writer, Data);
        }
        moreEntries?.Invoke(writer);
        if (HasExtensions)
        {
            writer.WritePropertyName(ResponseJson.ExtensionsName);
            ResponseJson.WriteValue(writer, _extensions);
        }
        writer.WriteEndObject();
    }

    /// <summary>The response as compact UTF-8 JSON.</summary>
    /// <param name="traceId">Added to every error's extensions when not null (a transport passes the request's).</param>
    public byte[] ToUtf8Json(string? traceId = null)
    {
        return ResponseJson.Buffer((Result: this, TraceId: traceId), static (writer, s) => s.Result.WriteTo(writer, s.TraceId)).WrittenSpan.ToArray();
    }

    /// <summary>The response as a compact JSON string (tests, logs).</summary>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());
}
