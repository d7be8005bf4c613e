namespace Directory.GraphQL.Http;

/// <summary>Settings of the GraphQL-over-HTTP endpoint.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Request bodies above this size are refused with 413 before they are parsed. Default 512 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Whether queries may be sent with GET (mutations never may: they get 405).</summary>
    public bool AllowGet { get; set; } = true;

    /// <summary>
    /// Automatic persisted queries and trusted documents; null answers every request that names its document by
    /// hash with <c>PERSISTED_QUERY_NOT_SUPPORTED</c>.
    /// </summary>
    public PersistedOperations? PersistedOperations { get; set; }

    /// <summary>
    /// Called after execution and before the response is written, e.g. for the host to add entries to the result's
    /// <c>extensions</c> (diagnostics) or to change the status code already set. Not called for requests refused before
    /// execution.
    /// </summary>
    public Action<Microsoft.AspNetCore.Http.HttpContext, Execution.ExecutionResult>? OnExecuted { get; set; }

    /// <summary>
    /// Subscriptions (and any operation) over GraphQL over SSE and graphql-transport-ws WebSockets at the same
    /// endpoint; null serves neither.
    /// </summary>
    public Subscriptions.GraphQLSubscriptionOptions? Subscriptions { get; set; }
}
