using BenchmarkDotNet.Attributes;

namespace Directory.GraphQL.Benchmarks;

/// <summary>
/// Our warm request with JSON written straight from the plan and with every value completed into the result tree
/// (issue 18 §7), in one build, so that the two paths are timed under the same conditions:
/// <c>--filter '*DirectJsonBenchmarks*' --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class DirectJsonBenchmarks
{
    private IBenchmarkedEngine _engine = null!;

    [Params("direct", "tree")]
    public string Path { get; set; } = "direct";

    [Params("small", "medium", "large")]
    public string Document { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        _engine = BenchmarkInputs.CreateEngine(Path == "direct" ? "Ours" : "Ours (tree)", Document);
        _engine.WarmRequest();
    }

    [Benchmark]
    public int WarmRequest() => _engine.WarmRequest().Length;
}
