using System.Text.Json;
using System.Text.Json.Nodes;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Validation;
using Xunit.Abstractions;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Spec §6.2.3 (Subscription), checked against graphql-js 17 <c>subscribe</c>: every operation of
/// <c>tests/conformance/subscription/operations.json</c> runs through graphql-js (subscribe.mjs, with the source streams
/// of <c>subscription/sources.mjs</c>) and through <see cref="RequestExecutor.SubscribeAsync"/> (the same streams in
/// ConformanceFixture). Both must produce the same number of responses, each agreeing as the execution suite's do
/// (same shape, identical data, same error paths); a query or mutation is executed once by both, as the streaming
/// transports do.
/// </summary>
public sealed class SubscriptionAgreementTests(ITestOutputHelper output)
{
    public const string Suite = "subscription";

    private static readonly Lazy<JsonObject> Fixture = new(() =>
        JsonNode.Parse(File.ReadAllText(NodeHarness.HarnessFile("execution", "fixture.json")))!.AsObject());

    private static readonly Lazy<RequestExecutor> Executor = new(() => new RequestExecutor(
        ConformanceFixture.BuildSchema(ConformanceCases.SchemaSdl("test-schema")),
        new ExecutorOptions
        {
            ExposeExceptionMessages = true,
            Validate = (schema, document) => DocumentValidator.Validate(schema, document, ValidationAgreementTests.Options),
        }));

    private static readonly Lazy<IReadOnlyList<ExecutionCase>> Cases = new(() =>
        [.. JsonNode.Parse(File.ReadAllText(NodeHarness.HarnessFile("subscription", "operations.json")))!.AsArray().Select(node => new ExecutionCase(
            (string)node!["id"]!,
            (string)node["query"]!,
            node["variables"]?.AsObject(),
            (string?)node["operationName"]))]);

    private static readonly Lazy<Task<IReadOnlyDictionary<string, JsonArray>>> References = new(async () =>
        JsonNode.Parse(await NodeHarness.RunScriptAsync("subscribe.mjs"))!.AsArray()
            .ToDictionary(node => (string)node!["id"]!, node => node!["results"]!.AsArray()));

    public static TheoryData<string> Ids => [.. Cases.Value.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Subscription_gives_the_responses_graphql_js_subscribe_gives(string id)
    {
        var reference = (await References.Value)[id];
        var ours = await SubscribeAsync(Cases.Value.Single(c => c.Id == id));
        output.WriteLine("graphql-js: " + reference.ToJsonString());
        output.WriteLine("ours:       " + ours.ToJsonString());
        KnownDifferences.Check(Suite, id, Compare(reference, ours).Disagreement);
    }

    [Fact]
    public async Task Every_subscription_is_compared_and_the_agreement_count_matches_the_known_differences()
    {
        var references = await References.Value;
        references.Keys.ShouldBe(Cases.Value.Select(c => c.Id), ignoreOrder: true);
        var comparisons = new List<(string Id, ExecutionComparison Comparison)>();
        foreach (var operation in Cases.Value)
        {
            comparisons.Add((operation.Id, Compare(references[operation.Id], await SubscribeAsync(operation))));
        }
        var disagreeing = comparisons.Where(c => c.Comparison.Disagreement is not null).Select(c => c.Id).ToList();
        var messagesDiffer = comparisons.Count(c => c.Comparison.Disagreement is null && c.Comparison.MessageDifference is not null);
        var responses = references.Values.Sum(r => r.Count);
        var summary =
            $"subscription: {Cases.Value.Count} operations ({responses} responses in graphql-js); " +
            $"{Cases.Value.Count - disagreeing.Count} agree on every response, {disagreeing.Count} disagree; " +
            $"{Cases.Value.Count - disagreeing.Count - messagesDiffer} of the agreeing also have identical error messages.";
        output.WriteLine(summary);
        ConformanceReport.Write(Suite, summary, disagreeing,
            comparisons.Where(c => c.Comparison.Disagreement is null && c.Comparison.MessageDifference is not null).Select(c => $"{c.Id}\n{c.Comparison.MessageDifference}"));
        disagreeing.ShouldBe(KnownDifferences.All.Where(k => k.Suite == Suite).Select(k => k.Id), ignoreOrder: true);
    }

    private static ExecutionComparison Compare(JsonArray expected, JsonArray actual)
    {
        if (expected.Count != actual.Count)
        {
            return new ExecutionComparison($"graphql-js gives {expected.Count} responses, we give {actual.Count}.", null);
        }
        var comparisons = expected.Zip(actual, (e, a) => ExecutionComparison.Compare(e!.AsObject(), a!.AsObject())).ToList();
        var disagreement = comparisons.Select((c, i) => c.Disagreement is null ? null : $"response {i}: {c.Disagreement}").FirstOrDefault(d => d is not null);
        var messages = comparisons.Select((c, i) => c.MessageDifference is null ? null : $"response {i}: {c.MessageDifference}").FirstOrDefault(d => d is not null);
        return new ExecutionComparison(disagreement, messages);
    }

    private static async Task<JsonArray> SubscribeAsync(ExecutionCase operation)
    {
        var variables = operation.Variables is null
            ? null
            : GraphQLRequest.VariablesFromJson(JsonSerializer.SerializeToElement(operation.Variables));
        var request = new GraphQLRequest(operation.Query, variables, operation.OperationName);
        var subscription = await Executor.Value.SubscribeAsync(request, new ConformanceStore(Fixture.Value));
        var results = new JsonArray();
        await foreach (var result in subscription.ResultsAsync())
        {
            results.Add(JsonNode.Parse(result.ToJson()));
        }
        return results;
    }
}
