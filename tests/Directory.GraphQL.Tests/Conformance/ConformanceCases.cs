using System.Text.Json;
using System.Text.Json.Nodes;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>One document of <c>validation/corpus.json</c>; <see cref="Schema"/> names a file in <c>schema/</c>.</summary>
public sealed record ValidationCase(string Id, string Document, string Schema);

/// <summary>One operation of <c>execution/operations.json</c>.</summary>
public sealed record ExecutionCase(string Id, string Query, JsonObject? Variables, string? OperationName);

/// <summary>What graphql-js said about a validation document (validate.mjs output).</summary>
public sealed record ReferenceValidation(
    string Id, string? SyntaxError, bool Valid, IReadOnlyList<string> Rules, IReadOnlyList<string> Messages);

/// <summary>
/// The shared test cases and graphql-js's verdicts on them. Each Node script runs once per test run (the results are
/// cached for every test class), and the case lists are read straight from the JSON files for the theories' data.
/// </summary>
public static class ConformanceCases
{
    private static readonly Lazy<IReadOnlyList<ValidationCase>> LazyValidationCorpus = new(LoadValidationCorpus);
    private static readonly Lazy<IReadOnlyList<ExecutionCase>> LazyOperations = new(LoadOperations);
    private static readonly Lazy<Task<IReadOnlyDictionary<string, ReferenceValidation>>> LazyReferenceValidation =
        new(RunReferenceValidationAsync);
    private static readonly Lazy<Task<IReadOnlyDictionary<string, JsonObject>>> LazyReferenceExecution =
        new(RunReferenceExecutionAsync);
    private static readonly Lazy<Task<string>> LazyIntrospectionQuery =
        new(() => NodeHarness.RunScriptAsync("introspection.mjs", "query"));

    public static IReadOnlyList<ValidationCase> ValidationCorpus => LazyValidationCorpus.Value;

    public static IReadOnlyList<ExecutionCase> Operations => LazyOperations.Value;

    public static TheoryData<string> ValidationIds => [.. ValidationCorpus.Select(c => c.Id)];

    public static TheoryData<string> OperationIds => [.. Operations.Select(c => c.Id)];

    public static ValidationCase ValidationCase(string id) => ValidationCorpus.Single(c => c.Id == id);

    public static ExecutionCase Operation(string id) => Operations.Single(c => c.Id == id);

    /// <summary>validate.mjs over the whole corpus, run once.</summary>
    public static Task<IReadOnlyDictionary<string, ReferenceValidation>> ReferenceValidationAsync() =>
        LazyReferenceValidation.Value;

    /// <summary>execute.mjs over every operation, run once: id → { data?, errors? }.</summary>
    public static Task<IReadOnlyDictionary<string, JsonObject>> ReferenceExecutionAsync() => LazyReferenceExecution.Value;

    /// <summary>graphql-js's full introspection query (every option on).</summary>
    public static Task<string> IntrospectionQueryAsync() => LazyIntrospectionQuery.Value;

    /// <summary>The SDL of schema/&lt;name&gt;.graphql; several names joined by "+" concatenate their files (as lib/schemas.mjs does).</summary>
    public static string SchemaSdl(string name) =>
        string.Join("\n", name.Split('+').Select(part => File.ReadAllText(NodeHarness.HarnessFile("schema", part + ".graphql"))));

    private static List<ValidationCase> LoadValidationCorpus()
    {
        var array = ReadArray("validation", "corpus.json");
        return
        [
            .. array.Select(node => new ValidationCase(
                (string)node!["id"]!,
                (string)node["document"]!,
                (string?)node["schema"] ?? "test-schema")),
        ];
    }

    private static List<ExecutionCase> LoadOperations()
    {
        var array = ReadArray("execution", "operations.json");
        return
        [
            .. array.Select(node => new ExecutionCase(
                (string)node!["id"]!,
                (string)node["query"]!,
                node["variables"]?.AsObject(),
                (string?)node["operationName"])),
        ];
    }

    private static JsonArray ReadArray(params string[] path) =>
        JsonNode.Parse(File.ReadAllText(NodeHarness.HarnessFile(path)))!.AsArray();

    private static async Task<IReadOnlyDictionary<string, ReferenceValidation>> RunReferenceValidationAsync()
    {
        var output = await NodeHarness.RunScriptAsync("validate.mjs");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        var results = JsonSerializer.Deserialize<List<ReferenceValidation>>(output, options)
            ?? throw new InvalidDataException("validate.mjs printed no results.");
        return results.ToDictionary(r => r.Id);
    }

    private static async Task<IReadOnlyDictionary<string, JsonObject>> RunReferenceExecutionAsync()
    {
        var output = await NodeHarness.RunScriptAsync("execute.mjs");
        return JsonNode.Parse(output)!.AsArray()
            .ToDictionary(node => (string)node!["id"]!, node => node!["result"]!.AsObject());
    }
}
