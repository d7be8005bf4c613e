using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Telemetry;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Runs GraphQL requests against one schema (anchors §2 pipeline): document cache → parse → validate → operation
/// selection → variable coercion → argument checks → operation plan cache → execute. Thread-safe; build one per schema and share it.
/// </summary>
public sealed class RequestExecutor
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
        Telemetry = Options.Telemetry ?? GraphQLTelemetry.Default;
    }

    public Schema Schema { get; }

    public ExecutorOptions Options { get; }

    /// <summary>Where this executor's spans and metrics go.</summary>
    public GraphQLTelemetry Telemetry { get; }

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
    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var telemetry = Telemetry.StartOperation(request.OperationName, request.Query);
        var document = string.IsNullOrWhiteSpace(request.Query) ? null : GetDocument(request.Query);
        var result = document is null
            ? ExecutionResult.RequestError(new GraphQLError("Must provide query string.", code: ErrorCodes.BadUserInput))
            : document.Errors is { } errors
                ? ExecutionResult.RequestError(errors)
                : await ExecuteAsync(document, request.OperationName, request.Variables, request.Extensions, services, rootValue: null, telemetry, cancellationToken).ConfigureAwait(false);
        telemetry.Complete(result);
        return result;
    }

    /// <summary>Executes an already-parsed document (validated here; not cached).</summary>
    public async Task<ExecutionResult> ExecuteAsync(
        DocumentNode document,
        string? operationName = null,
        IReadOnlyDictionary<string, JsonElement>? variables = null,
        IServiceProvider? services = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var telemetry = Telemetry.StartOperation(operationName, document: null);
        var errors = Validate(document);
        var result = errors.Count > 0
            ? ExecutionResult.RequestError(errors)
            : await ExecuteAsync(new CachedDocument(document, null, hash: ""), operationName, variables, null, services, rootValue: null, telemetry, cancellationToken).ConfigureAwait(false);
        telemetry.Complete(result);
        return result;
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
        using (var parse = GraphQLTelemetry.StartPhase("graphql.parse"))
        {
            try
            {
                document = _parse(query);
            }
            catch (GraphQLError error)
            {
                parse?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.Code);
                // Syntax errors are not cached: they are cheap to find again and would only crowd out valid documents.
                return new CachedDocument(null, [error], "");
            }
        }
        var errors = Validate(document);
        if (errors.Count > 0)
        {
            return new CachedDocument(null, errors, "");
        }
        var entry = new CachedDocument(document, null, HashOf(query));
        _documents.Set(query, entry);
        return entry;
    }

    private IReadOnlyList<GraphQLError> Validate(DocumentNode document)
    {
        using var validate = GraphQLTelemetry.StartPhase("graphql.validate");
        var errors = _validate(Schema, document);
        if (errors.Count > 0)
        {
            validate?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, errors[0].Code);
        }
        return errors;
    }

    private static string HashOf(string query) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    private async Task<ExecutionResult> ExecuteAsync(
        CachedDocument entry,
        string? operationName,
        IReadOnlyDictionary<string, JsonElement>? variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        object? rootValue,
        GraphQLTelemetry.OperationTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        var document = entry.Document!;
        var operation = SelectOperation(document, operationName, out var selectionError);
        if (operation is null)
        {
            return ExecutionResult.RequestError(selectionError!);
        }
        telemetry.Selected(operation);
        var result = await ExecuteOperationAsync(entry, operation, variables, extensions, services, rootValue, cancellationToken).ConfigureAwait(false);
        result.OperationName = operation.Name?.Value;
        return result;
    }

    private async Task<ExecutionResult> ExecuteOperationAsync(
        CachedDocument entry,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, JsonElement>? variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        object? rootValue,
        CancellationToken cancellationToken)
    {
        var document = entry.Document!;
        var rootType = Schema.GetRootType(operation.Operation);
        if (rootType is null)
        {
            return ExecutionResult.FromData(null, [GraphQLError.At(
                $"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.",
                ErrorCodes.OperationNotFound,
                operation)]);
        }
        if (operation.Operation == OperationType.Subscription)
        {
            return ExecutionResult.RequestError(GraphQLError.At(
                "Subscriptions are not supported by this server.", ErrorCodes.OperationNotFound, operation));
        }

        var variableErrors = new List<GraphQLError>();
        var coercedVariables = InputCoercion.CoerceVariableValues(Schema, operation, variables, variableErrors);
        if (variableErrors.Count > 0)
        {
            return ExecutionResult.RequestError(variableErrors);
        }
        if (Options.CheckArguments is { } check
            && ArgumentChecks.Run(Schema, document, operation, rootType, coercedVariables, check) is { } refusal)
        {
            return ExecutionResult.RequestError(refusal);
        }

        var plan = GetPlan(entry, operation, rootType, coercedVariables);

        using var timeout = Options.Timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is not null && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token)
            : null;
        var token = linked?.Token ?? timeout?.Token ?? cancellationToken;

        var context = new RequestContext(
            plan, coercedVariables, extensions, services ?? EmptyServiceProvider.Instance, Options, rootValue, token);
        using var execute = GraphQLTelemetry.StartPhase("graphql.execute");
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
