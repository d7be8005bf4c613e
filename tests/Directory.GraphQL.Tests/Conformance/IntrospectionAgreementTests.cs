using System.Text.Json.Nodes;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Xunit.Abstractions;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Spec §4 (Introspection), checked against graphql-js 17: our engine answers graphql-js's full introspection query
/// (descriptions, specifiedByURL, isRepeatable, schema description, deprecated input values, isOneOf), and
/// introspection.mjs checks that <c>printSchema(buildClientSchema(our result))</c> prints the same definitions as
/// <c>printSchema(buildSchema(sdl))</c> — every type and directive with its fields, arguments, defaults, descriptions
/// and deprecations in order. The order of the definitions themselves is reported but not required.
/// </summary>
public sealed class IntrospectionAgreementTests(ITestOutputHelper output)
{
    public const string Suite = "introspection";

    /// <summary>The application schema, once it exists (owned by the API work, not by the engine).</summary>
    public static string DirectorySchemaPath => Path.Combine(NodeHarness.RepositoryRoot, "schema", "directory.graphql");

    [Fact]
    public async Task Test_schema_introspects_as_graphql_js_builds_it()
    {
        var schema = ConformanceFixture.BuildSchema(ConformanceCases.SchemaSdl("test-schema"));
        await AssertAgreementAsync("test-schema", NodeHarness.HarnessFile("schema", "test-schema.graphql"), schema);
    }

    [Fact]
    public async Task Query_only_schema_introspects_as_graphql_js_builds_it()
    {
        var schema = SchemaBuilder.FromDocument(Parser.Parse(ConformanceCases.SchemaSdl("query-only"))).Build(BuildOptions.TypesOnly);
        await AssertAgreementAsync("query-only", NodeHarness.HarnessFile("schema", "query-only.graphql"), schema);
    }

    [SkippableFact]
    public async Task Directory_schema_introspects_as_graphql_js_builds_it()
    {
        Skip.IfNot(File.Exists(DirectorySchemaPath), $"{DirectorySchemaPath} does not exist yet.");
        var schema = SchemaBuilder.FromDocument(Parser.Parse(File.ReadAllText(DirectorySchemaPath))).Build(BuildOptions.TypesOnly);
        await AssertAgreementAsync("directory", DirectorySchemaPath, schema);
    }

    private async Task AssertAgreementAsync(string id, string sdlPath, Schema schema)
    {
        var executor = new RequestExecutor(schema, new ExecutorOptions { ExposeExceptionMessages = true });
        var result = await executor.ExecuteAsync(new GraphQLRequest(await ConformanceCases.IntrospectionQueryAsync()));
        var json = result.ToJson();
        result.Errors.ShouldBeEmpty($"introspection errors: {json}");

        var resultPath = Path.Combine(Path.GetTempPath(), $"conformance-introspection-{id}-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(resultPath, json);
            var report = JsonNode.Parse(await NodeHarness.RunScriptAsync("introspection.mjs", "compare", sdlPath, resultPath))!;
            var equal = (bool)report["equal"]!;
            output.WriteLine($"{id}: equal={equal}, same definition order={(bool)report["sameOrder"]!}");
            string? disagreement = null;
            if (!equal)
            {
                disagreement = report["error"] is { } error
                    ? (string)error!
                    : $"missing: {report["missing"]?.ToJsonString()}\nunexpected: {report["unexpected"]?.ToJsonString()}\n" +
                      string.Join("\n", (report["different"]?.AsArray() ?? []).Select(d =>
                          $"{d!["definition"]}:\n--- graphql-js\n{d["expected"]}\n--- ours\n{d["actual"]}"));
                output.WriteLine(disagreement);
            }
            KnownDifferences.Check(Suite, id, disagreement);
        }
        finally
        {
            File.Delete(resultPath);
        }
    }
}
