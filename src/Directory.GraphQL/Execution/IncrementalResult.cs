using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Execution;

/// <summary>
/// The response to an operation executed with incremental delivery (graphql-js 17
/// <c>experimentalExecuteIncrementally</c>). Without deferred or streamed work it is just <see cref="Initial"/>;
/// otherwise the initial payload is <c>{ errors?, data, pending, hasNext: true }</c> and <see cref="Subsequent"/>
/// yields the rest, the last with <c>hasNext: false</c>. Enumerate <see cref="Subsequent"/> once, to the end (or
/// dispose the enumerator): it runs the deferred work and releases the request's timeout.
/// </summary>
internal sealed class IncrementalExecutionResult
{
    internal IncrementalExecutionResult(ExecutionResult initial, IReadOnlyList<PendingResult> pending, IAsyncEnumerable<SubsequentResult>? subsequent)
    {
        Initial = initial;
        Pending = pending;
        Subsequent = subsequent;
    }

    /// <summary>Data and errors of the initial payload (request errors included: then there is nothing more).</summary>
    public ExecutionResult Initial { get; }

    /// <summary>The deferred fragments and streams the initial payload announces.</summary>
    public IReadOnlyList<PendingResult> Pending { get; }

    /// <summary>The payloads after the first; null when everything is in <see cref="Initial"/>.</summary>
    public IAsyncEnumerable<SubsequentResult>? Subsequent { get; }

    public bool HasNext => Subsequent is not null;

    /// <summary>Writes the initial payload: the plain response when there is nothing more, else with pending and hasNext.</summary>
    public void WriteInitialTo(Utf8JsonWriter writer) => WriteInitialTo(writer, null);

    /// <param name="writer">Where the payload goes.</param>
    /// <param name="traceId">Added to every error's extensions when not null (see <see cref="ExecutionResult.WriteTo(Utf8JsonWriter, string?)"/>).</param>
    public void WriteInitialTo(Utf8JsonWriter writer, string? traceId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!HasNext)
        {
            Initial.WriteTo(writer, traceId);
            return;
        }
        Initial.WriteTo(writer, traceId, w =>
        {
            w.WritePropertyName(IncrementalJson.PendingName);
            IncrementalJson.WritePending(w, Pending);
            w.WriteBoolean(IncrementalJson.HasNextName, true);
        });
    }
}

/// <summary>An announced deferred fragment or stream: its id, the path it is at, its label.</summary>
internal sealed record PendingResult(string Id, IReadOnlyList<object> Path, string? Label);

/// <summary>
/// Data for a deferred fragment (<see cref="Data"/>, at the pending path plus <see cref="SubPath"/>) or items for a
/// stream (<see cref="Items"/>), with the field errors met completing them.
/// </summary>
internal sealed record IncrementalEntry(string Id, ResultObject? Data, IReadOnlyList<object?>? Items, IReadOnlyList<GraphQLError>? Errors, IReadOnlyList<object>? SubPath);

/// <summary>A deferred fragment or stream that is finished; with errors when it failed (its data is then never sent).</summary>
internal sealed record CompletedResult(string Id, IReadOnlyList<GraphQLError>? Errors);

/// <summary>One payload after the first: <c>{ hasNext, pending?, incremental?, completed? }</c>.</summary>
internal sealed class SubsequentResult
{
    public bool HasNext { get; internal set; }

    public List<PendingResult> Pending { get; } = [];

    public List<IncrementalEntry> Incremental { get; } = [];

    public List<CompletedResult> Completed { get; } = [];

    public void WriteTo(Utf8JsonWriter writer) => WriteTo(writer, null);

    /// <param name="writer">Where the payload goes.</param>
    /// <param name="traceId">Added to every error's extensions when not null.</param>
    public void WriteTo(Utf8JsonWriter writer, string? traceId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean(IncrementalJson.HasNextName, HasNext);
        if (Pending.Count > 0)
        {
            writer.WritePropertyName(IncrementalJson.PendingName);
            IncrementalJson.WritePending(writer, Pending);
        }
        if (Incremental.Count > 0)
        {
            writer.WriteStartArray(IncrementalJson.IncrementalName);
            foreach (var entry in Incremental)
            {
                writer.WriteStartObject();
                writer.WriteString(IncrementalJson.IdName, entry.Id);
                if (entry.Items is not null)
                {
                    writer.WritePropertyName(IncrementalJson.ItemsName);
                    ResponseJson.WriteValue(writer, entry.Items);
                }
                else
                {
                    writer.WritePropertyName(ResponseJson.DataName);
                    ResponseJson.WriteValue(writer, entry.Data);
                }
                if (entry.Errors is { Count: > 0 } errors)
                {
                    writer.WritePropertyName(ResponseJson.ErrorsName);
                    ResponseJson.WriteErrors(writer, errors, traceId);
                }
                if (entry.SubPath is not null)
                {
                    writer.WritePropertyName(IncrementalJson.SubPathName);
                    ResponseJson.WritePath(writer, entry.SubPath);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (Completed.Count > 0)
        {
            writer.WriteStartArray(IncrementalJson.CompletedName);
            foreach (var completed in Completed)
            {
                writer.WriteStartObject();
                writer.WriteString(IncrementalJson.IdName, completed.Id);
                if (completed.Errors is { Count: > 0 } errors)
                {
                    writer.WritePropertyName(ResponseJson.ErrorsName);
                    ResponseJson.WriteErrors(writer, errors, traceId);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>The payload as a compact JSON string (tests, logs).</summary>
    public string ToJson()
    {
        return Encoding.UTF8.GetString(ResponseJson.Buffer(this, static (writer, payload) => payload.WriteTo(writer)).WrittenSpan);
    }
}

internal static class IncrementalJson
{
    internal static readonly JsonEncodedText PendingName = JsonEncodedText.Encode("pending");
    internal static readonly JsonEncodedText HasNextName = JsonEncodedText.Encode("hasNext");
    internal static readonly JsonEncodedText IncrementalName = JsonEncodedText.Encode("incremental");
    internal static readonly JsonEncodedText CompletedName = JsonEncodedText.Encode("completed");
    internal static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    internal static readonly JsonEncodedText ItemsName = JsonEncodedText.Encode("items");
    internal static readonly JsonEncodedText SubPathName = JsonEncodedText.Encode("subPath");
    private static readonly JsonEncodedText LabelName = JsonEncodedText.Encode("label");

    public static void WritePending(Utf8JsonWriter writer, IReadOnlyList<PendingResult> pending)
    {
        writer.WriteStartArray();
        foreach (var entry in pending)
        {
            writer.WriteStartObject();
            writer.WriteString(IdName, entry.Id);
            writer.WritePropertyName(ResponseJson.PathName);
            ResponseJson.WritePath(writer, entry.Path);
            if (entry.Label is not null)
            {
                writer.WriteString(LabelName, entry.Label);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
