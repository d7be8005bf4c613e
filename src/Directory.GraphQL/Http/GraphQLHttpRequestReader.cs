using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http;

/// <summary>
/// Turns an HTTP request into a <see cref="GraphQLRequest"/> per GraphQL over HTTP: a JSON body for POST, URL
/// parameters for GET. Anything that is not a well-formed GraphQL-over-HTTP request becomes a
/// <see cref="HttpRequestProblem"/> with the status code to answer, before the engine sees it.
/// </summary>
internal static class GraphQLHttpRequestReader
{
    public static async Task<HttpRequestReadResult> ReadPostAsync(HttpRequest request, GraphQLHttpOptions options)
    {
        if (request.ContentType is null)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                "POST requests must have a Content-Type header of application/json.");
        }

        // Only JSON is accepted. Besides being the format the spec requires, this keeps out the "simple" content types
        // (form posts, text/plain) that browsers send cross-site without a CORS preflight: the spec's CSRF guidance.
        if (!MediaTypes.IsJsonRequest(request.ContentType))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"Unsupported Content-Type \"{request.ContentType}\": use application/json (UTF-8).");
        }

        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            return TooLarge(options);
        }

        var body = await ReadBodyAsync(request.BodyReader, options.MaxRequestBodyBytes, request.HttpContext.RequestAborted);
        if (body is null)
        {
            return TooLarge(options);
        }

        if (body.Length == 0)
        {
            return BadRequest("The request body is empty: send a JSON object with a \"query\" string.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return BadRequest($"The request body is not valid JSON: {e.Message}");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return BadRequest("The request body must be a JSON object with a \"query\" string.");
        }

        var result = FromJsonObject(root);
        if (result.Problem is not null)
        {
            document.Dispose();
            return result;
        }
        return result with { Owner = document };
    }

    public static HttpRequestReadResult ReadGet(HttpRequest request)
    {
        var parameters = request.Query;
        var extensions = ParseJsonParameter(parameters["extensions"].ToString(), "extensions", out var extensionsProblem);
        if (extensionsProblem is not null)
        {
            return BadRequest(extensionsProblem);
        }
        var extensionMap = extensions is null ? null : ToDictionary(extensions.RootElement);

        // A persisted query is fetched by its hash alone: a short URL that a CDN can cache.
        var query = parameters["query"];
        var byHash = query.Count == 0 && PersistedOperations.IsPersistedQuery(extensionMap);
        if (!byHash && (query.Count != 1 || string.IsNullOrEmpty(query[0])))
        {
            extensions?.Dispose();
            return BadRequest("A GET request needs exactly one \"query\" URL parameter holding the GraphQL document "
                + "(or extensions.persistedQuery naming a persisted one).");
        }

        var operationName = parameters["operationName"].ToString();
        var variables = ParseJsonParameter(parameters["variables"].ToString(), "variables", out var variablesProblem);
        if (variablesProblem is not null)
        {
            extensions?.Dispose();
            return BadRequest(variablesProblem);
        }

        var graphQLRequest = new GraphQLRequest
        {
            Query = byHash ? null : query[0]!,
            OperationName = operationName.Length == 0 ? null : operationName,
            Variables = variables is null ? null : ToDictionary(variables.RootElement),
            Extensions = extensionMap,
        };
        return new HttpRequestReadResult(graphQLRequest, null) { Owner = new Owners(variables, extensions) };
    }

    internal static HttpRequestReadResult FromJsonObject(JsonElement root)
    {
        string? query = null;
        string? operationName = null;
        IReadOnlyDictionary<string, JsonElement>? variables = null;
        IReadOnlyDictionary<string, JsonElement>? extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return BadRequest("The \"query\" parameter must be a string.");
                    }
                    query = value.GetString();
                    break;
                case "operationName":
                    if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        return BadRequest("The \"operationName\" parameter must be a string or null.");
                    }
                    operationName = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    break;
                case "variables":
                    if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        return BadRequest("The \"variables\" parameter must be a JSON object or null.");
                    }
                    variables = value.ValueKind == JsonValueKind.Object ? ToDictionary(value) : null;
                    break;
                case "extensions":
                    if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        return BadRequest("The \"extensions\" parameter must be a JSON object or null.");
                    }
                    extensions = value.ValueKind == JsonValueKind.Object ? ToDictionary(value) : null;
                    break;
                default:
                    // Other names are reserved for future versions of the spec; ignoring them keeps clients working.
                    break;
            }
        }

        if (query is null && !PersistedOperations.IsPersistedQuery(extensions))
        {
            return BadRequest("The request has no \"query\" parameter: send the GraphQL document as a string.");
        }

        var request = new GraphQLRequest
        {
            Query = query,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        };
        return new HttpRequestReadResult(request, null);
    }

    private static JsonDocument? ParseJsonParameter(string text, string name, out string? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                document.Dispose();
                return null;
            }
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                problem = $"The \"{name}\" URL parameter must be a JSON-encoded object.";
                return null;
            }
            return document;
        }
        catch (JsonException e)
        {
            problem = $"The \"{name}\" URL parameter is not valid JSON: {e.Message}";
            return null;
        }
    }

    private static Dictionary<string, JsonElement> ToDictionary(JsonElement obj)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            result[property.Name] = property.Value;
        }
        return result;
    }

    /// <summary>Reads the whole body, or returns null as soon as it exceeds <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }

            // Nothing consumed, everything examined: the next read returns the whole body so far plus more.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static HttpRequestReadResult TooLarge(GraphQLHttpOptions options) =>
        Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge,
            $"The request body is larger than the limit of {options.MaxRequestBodyBytes} bytes.");

    private static HttpRequestReadResult BadRequest(string message) =>
        Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);

    private static HttpRequestReadResult Problem(int status, string code, string message) =>
        new(null, new HttpRequestProblem(status, code, message));

    /// <summary>Disposes the JSON documents a GET request's parameters were parsed into.</summary>
    private sealed class Owners(JsonDocument? first, JsonDocument? second) : IDisposable
    {
        public void Dispose()
        {
            first?.Dispose();
            second?.Dispose();
        }
    }
}

/// <summary>Why an HTTP request is not a well-formed GraphQL-over-HTTP request, and the status code that says so.</summary>
internal sealed record HttpRequestProblem(int StatusCode, string Code, string Message);

/// <summary>
/// Either a request or a problem. <see cref="Owner"/> keeps alive the JSON the request's variables point into; the
/// caller disposes it after execution.
/// </summary>
internal sealed record HttpRequestReadResult(GraphQLRequest? Request, HttpRequestProblem? Problem) : IDisposable
{
    public IDisposable? Owner { get; init; }

    public void Dispose() => Owner?.Dispose();
}
