using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Telemetry;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Runs GraphQL requests against one schema (docs/engine-design.md): document cache → parse → validate → operation
/// selection → variable coercion → argument checks → operation plan cache → execute. Thread-safe; build one per schema and share it.
/// </summary>
public sealed partial class RequestExecutor
{
    private readonly LruCache<string, CachedDocument> _documents;
    private readonly LruCache<PlanKey, OperationPlan> _plans;
    private readonly Func<string, DocumentNode> _parse;
    private readonly Func<Schema, DocumentNode, IReadOnlyList<GraphQLError>> _validate;

    /// <summary>An executor for <paramref name="schema"/>; null options use the defaults of <see cref="ExecutorOptions"/>.</summary>
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

    /// <summary>The schema requests run against.</summary>
    public Schema Schema { get; }

    /// <summary>The options this executor was built with.</summary>
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
    public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExecuteAsync(request, services, started: null, cancellationToken);
    }

    /// <summary>
    /// The operation's span and measurements, started by a caller that reads the document before executing it (the
    /// HTTP layer's checks), so that parsing and validation are traced as the operation's. The caller disposes it.
    /// </summary>
    internal GraphQLTelemetry.OperationTelemetry StartOperation(GraphQLRequest request) =>
        Telemetry.StartOperation(request.OperationName, request.Query);

    // started: from StartOperation(GraphQLRequest), when the caller read the document first; null to trace the operation here.
    internal Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request, IServiceProvider? services, GraphQLTelemetry.OperationTelemetry? started, CancellationToken cancellationToken)
    {
        var owned = started is null ? Telemetry.StartOperation(request.OperationName, request.Query) : null;
        var telemetry = started ?? owned!;
        ValueTask<ExecutionResult> pending;
        try
        {
            var document = string.IsNullOrWhiteSpace(request.Query) ? null : GetDocument(request.Query);
            pending = document is null
                ? new(ExecutionResult.RequestError(new GraphQLError("Must provide query string.", code: ErrorCodes.BadUserInput)))
                : document.Errors is { } errors
                    ? new(ExecutionResult.RequestError(errors))
                    : ExecuteAsync(document, request.OperationName, request.Variables, request.Extensions, services, rootValue: null, telemetry, cancellationToken);
        }
        catch (Exception error)
        {
            // As an async method would: the failure (or the caller's cancellation) is the returned task's.
            owned?.Dispose();
            return error is OperationCanceledException { CancellationToken.IsCancellationRequested: true } cancelled
                ? Task.FromCanceled<ExecutionResult>(cancelled.CancellationToken)
                : Task.FromException<ExecutionResult>(error);
        }
        // A warm request whose resolvers all completed synchronously is finished here: no state machine is kept.
        if (pending.IsCompletedSuccessfully)
        {
            var result = pending.Result;
            telemetry.Complete(result);
            owned?.Dispose();
            return Task.FromResult(result);
        }
        return CompleteAsync(pending, telemetry, owned);
    }

    private static async Task<ExecutionResult> CompleteAsync(
        ValueTask<ExecutionResult> pending, GraphQLTelemetry.OperationTelemetry telemetry, GraphQLTelemetry.OperationTelemetry? owned)
    {
        using (owned)
        {
            var result = await pending.ConfigureAwait(false);
            telemetry.Complete(result);
            return result;
        }
    }

    /// <summary>Executes an already-parsed document (validated here; not cached).</summary>
    internal async Task<ExecutionResult> ExecuteAsync(
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
    internal OperationType? GetOperationType(GraphQLRequest request)
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

    private ValueTask<ExecutionResult> ExecuteAsync(
        CachedDocument entry,
        string? operationName,
        IReadOnlyDictionary<string, JsonElement>? variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        object? rootValue,
        GraphQLTelemetry.OperationTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        var prepared = Prepare(entry, operationName, variables, telemetry);
        if (prepared.Refusal is not null)
        {
            return new(prepared.Refusal);
        }
        if (SubscriptionRefusal(prepared.Plan!) is { } refused)
        {
            return new(refused);
        }
        return RunAsync(prepared.Plan!, prepared.Variables!, extensions, services, rootValue, cancellationToken);
    }

    /// <summary>
    /// Executes a prepared plan once (for a subscription: once per event, with the event as root value). When the
    /// execution completes synchronously (every resolver returned a completed value) so does this, allocating no task.
    /// </summary>
    private ValueTask<ExecutionResult> RunAsync(
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> coercedVariables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        object? rootValue,
        CancellationToken cancellationToken)
    {
        var run = TimedRun.Start(Options.Timeout, cancellationToken);
        var execute = GraphQLTelemetry.StartPhase("graphql.execute");
        RequestContext? context = null;
        var handedOff = false;
        try
        {
            context = new RequestContext(
                plan, coercedVariables, extensions, services ?? EmptyServiceProvider.Instance, Options, rootValue, run?.Token ?? cancellationToken);
            var data = context.RunAsync();
            if (data.IsCompletedSuccessfully)
            {
                return new(Named(ExecutionResult.FromData(data.Result, context.Errors), plan.Operation));
            }
            handedOff = true;
            return FinishAsync(plan, context, data, run, execute);
        }
        catch (OperationCanceledException) when (run is { TimedOut: true })
        {
            return new(TimedOut(plan, context));
        }
        finally
        {
            if (!handedOff)
            {
                execute?.Dispose();
                run?.Dispose();
            }
        }
    }

    private async ValueTask<ExecutionResult> FinishAsync(
        OperationPlan plan, RequestContext context, ValueTask<ResultObject?> pending, TimedRun? run, System.Diagnostics.Activity? execute)
    {
        using (run)
        using (execute)
        {
            try
            {
                var data = await pending.ConfigureAwait(false);
                return Named(ExecutionResult.FromData(data, context.Errors), plan.Operation);
            }
            catch (OperationCanceledException) when (run is { TimedOut: true })
            {
                return TimedOut(plan, context);
            }
        }
    }

    private ExecutionResult TimedOut(OperationPlan plan, RequestContext? context) =>
        Named(ExecutionResult.FromData(null, [.. context?.Errors ?? [], TimeoutError()]), plan.Operation);

    /// <summary>A subscription asked of the single-result entry points: they cannot deliver a stream of results.</summary>
    private static ExecutionResult? SubscriptionRefusal(OperationPlan plan) =>
        plan.Operation.Operation == OperationType.Subscription
            ? ExecutionResult.RequestError(GraphQLError.At(
                "Subscriptions are not supported by this server.", ErrorCodes.OperationNotFound, plan.Operation))
            : null;

    /// <summary>
    /// Executes a request with incremental delivery (graphql-js 17 <c>experimentalExecuteIncrementally</c>): @defer
    /// and @stream, when the schema declares them, split the response into an initial payload and later ones. The
    /// timeout covers all of them. <see cref="ExecuteAsync(GraphQLRequest, IServiceProvider?, CancellationToken)"/>
    /// ignores the two directives and answers everything at once.
    /// </summary>
    internal Task<IncrementalExecutionResult> ExecuteIncrementallyAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExecuteIncrementallyAsync(request, services, started: null, cancellationToken);
    }

    // started: from StartOperation(GraphQLRequest), when the caller read the document first; null to trace the operation here.
    internal async Task<IncrementalExecutionResult> ExecuteIncrementallyAsync(
        GraphQLRequest request, IServiceProvider? services, GraphQLTelemetry.OperationTelemetry? started, CancellationToken cancellationToken)
    {
        // The operation's span and duration run to the last payload: RunSubsequentAsync completes them when there is more.
        var telemetry = started ?? Telemetry.StartOperation(request.OperationName, request.Query);
        try
        {
            var result = await StartIncrementallyAsync(request, services, telemetry, cancellationToken).ConfigureAwait(false);
            if (!result.HasNext)
            {
                telemetry.Complete(result.Initial);
                telemetry.Dispose();
            }
            return result;
        }
        catch
        {
            telemetry.Dispose();
            throw;
        }
    }

    private async Task<IncrementalExecutionResult> StartIncrementallyAsync(
        GraphQLRequest request, IServiceProvider? services, GraphQLTelemetry.OperationTelemetry telemetry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return Complete(ExecutionResult.RequestError(new GraphQLError("Must provide query string.", code: ErrorCodes.BadUserInput)));
        }
        var entry = GetDocument(request.Query);
        if (entry.Errors is not null)
        {
            return Complete(ExecutionResult.RequestError(entry.Errors));
        }
        var prepared = Prepare(entry, request.OperationName, request.Variables, telemetry, incremental: true);
        if (prepared.Refusal is not null)
        {
            return Complete(prepared.Refusal);
        }
        if (SubscriptionRefusal(prepared.Plan!) is { } refused)
        {
            return Complete(refused);
        }
        var run = new TimedRun(Options.Timeout, cancellationToken);
        var context = new RequestContext(
            prepared.Plan!, prepared.Variables!, request.Extensions, services ?? EmptyServiceProvider.Instance, Options, null, run.Token);
        ResultObject? data;
        try
        {
            using var execute = GraphQLTelemetry.StartPhase("graphql.execute");
            data = await context.RunAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.TimedOut)
        {
            run.Dispose();
            return Complete(Named(ExecutionResult.FromData(null, [.. context.Errors, TimeoutError()]), prepared.Plan!.Operation));
        }
        catch
        {
            run.Dispose();
            throw;
        }
        var initial = Named(ExecutionResult.FromData(data, context.Errors), prepared.Plan!.Operation);
        var publisher = new IncrementalPublisher();
        var pending = data is null || context.InitialUnit is null ? [] : publisher.Begin(context.InitialUnit);
        if (!publisher.HasNext)
        {
            run.Dispose();
            return Complete(initial);
        }
        return new IncrementalExecutionResult(initial, pending, RunSubsequentAsync(context, publisher, run, telemetry, initial.Errors));
    }

    private static IncrementalExecutionResult Complete(ExecutionResult result) => new(result, [], null);

    private async IAsyncEnumerable<SubsequentResult> RunSubsequentAsync(
        RequestContext context, IncrementalPublisher publisher, TimedRun run, GraphQLTelemetry.OperationTelemetry telemetry, IReadOnlyList<GraphQLError> initialErrors)
    {
        var errors = new List<GraphQLError>(initialErrors);
        try
        {
            while (publisher.HasNext)
            {
                var started = publisher.TakeStartable();
                if (started.Count == 0)
                {
                    // Nothing left that could complete what is still announced: end rather than wait forever.
                    var abandoned = new GraphQLError("The deferred work could not be completed.", code: ErrorCodes.InternalServerError);
                    errors.Add(abandoned);
                    telemetry.Complete(requestError: false, errors);
                    yield return publisher.Abandon(abandoned);
                    yield break;
                }
                foreach (var work in started)
                {
                    if (work is DeferredTask task)
                    {
                        context.Start(task);
                    }
                    else
                    {
                        context.Start((StreamRecord)work);
                    }
                }
                var timedOut = false;
                using (telemetry.StartPhase("graphql.execute"))
                {
                    try
                    {
                        await context.RunStartedAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (run.TimedOut)
                    {
                        timedOut = true;
                    }
                }
                if (timedOut)
                {
                    var timeout = TimeoutError();
                    errors.Add(timeout);
                    telemetry.Complete(requestError: false, errors);
                    yield return publisher.Abandon(timeout);
                    yield break;
                }
                var payload = publisher.Publish(started);
                errors.AddRange(payload.Incremental.SelectMany(entry => entry.Errors ?? []));
                errors.AddRange(payload.Completed.SelectMany(completed => completed.Errors ?? []));
                if (!publisher.HasNext)
                {
                    telemetry.Complete(requestError: false, errors);
                }
                yield return payload;
            }
        }
        finally
        {
            run.Dispose();
            telemetry.Dispose();
        }
    }

    private GraphQLError TimeoutError() =>
        new($"The request did not complete within {Options.Timeout!.Value.TotalMilliseconds:0} ms.", code: ErrorCodes.Timeout);

    /// <summary>
    /// Whether executing the request with incremental delivery would defer or stream something: an @defer or @stream
    /// whose <c>if</c> is not false, in a schema that declares them. The HTTP layer refuses such a request from a client
    /// that cannot read multipart responses before running it.
    /// </summary>
    public bool RequestsIncrementalDelivery(GraphQLRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query) || (Schema.GetDirective("defer") is null && Schema.GetDirective("stream") is null))
        {
            return false;
        }
        var document = GetDocument(request.Query).Document;
        return document is not null && IncrementalDirectives.AnyActive(document, name =>
            request.Variables is not null && request.Variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.False);
    }

    /// <summary>Operation selection, variable coercion, argument checks and the plan: a request error or what to run.</summary>
    private (ExecutionResult? Refusal, OperationPlan? Plan, IReadOnlyDictionary<string, object?>? Variables) Prepare(
        CachedDocument entry, string? operationName, IReadOnlyDictionary<string, JsonElement>? variables,
        GraphQLTelemetry.OperationTelemetry telemetry, bool incremental = false)
    {
        var document = entry.Document!;
        var operation = SelectOperation(document, operationName, out var selectionError);
        if (operation is null)
        {
            return (ExecutionResult.RequestError(selectionError!), null, null);
        }
        telemetry.Selected(operation);
        var rootType = Schema.GetRootType(operation.Operation);
        if (rootType is null)
        {
            return (Named(ExecutionResult.FromData(null, [GraphQLError.At(
                $"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.",
                ErrorCodes.OperationNotFound,
                operation)]), operation), null, null);
        }

        // An operation without variables cannot fail their coercion: no error list for it.
        var variableErrors = operation.VariableDefinitions.Count == 0 ? NoVariableErrors : [];
        var coercedVariables = InputCoercion.CoerceVariableValues(Schema, operation, variables, variableErrors);
        if (variableErrors.Count > 0)
        {
            return (Named(ExecutionResult.RequestError(variableErrors), operation), null, null);
        }
        if (Options.CheckArguments is { } check
            && ArgumentChecks.Run(Schema, document, operation, rootType, coercedVariables, check) is { } refusal)
        {
            return (Named(ExecutionResult.RequestError(refusal), operation), null, null);
        }
        return (null, GetPlan(entry, operation, rootType, coercedVariables, incremental), coercedVariables);
    }

    private static readonly List<GraphQLError> NoVariableErrors = [];

    /// <summary>The result labelled with the operation that was selected, for the host's per-operation telemetry.</summary>
    private static ExecutionResult Named(ExecutionResult result, OperationDefinitionNode operation)
    {
        result.OperationName = operation.Name?.Value;
        return result;
    }

    /// <summary>The request's cancellation joined with the executor's timeout; owned by whoever runs the request to its end.</summary>
    private sealed class TimedRun : IDisposable
    {
        private readonly CancellationTokenSource? _timeout;
        private readonly CancellationTokenSource? _linked;
        private readonly CancellationToken _caller;

        /// <summary>The run's token source, or null when there is no limit (the caller's token is the run's).</summary>
        public static TimedRun? Start(TimeSpan? limit, CancellationToken caller) => limit is null ? null : new TimedRun(limit, caller);

        public TimedRun(TimeSpan? limit, CancellationToken caller)
        {
            _caller = caller;
            _timeout = limit is { } l ? new CancellationTokenSource(l) : null;
            _linked = _timeout is not null && caller.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(caller, _timeout.Token)
                : null;
            Token = _linked?.Token ?? _timeout?.Token ?? caller;
        }

        public CancellationToken Token { get; }

        public bool TimedOut => _timeout is not null && _timeout.IsCancellationRequested && !_caller.IsCancellationRequested;

        public void Dispose()
        {
            _linked?.Dispose();
            _timeout?.Dispose();
        }
    }

    private OperationPlan GetPlan(CachedDocument entry, OperationDefinitionNode operation, ObjectType rootType, IReadOnlyDictionary<string, object?> variables, bool incremental)
    {
        var includeVariables = entry.IncludeVariables;
        if (entry.Hash.Length == 0 || includeVariables.Length > 64)
        {
            // Uncached documents, and documents whose @skip/@include read too many variables to key, compile per request.
            return new OperationPlan(Schema, entry.Document!, operation, rootType, variables, includeVariables, 0, incremental);
        }
        var mask = IncludeConditions.Mask(includeVariables, variables);
        // Most documents run one operation with one mask: the plan they used last is kept on the cached document, so
        // a warm request finds it without hashing the document's key again (the plan cache still bounds the rest).
        if (entry.LastPlan is { } last && ReferenceEquals(last.Operation, operation) && last.IncludeMask == mask && last.RequestedIncremental == incremental)
        {
            return last;
        }
        var key = new PlanKey(entry.Hash, operation.Name?.Value, mask, incremental);
        if (!_plans.TryGet(key, out var plan) || !ReferenceEquals(plan.Operation, operation))
        {
            plan = new OperationPlan(Schema, entry.Document!, operation, rootType, variables, includeVariables, mask, incremental);
            _plans.Set(key, plan);
        }
        entry.LastPlan = plan;
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

        /// <summary>The plan this document was last executed with (requests racing may each set theirs; any is right for its key).</summary>
        public OperationPlan? LastPlan { get; set; }
    }

    private readonly record struct PlanKey(string DocumentHash, string? OperationName, ulong IncludeMask, bool Incremental);

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
