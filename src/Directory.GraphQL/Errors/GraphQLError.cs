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
    /// <summary>Creates an error; <paramref name="code"/>, when given, becomes <c>extensions.code</c> (added to <paramref name="extensions"/>).</summary>
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

    /// <summary>Where in the document the error arose (line and column, 1-based); empty when it concerns no particular place.</summary>
    public IReadOnlyList<SourceLocation> Locations { get; }

    /// <summary>Response path: field names (string) and list indices (int); null for request errors.</summary>
    public IReadOnlyList<object>? Path { get; }

    /// <summary>The error's <c>extensions</c>, including <c>code</c> when the error has one.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; }

    /// <summary>The stable <c>extensions.code</c>, or null when none was given.</summary>
    public string? Code => Extensions.TryGetValue("code", out var c) ? c as string : null;

    /// <summary>A copy of this error at a response path (what an executor does to an error a resolver threw).</summary>
    public GraphQLError WithPath(IReadOnlyList<object> path) =>
        new(Message, Locations, path, extensions: Extensions, innerException: InnerException);
}

/// <summary>The stable values of <c>extensions.code</c> that the engine itself produces.</summary>
public static class ErrorCodes
{
    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string SyntaxError = "GRAPHQL_PARSE_FAILED";
    /// <summary>The document failed validation against the schema.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    /// <summary>A variable or argument value does not fit its type.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";
    /// <summary>The requested operation is not in the document, or a name is needed to choose one.</summary>
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";
    /// <summary>The document has more tokens than <see cref="Language.ParserOptions.MaxTokens"/> allows.</summary>
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";
    /// <summary>The document nests deeper than a parser or validation limit allows.</summary>
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    /// <summary>The operation uses more aliases than the validation limit allows.</summary>
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    /// <summary>The operation uses more directives than the validation limit allows.</summary>
    public const string MaxDirectivesExceeded = "MAX_DIRECTIVES_EXCEEDED";
    /// <summary>The operation's estimated cost exceeds the validation limit.</summary>
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";
    /// <summary>Introspection was asked for where it is switched off.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    /// <summary>The request ran longer than <see cref="Execution.ExecutorOptions.Timeout"/>.</summary>
    public const string Timeout = "EXECUTION_TIMEOUT";
    /// <summary>A resolver failed unexpectedly; the message is hidden unless exceptions are exposed.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>
    /// Missing or expired credentials. The engine's streaming transports end a subscription with it when the
    /// credentials it was opened with expire (the host tells them when); the host uses it for requests without a
    /// token. Who may do what once signed in is the host's alone (its own codes, e.g. FORBIDDEN).
    /// </summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    // Transport-level refusals of the HTTP endpoint (the request never reached the engine).
    /// <summary>The HTTP request is malformed (not JSON, no query, parameters of the wrong type).</summary>
    public const string BadRequest = "BAD_REQUEST";
    /// <summary>The request body has a media type the endpoint does not read.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    /// <summary>The request body is larger than the endpoint accepts.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    /// <summary>The HTTP method is not allowed for this request (a mutation over GET, for instance).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    /// <summary>None of the media types the client accepts can be produced.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    // Persisted operations (Http/PersistedOperations.cs): the codes Apollo's persisted-queries link acts upon, and the
    // refusal of a document that is not a trusted one when only persisted operations are accepted.
    /// <summary>The hash of a persisted operation is unknown: the client should send the document with it (Apollo's link does).</summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";
    /// <summary>The endpoint does not accept persisted operations: the client should stop sending hashes.</summary>
    public const string PersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED";
    /// <summary>Only trusted documents are accepted and this request is not one.</summary>
    public const string PersistedQueryRequired = "PERSISTED_QUERY_REQUIRED";

    // Subscriptions (Http/Subscriptions): a subscriber over its cap, or the whole server over its own.
    /// <summary>A subscriber, or the whole server, has reached its limit of open subscriptions.</summary>
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";
}
