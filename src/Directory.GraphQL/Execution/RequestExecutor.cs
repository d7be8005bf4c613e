using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Runs GraphQL requests against one schema (anchors §2 pipeline): document cache → parse → validate → operation
/// selection → variable coercion → argument checks → operation plan cache → execute. Thread-safe; build one per schema and share it.
/// </summary>
public sealed partial class RequestExecutor
{
    private readonly LruCache<string, CachedDocument> _documents;
    private readonly LruCache<PlanKey, OperationPlan> _plans;
    private readonly Func<string, DocumentNode> _parse;
    private readonly Func<Schema, DocumentNode, IReadOnlyList<GraphQLError>> _validate;

    public RequestExecutor(Schema schema, ExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Options = options ?? new ExecutorOptions();
        _documents = new LruCache<string, CachedDocument>(Options.DocumentCacheSize, StringComparer.Ordinal);
        _plans = new LruCache<PlanKey, OperationPlan>(Options.OperationCacheSize);
        var parserOptions = Options.ParserOptions;
        _parse = Options.Parse ?? (text => Parser.Parse(text, parserOptions));
        var validationOptions = Options.ValidationOptions;
        _validate = Options.Validate ?? ((s, d) => Validation.DocumentValidator.Validate(s, d, validationOptions));
    }

    public Schema Schema { get; }

    public ExecutorOptions Options { get; }

    /// <summary>Documents currently cached (diagnostics and tests).</summary>
    public int CachedDocumentCount => _documents.Count;

    /// <summary>Operation plans currently cached (diagnostics and tests).</summary>
    public int CachedPlanCount => _plans.Count;

