using System.Text.Json.Nodes;
using Directory.GraphQL.Tests.Conformance;

namespace Directory.GraphQL.Benchmarks;

/// <summary>The documents, schema and fixture, read from the repository the benchmarks run in.</summary>
internal static class BenchmarkInputs
{
    public static readonly string[] Documents = ["small", "medium", "large"];

    public static readonly string[] Engines = ["Ours", "GraphQL.NET"];

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string DocumentText(string document) =>
        File.ReadAllText(Path.Combine(Root.Value, "bench", "documents", document + ".graphql"));

    /// <summary>An engine over a fresh copy of the fixture (the documents are queries: nothing is mutated).</summary>
    public static IBenchmarkedEngine CreateEngine(string engine, string document)
    {
        if (engine == "Ours (tree)")
        {
            return new OurEngine(SchemaSdl(), new ConformanceStore(Fixture()), DocumentText(document), writesJsonDirectly: false);
        }
        var sdl = SchemaSdl();
        var store = new ConformanceStore(Fixture());
        var source = DocumentText(document);
        return engine switch
        {
            "Ours" => new OurEngine(sdl, store, source),
            "GraphQL.NET" => new GraphQLNetEngine(sdl, store, source),
            _ => throw new ArgumentException($"Unknown engine {engine}.", nameof(engine)),
        };
    }

    private static string SchemaSdl() =>
        File.ReadAllText(Path.Combine(Root.Value, "tests", "conformance", "schema", "test-schema.graphql"));

    private static JsonObject Fixture() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root.Value, "tests", "conformance", "execution", "fixture.json")))!.AsObject();

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Directory.sln")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
    }
}
