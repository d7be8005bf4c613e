using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Telemetry;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// The engine's metrics as any <see cref="MeterListener"/> sees them (the BCL's, no OpenTelemetry): each test gives its
/// executor a meter of its own and listens to that meter only, so tests running alongside cannot add measurements.
/// </summary>
public sealed class TelemetryTests
{
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();

        /// <param name="instrumentName">Only this instrument of the meter, when given; otherwise all of them.</param>
        public Measurements(Meter meter, string? instrumentName = null)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && (instrumentName is null || instrument.Name == instrumentName))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> All { get; } = new();

        public List<(double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
            [.. All.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            All.Enqueue((instrument.Name, value, copy));
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task Operation_names_past_the_cap_are_labelled_other()
    {
        using var meter = new Meter(GraphQLTelemetry.MeterName);
        using var measurements = new Measurements(meter);
        var executor = new RequestExecutor(
            BuildSchema("type Query { a: String }", b => b.Resolve("Query", "a", _ => "A")),
            new ExecutorOptions { Telemetry = new GraphQLTelemetry(meter, maxOperationNames: 3) });

        foreach (var name in new[] { "One", "Two", "Three", "Four", "Two", "Five" })
        {
            (await executor.ExecuteAsync(Request($"query {name} {{ a }}"))).Errors.ShouldBeEmpty();
        }
        (await executor.ExecuteAsync(Request("{ a }"))).Errors.ShouldBeEmpty();

        var labels = measurements.Of("graphql.operation.duration")
            .Select(m => m.Tags.GetValueOrDefault(GraphQLTelemetry.OperationNameAttribute) as string)
            .ToList();
        labels.ShouldBe(["One", "Two", "Three", "other", "Two", "other", null]);
    }

    [Fact]
    public async Task Errors_are_counted_when_nothing_listens_for_durations()
    {
        // With no listener for spans or durations an operation shares one unobserved telemetry (no clock read, no
        // allocation per request); the errors counter, listened to alone, must still see every error.
        using var meter = new Meter(GraphQLTelemetry.MeterName);
        using var errorsOnly = new Measurements(meter, "graphql.errors");
        var executor = new RequestExecutor(
            BuildSchema("type Query { a: String fail: String }", b => b
                .Resolve("Query", "a", _ => "A")
                .Resolve("Query", "fail", _ => throw new InvalidOperationException("boom"))),
            new ExecutorOptions { Telemetry = new GraphQLTelemetry(meter) });

        (await executor.ExecuteAsync(Request("{ a fail }"))).Errors.ShouldHaveSingleItem();
        (await executor.ExecuteAsync(Request("{ nope }"))).IsRequestError.ShouldBeTrue();
        errorsOnly.Of("graphql.errors").Select(m => m.Tags[GraphQLTelemetry.ErrorCodeAttribute])
            .ShouldBe(["INTERNAL_SERVER_ERROR", "GRAPHQL_VALIDATION_FAILED"]);
        errorsOnly.Of("graphql.operation.duration").ShouldBeEmpty();

        // A listener for durations that starts later sees the operations after it, named and timed.
        using var all = new Measurements(meter);
        (await executor.ExecuteAsync(Request("query Later { a }"))).Errors.ShouldBeEmpty();
        var duration = all.Of("graphql.operation.duration").ShouldHaveSingleItem();
        duration.Tags[GraphQLTelemetry.OperationNameAttribute].ShouldBe("Later");
        duration.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Outcomes_error_codes_and_batch_sizes_are_measured()
    {
        using var meter = new Meter(GraphQLTelemetry.MeterName);
        using var measurements = new Measurements(meter);
        var schema = BuildSchema("type Query { items: [Item!]! fail: String } type Item { id: Int! label: String }", b => b
            .Resolve("Query", "items", _ => new[] { 1, 2, 3, 4 })
            .Resolve("Query", "fail", _ => throw new InvalidOperationException("boom"))
            .Resolve("Item", "id", ctx => (int)ctx.Parent!)
            .Resolve("Item", "label", (FieldResolver)(async ctx =>
            {
                var loader = ctx.BatchLoader<int, string>("labels", (keys, _) =>
                    Task.FromResult<IReadOnlyDictionary<int, string>>(keys.ToDictionary(k => k, k => $"item {k}")));
                return await loader.LoadAsync((int)ctx.Parent!);
            })));
        var executor = new RequestExecutor(schema, new ExecutorOptions { Telemetry = new GraphQLTelemetry(meter) });

        (await executor.ExecuteAsync(Request("query Items { items { id label } }"))).Errors.ShouldBeEmpty();
        (await executor.ExecuteAsync(Request("query Failing { fail }"))).Errors.ShouldNotBeEmpty();
        (await executor.ExecuteAsync(Request("query Invalid { nope }", operationName: "Invalid"))).IsRequestError.ShouldBeTrue();

        measurements.Of("graphql.operation.duration")
            .Select(m => (m.Tags[GraphQLTelemetry.OperationNameAttribute], m.Tags[GraphQLTelemetry.OutcomeAttribute]))
            .ShouldBe([("Items", "success"), ("Failing", "field_error"), ("Invalid", "request_error")]);
        measurements.Of("graphql.errors").Select(m => m.Tags[GraphQLTelemetry.ErrorCodeAttribute])
            .ShouldBe(["INTERNAL_SERVER_ERROR", "GRAPHQL_VALIDATION_FAILED"]);
        var batch = measurements.Of("graphql.dataloader.batch.size").ShouldHaveSingleItem();
        batch.Value.ShouldBe(4);
        batch.Tags[GraphQLTelemetry.LoaderKindAttribute].ShouldBe("batch");
    }
}