    /// <summary>
    /// Executes a request. Request errors (no query, syntax, validation, operation selection, variables) give a
    /// result without data (<see cref="ExecutionResult.IsRequestError"/>); field errors give partial data. Caller
    /// cancellation throws <see cref="OperationCanceledException"/>; <see cref="ExecutorOptions.Timeout"/> gives
    /// an error with code <see cref="ErrorCodes.Timeout"/>.
    /// </summary>
    public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return Task.FromResult(ExecutionResult.RequestError(new GraphQLError("Must provide query string.", code: ErrorCodes.BadUserInput)));
        }
        var document = GetDocument(request.Query);
        if (document.Errors is not null)
        {
            return Task.FromResult(ExecutionResult.RequestError(document.Errors));
        }
        return ExecuteAsync(document, request.OperationName, request.Variables, request.Extensions, services, rootValue: null, cancellationToken);
    }

    /// <summary>Executes an already-parsed document (validated here; not cached).</summary>
    public Task<ExecutionResult> ExecuteAsync(
        DocumentNode document,
        string? operationName = null,
        IReadOnlyDictionary<string, JsonElement>? variables = null,
        IServiceProvider? services = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = _validate(Schema, document);
        if (errors.Count > 0)
        {
            return Task.FromResult(ExecutionResult.RequestError(errors));
        }
        var entry = new CachedDocument(document, null, hash: "");
        return ExecuteAsync(entry, operationName, variables, null, services, rootValue: null, cancellationToken);
    }

    /// <summary>
    /// The type of the operation the request would run, read through the document cache (so a following
    /// <see cref="ExecuteAsync(GraphQLRequest, IServiceProvider?, CancellationToken)"/> neither parses nor validates
    /// again). Null when the document is invalid or names no single operation; executing it then reports why. The
    /// HTTP layer uses this to refuse mutations over GET.
    /// </summary>
    public OperationType? GetOperationType(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return null;
        }
        var document = GetDocument(request.Query);
        return document.Document is null ? null : SelectOperation(document.Document, request.OperationName, out _)?.Operation;
    }

    private CachedDocument GetDocument(string query)
    {
        if (_documents.TryGet(query, out var cached))
        {
            return cached;
        }
        DocumentNode document;
        try
        {
            document = _parse(query);
        }
        catch (GraphQLError error)
        {
            // Syntax errors are not cached: they are cheap to find again and would only crowd out valid documents.
            return new CachedDocument(null, [error], "");
        }
        var errors = _validate(Schema, document);
        if (errors.Count > 0)
        {
            return new CachedDocument(null, errors, "");
        }
        var entry = new CachedDocument(document, null, HashOf(query));
        _documents.Set(query, entry);
        return entry;
    }

    private static string HashOf(string query) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    private Task<ExecutionResult> ExecuteAsync(
        CachedDocument entry,
        string? operationName,
        IReadOnlyDictionary<string, JsonElement>? variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        object? rootValue,
        CancellationToken cancellationToken)
    {
        var prepared = Prepare(entry, operationName, variables);
        if (prepared.Refusal is not null)
        {
            return Task.FromResult(prepared.Refusal);
        }
        if (prepared.Plan!.Operation.Operation == OperationType.Subscription)
        {
            return Task.FromResult(ExecutionResult.RequestError(GraphQLError.At(
                "Subscriptions are not supported by this server.", ErrorCodes.OperationNotFound, prepared.Plan.Operation)));
        }
        return RunAsync(prepared.Plan, prepared.Variables!, extensions, services, rootValue, cancellationToken);
    }

    /// <summary>
    /// Everything before execution proper: operation selection, root type, variable coercion, argument checks and the
    /// (cached) plan. A refusal is the result to answer instead.
    /// </summary>
    private PreparedOperation Prepare(CachedDocument entry, string? operationName, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var document = entry.Document!;
        var operation = SelectOperation(document, operationName, out var selectionError);
        if (operation is null)
        {
            return new PreparedOperation(ExecutionResult.RequestError(selectionError!), null, null);
        }
        var rootType = Schema.GetRootType(operation.Operation);
        if (rootType is null)
        {
            return new PreparedOperation(ExecutionResult.FromData(null, [GraphQLError.At(
                $"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.",
                ErrorCodes.OperationNotFound,
                operation)]), null, null);
        }

        var variableErrors = new List<GraphQLError>();
        var coercedVariables = InputCoercion.CoerceVariableValues(Schema, operation, variables, variableErrors);
        if (variableErrors.Count > 0)
        {
            return new PreparedOperation(ExecutionResult.RequestError(variableErrors), null, null);
        }
        if (Options.CheckArguments is { } check
            && ArgumentChecks.Run(Schema, document, operation, rootType, coercedVariables, check) is { } refusal)
        {
            return new PreparedOperation(ExecutionResult.RequestError(refusal), null, null);
        }
        return new PreparedOperation(null, GetPlan(entry, operation, rootType, coercedVariables), coercedVariables);
    }

    private readonly record struct PreparedOperation(
        ExecutionResult? Refusal, OperationPlan? Plan, IReadOnlyDictionary<string, object?>? Variables);

    /// <summary>Executes a prepared plan once (for a subscription: once per event, with the event as root value).</summary>
    private async Task<ExecutionResult> RunAsync(
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> coercedVariables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        object? rootValue,
        CancellationToken cancellationToken)
    {
        using var timeout = Options.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is not null && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token)
            : null;
        var token = linked?.Token ?? timeout?.Token ?? cancellationToken;

        var context = new RequestContext(
            plan, coercedVariables, extensions, services ?? EmptyServiceProvider.Instance, Options, rootValue, token);
        try
        {
            var data = await context.RunAsync().ConfigureAwait(false);
            return ExecutionResult.FromData(data, context.Errors);
        }
        catch (OperationCanceledException) when (timeout is not null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var errors = new List<GraphQLError>(context.Errors)
            {
                new($"The request did not complete within {Options.Timeout!.Value.TotalMilliseconds:0} ms.", code: ErrorCodes.Timeout),
            };
            return ExecutionResult.FromData(null, errors);
        }
    }

    private OperationPlan GetPlan(CachedDocument entry, OperationDefinitionNode operation, ObjectType rootType, IReadOnlyDictionary<string, object?> variables)
    {
        var includeVariables = entry.IncludeVariables;
        if (entry.Hash.Length == 0 || includeVariables.Length > 64)
        {
            // Uncached documents, and documents whose @skip/@include read too many variables to key, compile per request.
            return new OperationPlan(Schema, entry.Document!, operation, rootType, variables, includeVariables, 0);
        }
        var mask = IncludeConditions.Mask(includeVariables, variables);
        var key = new PlanKey(entry.Hash, operation.Name?.Value, mask);
        if (_plans.TryGet(key, out var plan) && ReferenceEquals(plan.Operation, operation))
        {
            return plan;
        }
        plan = new OperationPlan(Schema, entry.Document!, operation, rootType, variables, includeVariables, mask);
        _plans.Set(key, plan);
        return plan;
    }

    /// <summary>GetOperation (spec §6.1): by name, or the only one; graphql-js messages.</summary>
    internal static OperationDefinitionNode? SelectOperation(DocumentNode document, string? operationName, out GraphQLError? error)
    {
        OperationDefinitionNode? found = null;
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not OperationDefinitionNode operation)
            {
                continue;
            }
            count++;
            if (operationName is null)
            {
                found ??= operation;
            }
            else if (operation.Name?.Value == operationName)
            {
                found = operation;
                break;
            }
        }
        error = null;
        if (operationName is null)
        {
            if (count == 0)
            {
                error = new GraphQLError("Must provide an operation.", code: ErrorCodes.OperationNotFound);
                return null;
            }
            if (count > 1)
            {
                error = new GraphQLError(
                    "Must provide operation name if query contains multiple operations.", code: ErrorCodes.OperationNotFound);
                return null;
            }
            return found;
        }
        if (found is null)
        {
            error = new GraphQLError($"Unknown operation named \"{operationName}\".", code: ErrorCodes.OperationNotFound);
        }
        return found;
    }

    private sealed class CachedDocument(DocumentNode? document, IReadOnlyList<GraphQLError>? errors, string hash)
    {
        public DocumentNode? Document { get; } = document;

        public IReadOnlyList<GraphQLError>? Errors { get; } = errors;

        /// <summary>SHA-256 of the query's UTF-8 text (hex): the document's identity in the operation cache.</summary>
        public string Hash { get; } = hash;

        public string[] IncludeVariables { get; } = document is null ? [] : IncludeConditions.VariablesUsed(document);
    }

    private readonly record struct PlanKey(string DocumentHash, string? OperationName, ulong IncludeMask);

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
