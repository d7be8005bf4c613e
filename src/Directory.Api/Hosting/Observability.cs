using System.Diagnostics.Metrics;
using Directory.Api.GraphQL;
using Directory.GraphQL.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Directory.Api.Hosting;

/// <summary>
/// Traces, metrics and logs (docs/operations.md#observability): OpenTelemetry for the HTTP server and client, EF Core's
/// commands, the runtime and the GraphQL engine's own source and meter; OTLP export when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint only when
/// <c>Observability:PrometheusEndpoint=true</c>; JSON logs with trace and span ids outside Development. Nothing here
/// records a variable, a query parameter or (unless configured) a document: telemetry leaves the erasure's reach.
/// </summary>
public static class Observability
{
    public const string PrometheusSetting = "Observability:PrometheusEndpoint";
    public const string RecordDocumentSetting = "Observability:RecordDocument";
    public const string TraceResolversSetting = "Observability:TraceResolvers";
    public const string MetricsPath = "/metrics";

    /// <summary>The host's own meter: what only the host knows about a request (its SQL commands).</summary>
    public const string MeterName = "Directory.Api";

    private const string DefaultServiceName = "commissioning-directory";

    public static WebApplicationBuilder AddDirectoryObservability(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var prometheus = configuration.GetValue(PrometheusSetting, false);
        var openTelemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName))
            .WithTracing(tracing => tracing
                .AddSource(GraphQLTelemetry.SourceName)
                // The scrape and the load balancer's probe every few seconds would drown the requests worth reading.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                // SQL text only (EF Core sends every value as a parameter); parameter values are never recorded. A
                // command outside any trace (start-up migrations, the sample load) would be a trace of one span each,
                // thousands of them: the filter sees the command's own span, current, and keeps it only with a parent.
                .AddEntityFrameworkCoreInstrumentation(options => options.Filter = (_, _) =>
                    System.Diagnostics.Activity.Current is { } command && command.ParentSpanId != default))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(GraphQLTelemetry.MeterName, MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Traces, metrics and logs to the collector; endpoint, protocol and headers from the standard OTEL_* variables.
            openTelemetry.UseOtlpExporter();
        }

        // ASP.NET Core's "Request starting" line carries the query string, and a GET to /graphql carries its variables
        // there: whatever level an operator sets, that line stays off so no variable reaches a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object a line, the trace and span ids among its scopes, for the log collector to index.
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Services.AddSingleton(services => new GraphQLTelemetry(
            services.GetRequiredService<IMeterFactory>().Create(GraphQLTelemetry.MeterName))
        {
            RecordDocument = configuration.GetValue(RecordDocumentSetting, false),
            TraceResolvers = configuration.GetValue(TraceResolversSetting, false),
        });
        builder.Services.AddSingleton<SqlCommandMetrics>();
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> when <c>Observability:PrometheusEndpoint=true</c>; otherwise nothing is mapped and it is 404.
    /// Outside the rate limiter (which counts only <c>/graphql</c> and <c>/exports</c>): a scraper must never be refused.
    /// </summary>
    public static WebApplication MapDirectoryMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue(PrometheusSetting, false))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }
        return app;
    }

    /// <summary>The SQL commands each GraphQL request ran, by operation: the DataLoaders' promise, watched in production.</summary>
    public sealed class SqlCommandMetrics
    {
        private readonly Histogram<int> _commands;
        private readonly GraphQLTelemetry _telemetry;

        public SqlCommandMetrics(IMeterFactory meters, GraphQLTelemetry telemetry)
        {
            _telemetry = telemetry;
            _commands = meters.Create(MeterName).CreateHistogram(
                "directory.graphql.sql_commands",
                unit: "{command}",
                description: "SQL commands one GraphQL request ran.",
                advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100] });
        }

        public void Record(int count, ExecutionResult result)
        {
            if (!_commands.Enabled)
            {
                return;
            }
            // The engine's cap on distinct operation names holds for this label too.
            var name = _telemetry.OperationLabel(result.OperationName);
            _commands.Record(count, name is null ? [] : [new KeyValuePair<string, object?>(GraphQLTelemetry.OperationNameAttribute, name)]);
        }
    }
}
