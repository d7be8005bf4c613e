using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http;

/// <summary>
/// Serves one GraphQL endpoint per the GraphQL-over-HTTP draft: POST with a JSON body, GET for queries (405 for a
/// mutation), content negotiation between application/graphql-response+json and application/json (406 when neither
/// is acceptable) and the spec's status codes: with graphql-response+json a request error (no data) is 400; with
/// application/json every well-formed request gets 200; requests that are not well-formed get 4xx either way.
/// </summary>
public sealed class GraphQLHttpHandler(RequestExecutor executor, GraphQLHttpOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var mediaType = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString());
        if (mediaType is null)
        {
            // Nothing we can write was asked for; the error body is JSON all the same, for humans reading it.
            await WriteProblemAsync(context, MediaTypes.Json, new HttpRequestProblem(StatusCodes.Status406NotAcceptable,
                ErrorCodes.NotAcceptable,
                $"The Accept header allows neither {MediaTypes.GraphQLResponseJson} nor {MediaTypes.Json}."));
            return;
        }

        using var read = await ReadAsync(context);
        if (read.Problem is not null)
        {
            if (read.Problem.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                context.Response.Headers.Allow = options.AllowGet ? "GET, POST" : "POST";
            }
            await WriteProblemAsync(context, mediaType, read.Problem);
            return;
        }

        var request = read.Request!;
        // GET is safe by definition (and a CSRF vector if it were not), so a GET may only run a query. The executor
        // reads the operation type through its document cache, so the execution below does not parse again.
        if (HttpMethods.IsGet(context.Request.Method) && executor.GetOperationType(request) is { } operation && operation != OperationType.Query)
        {
            context.Response.Headers.Allow = "POST";
            await WriteProblemAsync(context, mediaType, new HttpRequestProblem(StatusCodes.Status405MethodNotAllowed,
                ErrorCodes.MethodNotAllowed, "Mutations cannot be sent with GET: use POST."));
            return;
        }

        var result = await executor.ExecuteAsync(request, context.RequestServices, context.RequestAborted);
        context.Response.StatusCode = result.IsRequestError && mediaType == MediaTypes.GraphQLResponseJson
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        options.OnExecuted?.Invoke(context, result);
        context.Response.ContentType = mediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        result.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    private async Task<HttpRequestReadResult> ReadAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsPost(method))
        {
            return await GraphQLHttpRequestReader.ReadPostAsync(context.Request, options);
        }
        if (options.AllowGet && HttpMethods.IsGet(method))
        {
            return GraphQLHttpRequestReader.ReadGet(context.Request);
        }
        return new HttpRequestReadResult(null, new HttpRequestProblem(StatusCodes.Status405MethodNotAllowed,
            ErrorCodes.MethodNotAllowed, $"Method {method} is not allowed: use POST{(options.AllowGet ? " or GET" : "")}."));
    }

    private static async Task WriteProblemAsync(HttpContext context, string mediaType, HttpRequestProblem problem)
    {
        context.Response.StatusCode = problem.StatusCode;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        writer.WriteStartObject();
        writer.WriteString("message", problem.Message);
        writer.WriteStartObject("extensions");
        writer.WriteString("code", problem.Code);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
