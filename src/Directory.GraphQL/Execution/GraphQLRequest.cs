using System.Text.Json;

namespace Directory.GraphQL.Execution;

/// <summary>
/// One GraphQL request as the GraphQL-over-HTTP draft describes its parameters: the document text, which operation
/// to run, the raw (uncoerced) variable values and the free-form <c>extensions</c> map.
/// </summary>
public sealed class GraphQLRequest
{
    /// <summary>An empty request, to be filled with the init properties.</summary>
    public GraphQLRequest()
    {
    }

    /// <summary>A request for <paramref name="query"/> with optional variables and operation name.</summary>
    public GraphQLRequest(string query, IReadOnlyDictionary<string, JsonElement>? variables = null, string? operationName = null)
    {
        Query = query;
        Variables = variables;
        OperationName = operationName;
    }

    /// <summary>The document text.</summary>
    public string? Query { get; init; }

    /// <summary>Which operation of the document to run; may be null when the document has exactly one.</summary>
    public string? OperationName { get; init; }

    /// <summary>Raw variable values by name; JSON values as they arrived (coerced against the operation later).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Variables { get; init; }

    /// <summary>The request's <c>extensions</c> map, handed to resolvers through <see cref="ResolverContext.Extensions"/>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>Variables from a JSON object (or null/undefined for none).</summary>
    public static IReadOnlyDictionary<string, JsonElement>? VariablesFromJson(JsonElement variables) => ObjectToDictionary(variables, "variables");

    /// <summary>Reads <c>{"query", "operationName", "variables", "extensions"}</c> from a JSON object.</summary>
    public static GraphQLRequest FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A GraphQL request body must be a JSON object.", nameof(body));
        }
        string? query = null;
        string? operationName = null;
        IReadOnlyDictionary<string, JsonElement>? variables = null;
        IReadOnlyDictionary<string, JsonElement>? extensions = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "query":
                    query = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "operationName":
                    operationName = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "variables":
                    variables = ObjectToDictionary(property.Value, "variables");
                    break;
                case "extensions":
                    extensions = ObjectToDictionary(property.Value, "extensions");
                    break;
            }
        }
        return new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables, Extensions = extensions };
    }

    private static Dictionary<string, JsonElement>? ObjectToDictionary(JsonElement element, string what)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The request's {what} must be a JSON object.", nameof(element));
        }
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            // Clone so the request outlives the buffer the JSON was read from.
            result[property.Name] = property.Value.Clone();
        }
        return result;
    }
}
