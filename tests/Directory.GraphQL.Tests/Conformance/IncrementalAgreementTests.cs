using System.Text.Json;
using System.Text.Json.Nodes;
using Directory.GraphQL.Execution;
using Xunit.Abstractions;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Incremental delivery (@defer, @stream) checked against graphql-js 17: every operation of
/// <c>tests/conformance/incremental/operations.json</c> runs through <c>experimentalExecuteIncrementally</c>
/// (incremental.mjs) and through our <see cref="RequestExecutor.ExecuteIncrementallyAsync"/>, with the same resolvers
/// on a fresh fixture, against the test schema with @defer/@stream declared. Both answers are reduced to what a client
/// assembles from them (<see cref="IncrementalDelivery"/>): the initial payload (data, error paths, what is pending)
/// and, per announced fragment or stream, the data or items delivered for it (with subPaths and error paths) and how
/// it completed. That must be identical. How the deliveries are batched into payloads may differ (the spec leaves it
/// to the server; graphql-js sends each stream item as soon as it is ready, we send what finished together): whether
/// the payload sequences are also identical is reported only.
/// </summary>
public sealed class IncrementalAgreementTests(ITestOutputHelper output)
{
    public const string Suite = "incremental";

    public const string IncrementalSchema = "test-schema+defer-stream";

    private static readonly Lazy<RequestExecutor> Executor = new(() => ExecutionAgreementTests.CreateExecutor(IncrementalSchema));

    private static readonly Lazy<IReadOnlyList<ExecutionCase>> Operations = new(() =>
    [
        .. JsonNode.Parse(File.ReadAllText(NodeHarness.HarnessFile("incremental", "operations.json")))!.AsArray()
            .Select(node => new ExecutionCase(
                (string)node!["id"]!, (string)node["query"]!, node["variables"]?.AsObject(), (string?)node["operationName"])),
    ]);

    private static readonly Lazy<Task<IReadOnlyDictionary<string, JsonArray>>> References = new(async () =>
    {
        var text = await NodeHarness.RunScriptAsync("incremental.mjs");
        return JsonNode.Parse(text)!.AsArray().ToDictionary(node => (string)node!["id"]!, node => node!["payloads"]!.AsArray());
    });

