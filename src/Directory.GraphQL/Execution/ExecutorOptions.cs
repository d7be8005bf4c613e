using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Execution;

/// <summary>Settings of a <see cref="RequestExecutor"/>; fixed once the executor is built.</summary>
public sealed class ExecutorOptions
{
    /// <summary>
    /// When true, the message of an unexpected resolver exception reaches the client (tests and Development);
    /// otherwise the client sees "Unexpected error.". Stack traces are never exposed.
    /// </summary>
    public bool ExposeExceptionMessages { get; init; }

    /// <summary>Wall-clock limit for one request's execution; null for none. Exceeding it yields <see cref="ErrorCodes.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// How many DataLoader batches may be fetched at the same time. The default, 1, fetches the batches of one
    /// level one after another, so loaders may share one scoped (non-thread-safe) DbContext; raise it when every
    /// loader uses its own connection or context (e.g. from an IDbContextFactory).
    /// </summary>
    public int MaxConcurrentBatches { get; init; } = 1;

    /// <summary>
    /// Checks every selected field's arguments after the variables are coerced and before anything executes (see
    /// <see cref="ArgumentCheck"/>); a check that throws a <see cref="GraphQLError"/> turns the request into a request
    /// error (no data). Null for none. Lets a host bound what an argument may ask for, on the values a resolver would
    /// see, however they arrived (literal or variable).
    /// </summary>
    public ArgumentCheck? CheckArguments { get; init; }

    /// <summary>
    /// Spans and metrics of this executor's operations (<see cref="Telemetry.GraphQLTelemetry"/>). Null uses
    /// <see cref="Telemetry.GraphQLTelemetry.Default"/>.
    /// </summary>
    public Telemetry.GraphQLTelemetry? Telemetry { get; init; }

    /// <summary>Number of parsed-and-validated documents kept (LRU by query hash).</summary>
    public int DocumentCacheSize { get; init; } = 256;

    /// <summary>Number of compiled operation plans kept (LRU by document hash, operation name and @skip/@include state).</summary>
    public int OperationCacheSize { get; init; } = 256;

    /// <summary>Limits handed to the parser (tokens, depth). Null uses <see cref="ParserOptions.Default"/>.</summary>
    public ParserOptions? ParserOptions { get; init; }

    /// <summary>Options of the default validation step (error cap, suggestions, protection rules). Null uses the validator's defaults.</summary>
    public Validation.ValidationOptions? ValidationOptions { get; init; }

    /// <summary>
    /// Whether objects and lists whose sub-tree completes synchronously are written straight to JSON as they complete
    /// (issue 18 §7; see <c>RequestContext.DirectJson.cs</c>). Off only in tests, which compare its bytes with the result tree's.
    /// </summary>
    internal bool WriteJsonDirectly { get; init; } = true;

    /// <summary>
    /// The fewest values (leaves and objects, see <c>SelectionSetPlan.WrittenValues</c>) a sub-tree must hold for the
    /// direct writer to start on it (at most 254). 0, every sub-tree: on a quiet machine a minimum of 6 was no faster on
    /// any document and allocated more (docs/benchmarks.md, "Only where it pays"); the benchmarks set others to compare.
    /// </summary>
    internal int MinimumWrittenRun { get; init; } = DefaultMinimumWrittenRun;

    /// <summary>See <see cref="MinimumWrittenRun"/>.</summary>
    internal const int DefaultMinimumWrittenRun = 0;

    /// <summary>Replaces the parse step (tests count calls through it). Null parses with <see cref="ParserOptions"/>.</summary>
    internal Func<string, DocumentNode>? Parse { get; init; }

    /// <summary>
    /// The validation step: returns the errors of a parsed document against the schema (empty when valid). Null
    /// runs <see cref="Validation.DocumentValidator"/> with <see cref="ValidationOptions"/>.
    /// </summary>
    internal Func<Types.Schema, DocumentNode, IReadOnlyList<GraphQLError>>? Validate { get; init; }
}
