using BenchmarkDotNet.Attributes;

namespace Directory.GraphQL.Benchmarks;

/// <summary>
/// Our engine and GraphQL.NET 8.8.5 side by side (the Engine parameter) on the small, medium and large documents
/// of bench/documents, over the conformance test schema, fixture and resolvers — the same work
/// bench/graphql-js/bench.mjs gives graphql-js and graphql-jit. Phases (see <see cref="IBenchmarkedEngine"/>):
/// Parse, Validate, ExecuteDocument (a parsed, validated document planned and executed, JSON written),
/// WarmRequest (the document's text again, each engine's caches warm: ours holds the parsed document and the
/// operation plan, GraphQL.NET the parsed document in its document cache) and ColdRequest (nothing cached).
/// Before timing, <see cref="EngineOutputs.Check"/> fails the run unless both engines write the same JSON.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private IBenchmarkedEngine _engine = null!;

    [Params("Ours", "GraphQL.NET")]
    public string Engine { get; set; } = "Ours";

    [Params("small", "medium", "large")]
    public string Document { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        EngineOutputs.Check(Document, outputFolder: null);
        _engine = BenchmarkInputs.CreateEngine(Engine, Document);
        _engine.WarmRequest();
    }

    [Benchmark]
    public object Parse() => _engine.Parse();

    [Benchmark]
    public int Validate() => _engine.Validate();

    [Benchmark]
    public int ExecuteDocument() => _engine.ExecuteDocument().Length;

    [Benchmark]
    public int WarmRequest() => _engine.WarmRequest().Length;

    [Benchmark]
    public int ColdRequest() => _engine.ColdRequest().Length;
}
