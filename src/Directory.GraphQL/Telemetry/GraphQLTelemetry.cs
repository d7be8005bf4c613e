using System.Diagnostics;
using System.Diagnostics.Metrics;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Telemetry;

/// <summary>
/// The engine's traces and metrics, through the BCL's <see cref="ActivitySource"/> and <see cref="Meter"/> only: the
/// engine knows no exporter, and a host listens by <see cref="SourceName"/> and <see cref="MeterName"/> (OpenTelemetry's
/// <c>AddSource</c>/<c>AddMeter</c>, or a plain <see cref="ActivityListener"/>/<see cref="MeterListener"/>).
/// Attribute names follow OpenTelemetry's GraphQL semantic conventions. No variable value is ever recorded, and the
/// document only when <see cref="RecordDocument"/> is set: both can hold personal data, which erasure cannot reach
/// once it is in a tracing backend.
/// </summary>
public sealed class GraphQLTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/>, for a host's <c>AddSource</c>.</summary>
    public const string SourceName = "Directory.GraphQL";
    /// <summary>The name of the engine's <see cref="System.Diagnostics.Metrics.Meter"/>, for a host's <c>AddMeter</c>.</summary>
    public const string MeterName = "Directory.GraphQL";

    /// <summary>The label that stands for every operation name after the first <see cref="MaxOperationNames"/>.</summary>
    public const string OtherOperationName = "other";

    /// <summary>Span attribute and metric label: the operation's name (OpenTelemetry GraphQL conventions).</summary>
    public const string OperationNameAttribute = "graphql.operation.name";
    /// <summary>Span attribute and metric label: <c>query</c>, <c>mutation</c> or <c>subscription</c>.</summary>
    public const string OperationTypeAttribute = "graphql.operation.type";
    /// <summary>Span attribute holding the document, recorded only when <see cref="RecordDocument"/> is set.</summary>
    public const string DocumentAttribute = "graphql.document";
    /// <summary>Metric label of the operation duration: whether the response carried errors.</summary>
    public const string OutcomeAttribute = "graphql.response.outcome";
    /// <summary>Metric label of the error counter: the error's <c>extensions.code</c>.</summary>
    public const string ErrorCodeAttribute = "graphql.error.code";
    /// <summary>Metric label of the DataLoader batch size: which loader ran the batch.</summary>
    public const string LoaderKindAttribute = "graphql.dataloader.kind";

    /// <summary>Span name when the operation is not known (a document that does not parse, or names no operation).</summary>
    public const string UnknownOperationSpanName = "GraphQL Operation";

    internal static readonly ActivitySource Source = new(SourceName, typeof(GraphQLTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Lazy<GraphQLTelemetry> Shared = new(() => new GraphQLTelemetry(new Meter(MeterName)));

    private readonly Histogram<double> _operationDuration;
    private readonly Counter<long> _errors;
    private readonly Histogram<int> _batchSize;
    private readonly HashSet<string> _operationNames = new(StringComparer.Ordinal);
    private readonly Lock _namesGate = new();

    // What an operation gets when nothing listens for spans or durations: one instance shared by every request, with no
    // clock read and no allocation per request (a warm request's fixed cost, issue 18 §7). Only the errors counter,
    // which keeps no per-operation state, is still fed. A listener that starts mid-request misses that request.
    private readonly OperationTelemetry _unobserved;

    /// <param name="meter">
    /// Where the instruments are created; a host passes one from its <see cref="IMeterFactory"/> so that each service
    /// instance (and each test server) has its own. The meter's name should be <see cref="MeterName"/>.
    /// </param>
    /// <param name="maxOperationNames">Distinct operation names recorded as labels before the rest become <see cref="OtherOperationName"/>.</param>
    public GraphQLTelemetry(Meter meter, int maxOperationNames = 200)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOperationNames);
        Meter = meter;
        MaxOperationNames = maxOperationNames;
        _operationDuration = meter.CreateHistogram(
            "graphql.operation.duration",
            unit: "s",
            description: "Time the engine took to answer a GraphQL operation, from the document to the result.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30] });
        _errors = meter.CreateCounter<long>(
            "graphql.errors",
            unit: "{error}",
            description: "GraphQL errors in responses, by extensions.code.");
        _batchSize = meter.CreateHistogram(
            "graphql.dataloader.batch.size",
            unit: "{key}",
            description: "Keys fetched by one DataLoader batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] });
        _unobserved = new OperationTelemetry(this);
    }

    /// <summary>The instance an executor uses when its options name none (one per process).</summary>
    public static GraphQLTelemetry Default => Shared.Value;

    /// <summary>The meter the instruments were created on.</summary>
    public Meter Meter { get; }

    /// <summary>Distinct operation names kept as labels before the rest become <see cref="OtherOperationName"/>.</summary>
    public int MaxOperationNames { get; }

    /// <summary>Record the document as <c>graphql.document</c> on the operation span. Off by default: it may hold personal data.</summary>
    public bool RecordDocument { get; init; }

    /// <summary>A span for each resolver call (not for plain property reads). Off by default: a list page has thousands.</summary>
    public bool TraceResolvers { get; init; }

    /// <summary>
    /// The operation name as a metric label: the name itself for the first <see cref="MaxOperationNames"/> distinct
    /// names this instance sees, <see cref="OtherOperationName"/> after that (clients choose names, so an unbounded
    /// set of labels would be a way to exhaust a metrics backend). Null for an anonymous operation.
    /// </summary>
    public string? OperationLabel(string? operationName)
    {
        if (operationName is null)
        {
            return null;
        }
        lock (_namesGate)
        {
            if (_operationNames.Contains(operationName))
            {
                return operationName;
            }
            if (_operationNames.Count < MaxOperationNames)
            {
                _operationNames.Add(operationName);
                return operationName;
            }
        }
        return OtherOperationName;
    }

    /// <summary>The W3C trace id of the current span (the HTTP request's, when the host traces requests); null when nothing traces.</summary>
    public static string? CurrentTraceId() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : null;

    internal OperationTelemetry StartOperation(string? requestedOperationName, string? document) =>
        Source.HasListeners() || _operationDuration.Enabled ? new(this, requestedOperationName, document) : _unobserved;

    internal static Activity? StartPhase(string name) => Source.StartActivity(name);

    internal void RecordBatch(int keys, string kind)
    {
        if (_batchSize.Enabled)
        {
            _batchSize.Record(keys, new KeyValuePair<string, object?>(LoaderKindAttribute, kind));
        }
    }

    /// <summary>
    /// Starts a resolver span (when <see cref="TraceResolvers"/> is on and someone listens), current while the
    /// resolver runs synchronously; the caller ends it when the resolver's value is complete.
    /// </summary>
    internal Activity? StartResolver(Selection selection)
    {
        if (!TraceResolvers || !Source.HasListeners())
        {
            return null;
        }
        var activity = Source.StartActivity($"resolve {selection.ParentType.Name}.{selection.Field.Name}");
        activity?.SetTag("graphql.field.name", selection.Field.Name);
        activity?.SetTag("graphql.field.parent_type", selection.ParentType.Name);
        return activity;
    }

    /// <summary>One operation's span and measurements, from the request to its result.</summary>
    internal sealed class OperationTelemetry : IDisposable
    {
        private readonly GraphQLTelemetry _owner;
        private readonly long _started;
        // Shared by the requests nothing observes: it keeps no state of theirs.
        private readonly bool _unobserved;
        private string? _name;
        private string? _type;
        private bool _recorded;

        internal OperationTelemetry(GraphQLTelemetry owner)
        {
            _owner = owner;
            _unobserved = true;
        }

        public OperationTelemetry(GraphQLTelemetry owner, string? requestedOperationName, string? document)
        {
            _owner = owner;
            _started = Stopwatch.GetTimestamp();
            _name = requestedOperationName;
            Activity = Source.StartActivity(UnknownOperationSpanName);
            if (Activity is not null && requestedOperationName is not null)
            {
                Activity.SetTag(OperationNameAttribute, requestedOperationName);
            }
            if (Activity is not null && owner.RecordDocument && document is not null)
            {
                Activity.SetTag(DocumentAttribute, document);
            }
        }

        public Activity? Activity { get; }

        /// <summary>The operation chosen: the span is renamed after it (semantic conventions: "query OrgPage").</summary>
        public void Selected(OperationDefinitionNode operation)
        {
            if (_unobserved)
            {
                return;
            }
            _name = operation.Name?.Value;
            _type = operation.Operation switch
            {
                OperationType.Mutation => "mutation",
                OperationType.Subscription => "subscription",
                _ => "query",
            };
            if (Activity is not null)
            {
                Activity.DisplayName = _name is null ? _type : _type + " " + _name;
                Activity.SetTag(OperationNameAttribute, _name);
                Activity.SetTag(OperationTypeAttribute, _type);
            }
        }

        public void Complete(ExecutionResult result) => Complete(result.IsRequestError, result.Errors);

        /// <summary>The operation answered: a request error, or data with these errors (all payloads' for incremental delivery).</summary>
        public void Complete(bool requestError, IReadOnlyList<GraphQLError> errors)
        {
            var outcome = requestError ? "request_error" : errors.Count > 0 ? "field_error" : "success";
            if (Activity is not null && errors.Count > 0)
            {
                Activity.SetStatus(ActivityStatusCode.Error, errors[0].Code);
            }
            foreach (var error in errors)
            {
                _owner._errors.Add(1, new KeyValuePair<string, object?>(ErrorCodeAttribute, error.Code ?? "NONE"));
            }
            Record(outcome);
        }

        /// <summary>
        /// A phase of this operation run after the operation's own call has returned (incremental delivery's later
        /// payloads), when the operation's span is no longer the current one: the phase names it as parent explicitly.
        /// </summary>
        public Activity? StartPhase(string name) =>
            Activity is null ? GraphQLTelemetry.StartPhase(name) : Source.StartActivity(name, ActivityKind.Internal, Activity.Context);

        public void Dispose()
        {
            // Reached without Complete only when the caller cancelled (or the engine failed unexpectedly).
            Record("cancelled");
            Activity?.Dispose();
        }

        private void Record(string outcome)
        {
            if (_unobserved || _recorded)
            {
                return;
            }
            _recorded = true;
            Activity?.SetTag(OutcomeAttribute, outcome);
            if (!_owner._operationDuration.Enabled)
            {
                return;
            }
            var tags = new TagList
            {
                { OutcomeAttribute, outcome },
            };
            if (_owner.OperationLabel(_name) is { } label)
            {
                tags.Add(OperationNameAttribute, label);
            }
            if (_type is not null)
            {
                tags.Add(OperationTypeAttribute, _type);
            }
            _owner._operationDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }
}
