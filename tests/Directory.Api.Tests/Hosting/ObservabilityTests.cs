using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Hosting;
using Directory.Api.Tests.GraphQL;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Telemetry;
using Directory.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Directory.Api.Tests.Hosting;

/// <summary>
/// Traces, metrics and the trace id in errors, through real HTTP: the spans as an OpenTelemetry exporter receives
/// them (the in-memory exporter added to the service's own tracer provider), <c>/metrics</c> as Prometheus scrapes it.
/// Other test servers in the process trace and measure too, so every assertion picks its own trace id or its own
/// operation names.
/// </summary>
public sealed class ObservabilityTests(ObservabilityTests.TracedApiFactory api) : IClassFixture<ObservabilityTests.TracedApiFactory>
{
    /// <summary>The service with the in-memory span exporter and the Prometheus endpoint turned on.</summary>
    public sealed class TracedApiFactory : DirectoryApiFactory
    {
        public SpanLog Spans { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(Observability.PrometheusSetting, "true");
            builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
        }
    }

    /// <summary>The exported spans; the exporter adds from the thread that ends a span while a test reads.</summary>
    public sealed class SpanLog : ICollection<Activity>
    {
        private readonly List<Activity> _spans = [];

        public int Count
        {
            get { lock (_spans) { return _spans.Count; } }
        }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (_spans)
            {
                _spans.Add(item);
            }
        }

        public void Clear()
        {
            lock (_spans)
            {
                _spans.Clear();
            }
        }

