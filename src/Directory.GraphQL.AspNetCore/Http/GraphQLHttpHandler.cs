using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http;

/// <summary>
/// Serves one GraphQL endpoint per the GraphQL-over-HTTP draft: POST with a JSON body, GET for queries (405 for a
/// mutation), content negotiation between application/graphql-response+json and application/json (406 when neither
/// is acceptable) and the spec's status codes: with graphql-response+json a request error (no data) is 400; with
/// application/json every well-formed request gets 200; requests that are not well-formed get 4xx either way.
/// A request may name its document by hash instead (<see cref="PersistedOperations"/>).
/// </summary>
internal sealed class GraphQLHttpHandler(RequestExecutor executor, GraphQLHttpOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        var multipart = MultipartResponse.Accepts(accept);
        // A client that accepts only multipart/mixed gets JSON for answers that are not incremental.
        var mediaType = MediaTypes.Negotiate(accept) ?? (multipart is null ? null : MediaTypes.Json);
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

        var persisted = options.PersistedOperations ?? PersistedOperations.Unsupported;
        var resolution = persisted.Resolve(read.Request!);
        if (resolution.Problem is not null)
        {
            await WriteProblemAsync(context, mediaType, resolution.Problem);
            return;
        }
        if (resolution.Refusal is not null)
        {
            // A CDN must not keep "not found" for a hash the client is about to register.
            context.Response.Headers.CacheControl = "no-store";
            await WriteResultAsync(context, mediaType, resolution.Refusal);
            return;
        }

        var request = resolution.Request!;
        // Started before the checks below read (parse and validate) the document, so those spans are the operation's.
        using var telemetry = executor.StartOperation(request);
        // GET is safe by definition (and a CSRF vector if it were not), so a GET may only run a query. The executor
        // reads the operation type through its document cache, so the execution below does not parse again.
        if (HttpMethods.IsGet(context.Request.Method) && executor.GetOperationType(request) is { } operation && operation != OperationType.Query)
        {
            context.Response.Headers.Allow = "POST";
            await RefuseOperationAsync(context, mediaType, telemetry, new HttpRequestProblem(StatusCodes.Status405MethodNotAllowed,
                ErrorCodes.MethodNotAllowed, "Mutations cannot be sent with GET: use POST."));
            return;
        }

        if (executor.RequestsIncrementalDelivery(request))
        {
            await HandleIncrementalAsync(context, request, resolution, multipart, mediaType, telemetry);
            return;
        }
        var result = await executor.ExecuteAsync(request, context.RequestServices, telemetry, context.RequestAborted);
        if (resolution.RegisterAs is not null && !result.IsRequestError)
        {
            persisted.Register(resolution.RegisterAs, request.Query!);
        }
        if (resolution.ByHashOnly && HttpMethods.IsGet(context.Request.Method))
        {
            SetCacheHeaders(context, result, persisted.Options.MaxAgeSeconds);
        }
        await WriteResultAsync(context, mediaType, result, options.OnExecuted);
    }

    /// <summary>
    /// @defer/@stream: multipart/mixed for a client that accepts it, 406 before anything runs for one that does not
    /// (as Apollo Server answers; running the operation without them would hide the slow part behind the fast one).
    /// </summary>
    private async Task HandleIncrementalAsync(HttpContext context, GraphQLRequest request, PersistedResolution resolution,
        MultipartResponse.Acceptance? multipart, string mediaType, GraphQLTelemetry.OperationTelemetry telemetry)
    {
        if (multipart is null)
        {
            await RefuseOperationAsync(context, mediaType, telemetry, MultipartResponse.NotAccepted);
            return;
        }
        var result = await executor.ExecuteIncrementallyAsync(request, context.RequestServices, telemetry, context.RequestAborted);
        if (resolution.RegisterAs is not null && !result.Initial.IsRequestError)
        {
            (options.PersistedOperations ?? PersistedOperations.Unsupported).Register(resolution.RegisterAs, request.Query!);
        }
        if (result.Initial.IsRequestError)
        {
            await WriteResultAsync(context, mediaType, result.Initial, options.OnExecuted);
            return;
        }
        await MultipartResponse.WriteAsync(context, multipart, result, options.OnExecuted);
    }

    private static async Task WriteResultAsync(HttpContext context, string mediaType, ExecutionResult result,
        Action<HttpContext, ExecutionResult>? onExecuted = null)
    {
        context.Response.StatusCode = result.IsRequestError && mediaType == MediaTypes.GraphQLResponseJson
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        onExecuted?.Invoke(context, result);
        context.Response.ContentType = mediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        result.WriteTo(writer, GraphQLTelemetry.CurrentTraceId());
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// A query fetched by hash alone has a short, stable URL, which is what makes it cacheable by a CDN. Only complete
    /// answers are cached; an answer to a signed-in caller only by that caller's own browser (a shared cache must not
    /// hand one viewer's data to another), and the media type and the caller vary the answer.
    /// </summary>
    private static void SetCacheHeaders(HttpContext context, ExecutionResult result, int maxAgeSeconds)
    {
        var headers = context.Response.Headers;
        if (result.Errors.Count > 0)
        {
            headers.CacheControl = "no-store";
            return;
        }
        if (maxAgeSeconds <= 0)
        {
            return;
        }
        var scope = context.Request.Headers.Authorization.Count > 0 ? "private" : "public";
        headers.CacheControl = $"{scope}, max-age={maxAgeSeconds}";
        headers.Vary = "Accept, Authorization";
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

    /// <summary>A refusal of an operation already being traced: measured as the request error it is.</summary>
    private static Task RefuseOperationAsync(HttpContext context, string mediaType, GraphQLTelemetry.OperationTelemetry telemetry, HttpRequestProblem problem)
    {
        telemetry.Complete(requestError: true, [new GraphQLError(problem.Message, code: problem.Code)]);
        return WriteProblemAsync(context, mediaType, problem);
    }

    internal static Task WriteProblemAsync(HttpContext context, string mediaType, HttpRequestProblem problem)
    {
        context.Response.StatusCode = problem.StatusCode;
        return GraphQLErrorResponse.WriteAsync(context, problem.Message, problem.Code, mediaType);
    }
}
