using System.Buffers;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Directory.GraphQL.Http;

/// <summary>
/// Incremental delivery over HTTP (the GraphQL-over-HTTP incremental delivery RFC as graphql-helix, GraphQL Yoga and
/// Apollo implement it): a <c>multipart/mixed; boundary="-"</c> response with one part per payload, each
/// <c>Content-Type: application/json; charset=utf-8</c>, written and flushed as soon as it is ready. A client asks for
/// it with <c>Accept: multipart/mixed</c> (graphql-http, meros, fetch-multipart-graphql) or
/// <c>multipart/mixed;deferSpec=20220824</c> (Apollo Client); the <c>deferSpec</c> parameter is echoed on the response.
/// </summary>
internal static class MultipartResponse
{
    public const string MediaType = "multipart/mixed";
    public const string DeferSpecParameter = "deferSpec";

    // Each part is followed at once by the next delimiter: a reader knows a part has ended only when it sees one, so
    // writing it with the following part would hold the payload back until then. "--" after the last closes the body.
    private static readonly byte[] PartHeaders = Encoding.ASCII.GetBytes("\r\nContent-Type: application/json; charset=utf-8\r\n\r\n");
    private static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("\r\n---");
    private static readonly byte[] End = Encoding.ASCII.GetBytes("--\r\n");

    /// <summary>What a client's Accept header says about multipart responses.</summary>
    public sealed record Acceptance(string? DeferSpec);

    /// <summary>The multipart/mixed entry of an Accept header (quality above 0), or null when there is none.</summary>
    public static Acceptance? Accepts(string? acceptHeader)
    {
        if (string.IsNullOrWhiteSpace(acceptHeader) || !MediaTypeHeaderValue.TryParseList([acceptHeader], out var accepted))
        {
            return null;
        }
        foreach (var entry in accepted)
        {
            if ((entry.Quality ?? 1.0) > 0 && entry.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
            {
                var deferSpec = entry.Parameters.FirstOrDefault(p => p.Name.Equals(DeferSpecParameter, StringComparison.OrdinalIgnoreCase));
                return new Acceptance(deferSpec?.Value.Value);
            }
        }
        return null;
    }

    /// <summary>The error a client gets that sends @defer/@stream without accepting multipart responses.</summary>
    internal static HttpRequestProblem NotAccepted { get; } = new(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
        "The operation uses @defer or @stream, which send several payloads, but the Accept header does not allow " +
        $"{MediaType}. Send 'Accept: {MediaType}' (or 'Accept: {MediaType};deferSpec=20220824, application/json'), " +
        "or turn the directives off with if: false.");

    /// <summary>
    /// Writes an incremental result as multipart/mixed, a part per payload, flushing each. A result with a single
    /// payload (nothing was deferred after all) is one part. Stops, without an error part, when the client goes away.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, Acceptance acceptance, IncrementalExecutionResult result,
        Action<HttpContext, ExecutionResult>? onExecuted)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        onExecuted?.Invoke(context, result.Initial);
        context.Response.ContentType = MediaType + "; boundary=\"-\""
            + (acceptance.DeferSpec is { } spec ? $"; {DeferSpecParameter}={spec}" : "");
        context.Response.Headers.CacheControl = "no-store";
        // Each part must reach the client when it is written, not when a buffer (or a compressor) fills up.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellation = context.RequestAborted;
        var body = context.Response.BodyWriter;

        // Every part's errors carry the request's trace id, as a single response's do.
        var traceId = GraphQLTelemetry.CurrentTraceId();
        body.Write(Delimiter);
        await WritePartAsync(body, writer => result.WriteInitialTo(writer, traceId), cancellation);
        if (result.Subsequent is { } subsequent)
        {
            await foreach (var payload in subsequent.WithCancellation(cancellation))
            {
                await WritePartAsync(body, writer => payload.WriteTo(writer, traceId), cancellation);
            }
        }
        body.Write(End);
        await body.FlushAsync(cancellation);
    }

    private static async Task WritePartAsync(System.IO.Pipelines.PipeWriter body, Action<Utf8JsonWriter> write, CancellationToken cancellation)
    {
        body.Write(PartHeaders);
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer);
        }
        body.Write(Delimiter);
        await body.FlushAsync(cancellation);
    }
}