    public static TheoryData<string> Ids => [.. Operations.Value.Select(o => o.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Operation_delivers_what_graphql_js_delivers(string id)
    {
        var reference = (await References.Value)[id];
        var ours = await ExecuteAsync(Operations.Value.Single(o => o.Id == id));
        output.WriteLine("graphql-js: " + reference.ToJsonString());
        output.WriteLine("ours:       " + ours.ToJsonString());
        var expected = IncrementalDelivery.Assemble(reference);
        var actual = IncrementalDelivery.Assemble(ours);
        output.WriteLine("assembled graphql-js: " + expected);
        output.WriteLine("assembled ours:       " + actual);
        KnownDifferences.Check(Suite, id, expected == actual ? null : $"deliveries differ:\n  graphql-js: {expected}\n  ours:       {actual}");
    }

    [Fact]
    public async Task Every_operation_is_compared_and_the_counts_are_reported()
    {
        var references = await References.Value;
        var operations = Operations.Value;
        operations.Count.ShouldBeGreaterThanOrEqualTo(30);
        references.Keys.ShouldBe(operations.Select(o => o.Id), ignoreOrder: true);

        var disagreeing = new List<string>();
        var sameSequence = 0;
        var incremental = 0;
        foreach (var operation in operations)
        {
            var reference = references[operation.Id];
            var ours = await ExecuteAsync(operation);
            if (reference.Count > 1)
            {
                incremental++;
            }
            if (IncrementalDelivery.Assemble(reference) != IncrementalDelivery.Assemble(ours))
            {
                disagreeing.Add(operation.Id);
            }
            else if (CanonicalJson.Write(reference) == CanonicalJson.Write(ours))
            {
                sameSequence++;
            }
        }
        var summary =
            $"incremental: {operations.Count} operations ({incremental} incremental in graphql-js); " +
            $"{operations.Count - disagreeing.Count} deliver the same, {disagreeing.Count} differ; " +
            $"{sameSequence} of the agreeing also batch their payloads identically.";
        output.WriteLine(summary);
        ConformanceReport.Write(Suite, summary, disagreeing, []);
        var listed = KnownDifferences.All.Where(k => k.Suite == Suite).Select(k => k.Id);
        disagreeing.ShouldBe(listed, ignoreOrder: true, "the disagreeing operations are exactly those in known-differences.json");
    }

    /// <summary>Our payloads for one operation, as a server would send them: the initial one, then each subsequent one.</summary>
    public static async Task<JsonArray> ExecuteAsync(ExecutionCase operation)
    {
        var variables = operation.Variables is null
            ? null
            : GraphQLRequest.VariablesFromJson(JsonSerializer.SerializeToElement(operation.Variables));
        var request = new GraphQLRequest(operation.Query, variables, operation.OperationName);
        var result = await Executor.Value.ExecuteIncrementallyAsync(request, new ConformanceStore(ExecutionAgreementTests.Fixture.Value));
        var payloads = new JsonArray { Parse(result.WriteInitialTo) };
        if (result.Subsequent is { } subsequent)
        {
            await foreach (var payload in subsequent)
            {
                payloads.Add(Parse(payload.WriteTo));
            }
        }
        return payloads;
    }

    private static JsonNode Parse(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return JsonNode.Parse(stream.ToArray())!;
    }
}

/// <summary>
/// What a client assembles from an incremental response, as canonical JSON: the initial payload's data, error paths
/// and pending entries, then for each pending entry (named by its path and label, not by its id, which is the
/// server's choice) the data and subPaths or the items delivered for it, the paths of their errors, and the paths of
/// the errors it completed with. Fails loudly on a protocol error (an id used before it is pending or after it is
/// completed, hasNext wrong).
/// </summary>
public static class IncrementalDelivery
{
    public static string Assemble(JsonArray payloads)
    {
        var initial = payloads[0]!.AsObject();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var deliveries = new SortedDictionary<string, JsonArray>(StringComparer.Ordinal);
        Announce(initial["pending"] as JsonArray, names, deliveries);
        for (var i = 1; i < payloads.Count; i++)
        {
            var payload = payloads[i]!.AsObject();
            var last = i == payloads.Count - 1;
            if ((bool)payload["hasNext"]! == last)
            {
                throw new InvalidDataException($"payload {i} has hasNext {payload["hasNext"]} but is {(last ? "" : "not ")}the last");
            }
            Announce(payload["pending"] as JsonArray, names, deliveries);
            foreach (var entry in payload["incremental"]?.AsArray() ?? [])
            {
                var name = NameOf(names, (string)entry!["id"]!);
                var delivery = new JsonObject();
                if (entry["items"] is { } items)
                {
                    delivery["items"] = items.DeepClone();
                }
                else
                {
                    delivery["data"] = entry["data"]!.DeepClone();
                }
                if (entry["subPath"] is { } subPath)
                {
                    delivery["subPath"] = subPath.DeepClone();
                }
                if (ErrorPaths(entry["errors"]) is { } errors)
                {
                    delivery["errors"] = errors;
                }
                deliveries[name].Add(delivery);
            }
            foreach (var completed in payload["completed"]?.AsArray() ?? [])
            {
                var id = (string)completed!["id"]!;
                var name = NameOf(names, id);
                deliveries[name].Add(new JsonObject { ["completed"] = ErrorPaths(completed["errors"]) ?? new JsonArray() });
                names.Remove(id);
            }
        }
        if (names.Count > 0)
        {
            throw new InvalidDataException($"never completed: {string.Join(", ", names.Values)}");
        }
        var assembled = new JsonObject
        {
            ["data"] = initial["data"]?.DeepClone(),
            ["errors"] = ErrorPaths(initial["errors"]),
            ["pending"] = new JsonArray([.. (initial["pending"] as JsonArray ?? []).Select(p => (JsonNode)Name(p!))]),
            ["deliveries"] = new JsonObject(deliveries.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        };
        return CanonicalJson.Write(assembled);
    }

    private static void Announce(JsonArray? pending, Dictionary<string, string> names, SortedDictionary<string, JsonArray> deliveries)
    {
        foreach (var entry in pending ?? [])
        {
            var name = Name(entry!);
            names.Add((string)entry!["id"]!, name);
            // Two unlabelled fragments at one place share a name: their deliveries are listed together.
            if (!deliveries.ContainsKey(name))
            {
                deliveries[name] = [];
            }
        }
    }

    private static string Name(JsonNode pending) => CanonicalJson.Write(pending["path"]) + (pending["label"] is { } label ? " " + (string)label! : "");

    private static string NameOf(Dictionary<string, string> names, string id) =>
        names.TryGetValue(id, out var name) ? name : throw new InvalidDataException($"id {id} is not pending");

    private static JsonArray? ErrorPaths(JsonNode? errors) => errors is JsonArray list && list.Count > 0
        ? new JsonArray([.. list.Select(e => (JsonNode?)JsonValue.Create(e!["path"] is { } p ? CanonicalJson.Write(p) : "request")).Order(JsonNodeOrder.Instance)])
        : null;

    private sealed class JsonNodeOrder : IComparer<JsonNode?>
    {
        public static readonly JsonNodeOrder Instance = new();

        public int Compare(JsonNode? x, JsonNode? y) => string.CompareOrdinal(x?.ToJsonString(), y?.ToJsonString());
    }
}
