using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http;

/// <summary>
/// The body of a refusal made before anything executes, in the shape of a GraphQL response so that every GraphQL
/// client can show it: <c>{"errors":[{"message":…,"extensions":{"code":…,"traceId":…}}]}</c>, the trace id when the
/// request is traced. The endpoint writes its own
/// refusals (406, 405, a body it cannot read) with it, and a host writes its own (401, 429, 503 …) the same way.
/// </summary>
public static class GraphQLErrorResponse
{
    /// <summary>Writes the body with the given media type; the caller sets the status code (and any headers) first.</summary>
    public static async Task WriteAsync(HttpContext context, string message, string code, string mediaType = MediaTypes.Json)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = mediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WritePropertyName(ResponseJson.ErrorsName);
        ResponseJson.WriteErrors(writer, [new GraphQLError(message, code: code)], GraphQLTelemetry.CurrentTraceId());
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
