using System.Text.Json;
using System.Text.Json.Nodes;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Validation;
using Xunit.Abstractions;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Spec §6 (Execution) and §7 (Response), checked against graphql-js 17: every operation of
/// <c>tests/conformance/execution/operations.json</c> runs through graphql-js (execute.mjs, JavaScript resolvers) and
/// through our RequestExecutor (ConformanceFixture, the same resolvers in C#), each on a fresh copy of fixture.json.
/// The responses must have the same shape (data or a request error), identical <c>data</c> (same keys in the same
/// order, same values) and the same set of error paths. Error messages are compared too and reported when they differ.
/// </summary>
public sealed class ExecutionAgreementTests(ITestOutputHelper output)
{
    public const string Suite = "execution";

    internal static readonly Lazy<JsonObject> Fixture = new(() =>
        JsonNode.Parse(File.ReadAllText(NodeHarness.HarnessFile("execution", "fixture.json")))!.AsObject());

    private static readonly Lazy<RequestExecutor> Executor = new(() => CreateExecutor("test-schema"));

    /// <summary>Our executor over a harness schema with the fixture's resolvers, validating as graphql-js does.</summary>
    internal static RequestExecutor CreateExecutor(string schemaName) => new(
        ConformanceFixture.BuildSchema(ConformanceCases.SchemaSdl(schemaName)),
        new ExecutorOptions
        {
            ExposeExceptionMessages = true,
            Validate = (schema, document) => DocumentValidator.Validate(schema, document, ValidationAgreementTests.Options),
        });

    public static TheoryData<string> Ids => ConformanceCases.OperationIds;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Operation_gives_the_response_graphql_js_gives(string id)
    {
        var reference = (await ConformanceCases.ReferenceExecutionAsync())[id];
        var ours = await ExecuteAsync(ConformanceCases.Operation(id));
        output.WriteLine("graphql-js: " + reference.ToJsonString());
        output.WriteLine("ours:       " + ours.ToJsonString());
        var comparison = ExecutionComparison.Compare(reference, ours);
        if (comparison.MessageDifference is not null)
        {
            output.WriteLine(comparison.MessageDifference);
        }
        KnownDifferences.Check(Suite, id, comparison.Disagreement);
    }

    [Fact]
    public async Task Every_operation_is_compared_and_the_agreement_count_matches_the_known_differences()
    {
        var references = await ConformanceCases.ReferenceExecutionAsync();
        var operations = ConformanceCases.Operations;
        operations.Count.ShouldBeGreaterThanOrEqualTo(100);
        references.Keys.ShouldBe(operations.Select(o => o.Id), ignoreOrder: true);

        var comparisons = new List<(string Id, ExecutionComparison Comparison)>();
        foreach (var operation in operations)
        {
            comparisons.Add((operation.Id, ExecutionComparison.Compare(references[operation.Id], await ExecuteAsync(operation))));
        }
        var disagreeing = comparisons.Where(c => c.Comparison.Disagreement is not null).Select(c => c.Id).ToList();
        var messagesDiffer = comparisons.Count(c => c.Comparison.Disagreement is null && c.Comparison.MessageDifference is not null);
        var withErrors = references.Values.Count(r => r["errors"] is not null);
        var summary =
            $"execution: {operations.Count} operations ({withErrors} with errors in graphql-js's response); " +
            $"{operations.Count - disagreeing.Count} agree on data and error paths, {disagreeing.Count} disagree; " +
            $"{operations.Count - disagreeing.Count - messagesDiffer} of the agreeing also have identical error messages.";
        output.WriteLine(summary);
        ConformanceReport.Write(
            Suite,
            summary,
            disagreeing,
            comparisons.Where(c => c.Comparison.Disagreement is null && c.Comparison.MessageDifference is not null)
                .Select(c => $"{c.Id}\n{c.Comparison.MessageDifference}"));

        var listed = KnownDifferences.All.Where(k => k.Suite == Suite).Select(k => k.Id);
        disagreeing.ShouldBe(listed, ignoreOrder: true, "the disagreeing operations are exactly those in known-differences.json");
    }

    /// <summary>Our response to one operation as JSON, as a server would send it.</summary>
    public static async Task<JsonObject> ExecuteAsync(ExecutionCase operation)
    {
        var variables = operation.Variables is null
            ? null
            : GraphQLRequest.VariablesFromJson(JsonSerializer.SerializeToElement(operation.Variables));
        var request = new GraphQLRequest(operation.Query, variables, operation.OperationName);
        var store = new ConformanceStore(Fixture.Value);
        var result = await Executor.Value.ExecuteAsync(request, store);
        return JsonNode.Parse(result.ToJson())!.AsObject();
    }
}

/// <summary>How our response to one operation differs from graphql-js's.</summary>
public sealed record ExecutionComparison(string? Disagreement, string? MessageDifference)
{
    public static ExecutionComparison Compare(JsonObject expected, JsonObject actual)
    {
        var problems = new List<string>();
        var expectedHasData = expected.ContainsKey("data");
        var actualHasData = actual.ContainsKey("data");
        if (expectedHasData != actualHasData)
        {
            problems.Add(expectedHasData
                ? "graphql-js executes the operation; we answer with a request error (no data)."
                : "graphql-js answers with a request error (no data); we execute the operation.");
        }
        else if (expectedHasData)
        {
            var expectedData = CanonicalJson.Write(expected["data"]);
            var actualData = CanonicalJson.Write(actual["data"]);
            if (expectedData != actualData)
            {
                problems.Add($"data differs:\n  graphql-js: {expectedData}\n  ours:       {actualData}");
            }
        }

        var expectedPaths = Errors(expected).Select(e => e.Path).ToHashSet();
        var actualPaths = Errors(actual).Select(e => e.Path).ToHashSet();
        if (!expectedPaths.SetEquals(actualPaths))
        {
            problems.Add(
                $"error paths differ:\n  graphql-js: [{string.Join(", ", expectedPaths.Order())}]\n" +
                $"  ours:       [{string.Join(", ", actualPaths.Order())}]");
        }

        var expectedMessages = Errors(expected).Select(e => e.Path + " " + e.Message).Order(StringComparer.Ordinal).ToList();
        var actualMessages = Errors(actual).Select(e => e.Path + " " + e.Message).Order(StringComparer.Ordinal).ToList();
        string? messageDifference = null;
        if (!expectedMessages.SequenceEqual(actualMessages))
        {
            var missing = expectedMessages.Except(actualMessages).Select(m => "  - " + m);
            var extra = actualMessages.Except(expectedMessages).Select(m => "  + " + m);
            messageDifference = "error messages differ (- graphql-js only, + ours only):\n" + string.Join("\n", missing.Concat(extra));
        }
        return new ExecutionComparison(problems.Count == 0 ? null : string.Join("\n", problems), messageDifference);
    }

    /// <summary>Each error's path as JSON text ("request" for errors without a path) and its message.</summary>
    private static IEnumerable<(string Path, string Message)> Errors(JsonObject response) =>
        (response["errors"]?.AsArray() ?? []).Select(error => (
            error!["path"] is JsonArray path ? CanonicalJson.Write(path) : "request",
            (string?)error["message"] ?? ""));
}
