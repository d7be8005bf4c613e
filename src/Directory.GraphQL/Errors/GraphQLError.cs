using Directory.GraphQL.Language;

namespace Directory.GraphQL.Errors;

/// <summary>A 1-based line and column in a GraphQL document, as the response's "locations" entries carry.</summary>
public readonly record struct SourceLocation(int Line, int Column);

/// <summary>
/// An error in the shape of the GraphQL response format (spec §7.1.2): a message for the client, the source
/// locations it concerns, the response path of the field that raised it (execution errors only) and extensions
/// carrying at least a stable machine-readable <c>code</c>. Used by the parser, validator and executor alike.
/// </summary>
public sealed class GraphQLError : Exception
{
    public GraphQLError(
        string message,
        IReadOnlyList<SourceLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        string? code = null,
        IReadOnlyDictionary<string, object?>? extensions = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Locations = locations ?? [];
        Path = path;
        var ext = extensions is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(extensions);
        if (code is not null)
        {
            ext["code"] = code;
        }
        Extensions = ext;
    }

    /// <summary>Creates an error located at the given syntax nodes (nodes without a location are skipped).</summary>
    public static GraphQLError At(string message, string code, params ReadOnlySpan<SyntaxNode?> nodes)
    {
        var locations = new List<SourceLocation>(nodes.Length);
        foreach (var node in nodes)
        {
            if (node?.Location is { } l)
            {
                locations.Add(new SourceLocation(l.Line, l.Column));
            }
        }
        return new GraphQLError(message, locations, code: code);
    }

    public IReadOnlyList<SourceLocation> Locations { get; }

    /// <summary>Response path: field names (string) and list indices (int); null for request errors.</summary>
    public IReadOnlyList<object>? Path { get; }

    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>The stable <c>extensions.code</c>, or null when none was given.</summary>
    public string? Code => Extensions.TryGetValue("code", out var c) ? c as string : null;

    public GraphQLError WithPath(IReadOnlyList<object> path) =>
        new(Message, Locations, path, extensions: Extensions, innerException: InnerException);
}

/// <summary>The stable values of <c>extensions.code</c> that the engine itself produces.</summary>
public static class ErrorCodes
{
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    public const string MaxDirectivesExceeded = "MAX_DIRECTIVES_EXCEEDED";
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    public const string Timeout = "EXECUTION_TIMEOUT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>
    /// Missing or expired credentials. The engine's streaming transports end a subscription with it when the
    /// credentials it was opened with expire (the host tells them when); the host uses it for requests without a
    /// token. Who may do what once signed in is the host's alone (its own codes, e.g. FORBIDDEN).
    /// </summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    // Transport-level refusals of the HTTP endpoint (the request never reached the engine).
    public const string BadRequest = "BAD_REQUEST";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    // Persisted operations (Http/PersistedOperations.cs): the codes Apollo's persisted-queries link acts upon, and the
    // refusal of a document that is not a trusted one when only persisted operations are accepted.
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    public const string PersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";
    public const string PersistedQueryRequired = "PERSISTED_QUERY_REQUIRED";

    // Subscriptions (Http/Subscriptions): a subscriber over its cap, or the whole server over its own.
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";
}