        public bool Contains(Activity item)
        {
            lock (_spans)
            {
                return _spans.Contains(item);
            }
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (_spans)
            {
                _spans.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(Activity item)
        {
            lock (_spans)
            {
                return _spans.Remove(item);
            }
        }

        public IEnumerator<Activity> GetEnumerator()
        {
            lock (_spans)
            {
                return _spans.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>
        /// The spans of one trace once its server span has ended (the server span ends after the response is sent,
        /// so the client may be ahead of it).
        /// </summary>
        public async Task<List<Activity>> OfTraceAsync(ActivityTraceId traceId)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                // Distinct: a service derived with WithWebHostBuilder exports into the same log as the one it derives from.
                var trace = this.Where(s => s.TraceId == traceId).DistinctBy(s => s.SpanId).ToList();
                if (trace.Any(s => s.Kind == ActivityKind.Server))
                {
                    return trace;
                }
                await Task.Delay(50);
            }
            throw new Xunit.Sdk.XunitException($"No server span of trace {traceId} was exported.");
        }
    }

    private static (ActivityTraceId TraceId, string TraceParent) NewTraceParent()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return (traceId, $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
    }

    private static HttpRequestMessage Post(string body, string? traceParent, string accept = "application/graphql-response+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }
        return request;
    }

    private static string Body(string query, object? variables = null, string? operationName = null) =>
        JsonSerializer.Serialize(new { query, variables, operationName });

    [Fact]
    public async Task An_operation_has_a_span_named_after_it_with_parse_validate_and_execute_spans_under_it_and_no_variables()
    {
        using var client = api.CreateClient();
        var (traceId, traceParent) = NewTraceParent();
        const string query = "query SpanProbe($code: String!) { organisation(code: $code) { name } }";
        using var response = await client.SendAsync(Post(Body(query, new { code = "E06000001-needle" }), traceParent));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var trace = await api.Spans.OfTraceAsync(traceId);
        var server = trace.Single(s => s.Kind == ActivityKind.Server);
        var operation = trace.Single(s => s.Source.Name == GraphQLTelemetry.SourceName && s.DisplayName == "query SpanProbe");
        operation.ParentSpanId.ShouldBe(server.SpanId);
        operation.GetTagItem(GraphQLTelemetry.OperationNameAttribute).ShouldBe("SpanProbe");
        operation.GetTagItem(GraphQLTelemetry.OperationTypeAttribute).ShouldBe("query");
        operation.GetTagItem(GraphQLTelemetry.OutcomeAttribute).ShouldBe("success");
        operation.GetTagItem(GraphQLTelemetry.DocumentAttribute).ShouldBeNull();
        foreach (var phase in new[] { "graphql.parse", "graphql.validate", "graphql.execute" })
        {
            trace.Single(s => s.DisplayName == phase).ParentSpanId.ShouldBe(operation.SpanId, phase);
        }
        // The database's spans hang under the execution, and resolver spans are off by default.
        var execute = trace.Single(s => s.DisplayName == "graphql.execute");
        trace.ShouldContain(s => s.Kind == ActivityKind.Client && s.ParentSpanId == execute.SpanId);
        trace.ShouldNotContain(s => s.DisplayName.StartsWith("resolve ", StringComparison.Ordinal));
        // Variables are personal data: no span records them, not even the SQL's parameters.
        foreach (var span in trace)
        {
            foreach (var tag in span.TagObjects)
            {
                (tag.Value?.ToString() ?? "").ShouldNotContain("needle", customMessage: $"{span.DisplayName} {tag.Key}");
            }
        }
    }

    [Fact]
    public async Task A_get_request_records_neither_the_query_string_variables_nor_the_document()
    {
        using var client = api.CreateClient();
        var (traceId, traceParent) = NewTraceParent();
        var url = "/graphql?query=" + Uri.EscapeDataString("query GetProbe($c: String!) { organisation(code: $c) { name } }")
            + "&variables=" + Uri.EscapeDataString("""{"c":"needle-in-the-url"}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", traceParent);
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var trace = await api.Spans.OfTraceAsync(traceId);
        trace.ShouldContain(s => s.DisplayName == "query GetProbe");
        foreach (var span in trace)
        {
            foreach (var tag in span.TagObjects)
            {
                (tag.Value?.ToString() ?? "").ShouldNotContain("needle", customMessage: $"{span.DisplayName} {tag.Key}");
                (tag.Value?.ToString() ?? "").ShouldNotContain("GetProbe($c", customMessage: $"{span.DisplayName} {tag.Key}");
            }
        }
    }

    [Fact]
    public async Task Every_error_carries_the_trace_id_of_the_request_it_answers()
    {
        using var client = api.CreateClient();

        // A validation error: a request error answered by the engine.
        var (validationTrace, validationParent) = NewTraceParent();
        using var invalid = await client.SendAsync(Post(Body("query Broken { noSuchField }"), validationParent));
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TraceIdsAsync(invalid)).ShouldBe([validationTrace.ToHexString()]);

        // A field error: partial data.
        var (fieldTrace, fieldParent) = NewTraceParent();
        using var field = await client.SendAsync(Post(Body("query Field { auditLog(first: 1) { totalCount } }"), fieldParent));
        var fieldIds = await TraceIdsAsync(field);
        fieldIds.ShouldNotBeEmpty();
        fieldIds.ShouldAllBe(id => id == fieldTrace.ToHexString());

        // HTTP problems the engine answers before executing: malformed JSON (400) and nothing acceptable (406).
        var (malformedTrace, malformedParent) = NewTraceParent();
        using var malformed = await client.SendAsync(Post("{ not json", malformedParent));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TraceIdsAsync(malformed)).ShouldBe([malformedTrace.ToHexString()]);

        var (acceptTrace, acceptParent) = NewTraceParent();
        using var unacceptable = Post(Body("{ __typename }"), acceptParent, accept: "text/csv");
        using var notAcceptable = await client.SendAsync(unacceptable);
        notAcceptable.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        (await TraceIdsAsync(notAcceptable)).ShouldBe([acceptTrace.ToHexString()]);

        // A refusal outside GraphQL: a bad token (401).
        var (tokenTrace, tokenParent) = NewTraceParent();
        using var badToken = Post(Body("{ __typename }"), tokenParent);
        badToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var unauthorised = await client.SendAsync(badToken);
        unauthorised.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await TraceIdsAsync(unauthorised)).ShouldBe([tokenTrace.ToHexString()]);

        // Without a traceparent the service starts the trace: the id in the error is its server span's.
        using var untraced = await client.SendAsync(Post(Body("query Untraced { noSuchField }"), traceParent: null));
        var id = (await TraceIdsAsync(untraced)).ShouldHaveSingleItem();
        var trace = await api.Spans.OfTraceAsync(ActivityTraceId.CreateFromString(id));
        trace.ShouldContain(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/graphql");
        // The document did not validate, so no operation was selected: the span keeps the conventions' generic name.
        trace.ShouldContain(s => s.DisplayName == GraphQLTelemetry.UnknownOperationSpanName
            && s.GetTagItem(GraphQLTelemetry.OutcomeAttribute) as string == "request_error");
    }

    [Fact]
    public async Task Errors_in_incremental_parts_and_subscription_events_carry_the_trace_id_and_a_subscribe_has_its_span()
    {
        using var client = api.CreateClient();

        // Incremental delivery: the audit log is the office's only, so the deferred fragment's error is in a later part.
        var (deferTrace, deferParent) = NewTraceParent();
        using var deferred = Post(Body("query Deferred { surveys { code } ... @defer { auditLog(first: 1) { totalCount } } }"), deferParent, accept: "multipart/mixed");
        using var parts = await client.SendAsync(deferred, HttpCompletionOption.ResponseHeadersRead);
        parts.Content.Headers.ContentType!.MediaType.ShouldBe("multipart/mixed");
        var payloads = await new MultipartMixedReader(await parts.Content.ReadAsStreamAsync()).ReadAllAsync();
        var deferredErrors = payloads.Skip(1)
            .SelectMany(p => p.TryGetProperty("incremental", out var entries) ? entries.EnumerateArray() : [])
            .SelectMany(e => e.TryGetProperty("errors", out var errors) ? errors.EnumerateArray() : [])
            .ToList();
        deferredErrors.ShouldNotBeEmpty();
        deferredErrors.ShouldAllBe(e => e.GetProperty("extensions").GetProperty("traceId").GetString() == deferTrace.ToHexString());

        // GraphQL over SSE: a subscription that does not validate is answered by a next event with the errors.
        var (sseTrace, sseParent) = NewTraceParent();
        using var broken = Post(Body("subscription Broken { noSuchField }"), sseParent, accept: "text/event-stream");
        using var events = await client.SendAsync(broken);
        events.StatusCode.ShouldBe(HttpStatusCode.OK);
        var next = (await events.Content.ReadAsStringAsync()).Split('\n').First(line => line.StartsWith("data: {", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(next["data: ".Length..]);
        result.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("extensions").GetProperty("traceId").GetString()).ShouldBe([sseTrace.ToHexString()]);

        // A subscription that opens: the subscribe's span is named after it and ends when the stream opens.
        var (probeTrace, probeParent) = NewTraceParent();
        using var probe = Post(Body("subscription Probe { directoryChanged(kinds: [FUNDING]) { id } }"), probeParent, accept: "text/event-stream");
        using (var open = await client.SendAsync(probe, HttpCompletionOption.ResponseHeadersRead))
        {
            open.StatusCode.ShouldBe(HttpStatusCode.OK);
            Activity? subscribe = null;
            for (var attempt = 0; attempt < 100 && subscribe is null; attempt++)
            {
                subscribe = api.Spans.FirstOrDefault(s => s.TraceId == probeTrace && s.DisplayName == "subscription Probe");
                await Task.Delay(subscribe is null ? 50 : 0);
            }
            subscribe.ShouldNotBeNull("the subscribe's span was not exported once the stream opened");
            subscribe.GetTagItem(GraphQLTelemetry.OperationTypeAttribute).ShouldBe("subscription");
            subscribe.GetTagItem(GraphQLTelemetry.OutcomeAttribute).ShouldBe("success");
        }
    }

    [Fact]
    public async Task Rate_limit_refusals_carry_the_trace_id_and_metrics_are_not_rate_limited()
    {
        using var limited = api.WithWebHostBuilder(builder => builder.UseSetting("RateLimiting:PermitsPerAddress", "3"));
        using var client = limited.CreateClient();
        HttpResponseMessage? refused = null;
        var (traceId, traceParent) = (default(ActivityTraceId), "");
        for (var i = 0; i < 10 && refused is null; i++)
        {
            (traceId, traceParent) = NewTraceParent();
            var response = await client.SendAsync(Post(Body("{ __typename }"), traceParent));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }
        refused.ShouldNotBeNull("the address allowance of 3 ran out");
        (await TraceIdsAsync(refused)).ShouldBe([traceId.ToHexString()]);
        refused.Dispose();

        // The address has no allowance left for /graphql, but a scraper is never refused.
        for (var i = 0; i < 3; i++)
        {
            using var scrape = await client.GetAsync(Observability.MetricsPath);
            scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Metrics_name_the_http_server_and_graphql_operations_as_prometheus_writes_them()
    {
        using var client = api.CreateClient();
        using (var ok = await client.SendAsync(Post(Body("query MetricsProbe { organisations(first: 3) { totalCount nodes { name county { name } } } }"), null)))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using (var invalid = await client.SendAsync(Post(Body("query MetricsBroken { noSuchField }", operationName: "MetricsBroken"), null)))
        {
            invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var text = await ScrapeUntilAsync(client, "graphql_operation_name=\"MetricsBroken\"");
        text.ShouldContain("http_server_request_duration_seconds_bucket{");
        Samples(text, "graphql_operation_duration_seconds_count").ShouldContain(s =>
            s.Contains("graphql_operation_name=\"MetricsProbe\"") && s.Contains("graphql_response_outcome=\"success\"") && s.Contains("graphql_operation_type=\"query\""));
        Samples(text, "graphql_operation_duration_seconds_count").ShouldContain(s =>
            s.Contains("graphql_operation_name=\"MetricsBroken\"") && s.Contains("graphql_response_outcome=\"request_error\""));
        Samples(text, "graphql_errors_total").ShouldContain(s => s.Contains("graphql_error_code=\"GRAPHQL_VALIDATION_FAILED\""));
        Samples(text, "graphql_dataloader_batch_size_count").ShouldNotBeEmpty();
        Samples(text, "directory_graphql_sql_commands_count").ShouldContain(s => s.Contains("graphql_operation_name=\"MetricsProbe\""));
    }

    [Fact]
    public async Task Operation_name_labels_stop_at_200_distinct_names_and_the_rest_are_other()
    {
        // A service of its own: the cap counts every name the service has seen.
        using var fresh = new TracedApiFactory();
        using var client = fresh.CreateClient();
        for (var i = 0; i < 205; i++)
        {
            var body = Body($"query Capped{i:000} {{ __typename }}");
            using var request = Post(body, null);
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var text = await ScrapeUntilAsync(client, "graphql_operation_name=\"other\"");
        var counts = Samples(text, "graphql_operation_duration_seconds_count");
        for (var i = 0; i < 205; i++)
        {
            var labelled = counts.Any(s => s.Contains($"graphql_operation_name=\"Capped{i:000}\""));
            labelled.ShouldBe(i < 200, $"Capped{i:000}");
        }
        counts.Single(s => s.Contains("graphql_operation_name=\"other\"") && s.Contains("graphql_response_outcome=\"success\""))
            .Split(' ')[^1].ShouldBe("5");
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        using var plain = new DirectoryApiFactory();
        using var client = plain.CreateClient();
        using var response = await client.GetAsync(Observability.MetricsPath);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Resolver_spans_and_the_document_are_recorded_only_when_configured()
    {
        using var configured = api.WithWebHostBuilder(builder => builder
            .UseSetting(Observability.TraceResolversSetting, "true")
            .UseSetting(Observability.RecordDocumentSetting, "true"));
        using var client = configured.CreateClient();
        var (traceId, traceParent) = NewTraceParent();
        const string query = "query Resolved { organisations(first: 2) { nodes { name } } }";
        using var response = await client.SendAsync(Post(Body(query), traceParent));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var trace = await api.Spans.OfTraceAsync(traceId);
        var operation = trace.Single(s => s.DisplayName == "query Resolved");
        operation.GetTagItem(GraphQLTelemetry.DocumentAttribute).ShouldBe(query);
        var resolver = trace.First(s => s.DisplayName == "resolve Query.organisations");
        resolver.GetTagItem("graphql.field.parent_type").ShouldBe("Query");
        trace.Single(s => s.DisplayName == "graphql.execute").SpanId.ShouldBe(resolver.ParentSpanId);
    }

    private static async Task<List<string?>> TraceIdsAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("extensions").TryGetProperty("traceId", out var id) ? id.GetString() : null)];
    }

    /// <summary>
    /// Scrapes until <paramref name="expected"/> appears: a request's measurements are recorded as it ends, and the
    /// exporter serves a scrape from a cache for a moment.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, string expected)
    {
        var text = "";
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var response = await client.GetAsync(Observability.MetricsPath);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            text = await response.Content.ReadAsStringAsync();
            if (text.Contains(expected, StringComparison.Ordinal) && text.Contains("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal))
            {
                return text;
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"/metrics never showed {expected}:\n{text}");
    }

    private static List<string> Samples(string exposition, string metric) =>
        [.. exposition.Split('\n').Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))];
}
