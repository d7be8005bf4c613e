using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Directory.GraphQL.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>check FOLDER</c>: the like-for-like check of every document (exit 1 on a difference) and our JSON written
    /// to FOLDER for the JavaScript harness. <c>warm DOCUMENT SECONDS</c>: our warm request of DOCUMENT for SECONDS,
    /// written straight from the plan and through the result tree in turns (slices of 100 ms, A B B A …, so that a busy
    /// machine's drift falls on both alike), then each one's median requests per second over the slices; with
    /// DIRECTORY_GRAPHQL_PROFILE=1 only the direct path runs (a target for a profiler); with
    /// DIRECTORY_GRAPHQL_AGAINST=PATH (another build's Directory.GraphQL.Benchmarks.dll) this build's direct path and
    /// that build's take the turns instead. Anything else goes to BenchmarkDotNet.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is ["check", var folder])
        {
            foreach (var document in BenchmarkInputs.Documents)
            {
                try
                {
                    EngineOutputs.Check(document, folder);
                }
                catch (InvalidOperationException error)
                {
                    Console.Error.WriteLine(error.Message);
                    return 1;
                }
                Console.WriteLine($"{document}: Ours and GraphQL.NET wrote identical JSON in every execute phase");
            }
            return 0;
        }
        if (args is ["warm", var warmDocument, var seconds])
        {
            WarmRequests(warmDocument, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }
        // A shared, busy build machine can take longer than BenchmarkDotNet's default two minutes to build the
        // generated benchmark project; pass --inProcess to skip that build altogether.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static void WarmRequests(string document, double seconds)
    {
        var profile = Environment.GetEnvironmentVariable("DIRECTORY_GRAPHQL_PROFILE") == "1";
        var against = Environment.GetEnvironmentVariable("DIRECTORY_GRAPHQL_AGAINST");
        Func<ReadOnlyMemory<byte>> Warm(string engine) => BenchmarkInputs.CreateEngine(engine, document).WarmRequest;
        (string, Func<ReadOnlyMemory<byte>>)[] engines = (profile, against) switch
        {
            (true, _) => [("direct", Warm("Ours"))],
            (_, { Length: > 0 }) => [("this build", Warm("Ours")), ("other build", OtherBuildWarmRequest(against, document))],
            _ => [("direct", Warm("Ours")), ("tree", Warm("Ours (tree)"))],
        };
        var rates = engines.Select(_ => new List<double>()).ToArray();
        var allocated = new long[engines.Length];
        var collections = new long[engines.Length];
        var counted = new long[engines.Length];
        var total = System.Diagnostics.Stopwatch.StartNew();
        for (var round = 0; total.Elapsed.TotalSeconds < seconds; round++)
        {
            // In turns A B, B A, A B …: neither path always runs right after the other's garbage.
            for (var turn = 0; turn < engines.Length; turn++)
            {
                var e = round % 2 == 0 ? turn : engines.Length - 1 - turn;
                var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
                var collectionsBefore = GC.CollectionCount(0);
                var slice = System.Diagnostics.Stopwatch.StartNew();
                var requests = 0;
                while (slice.ElapsedMilliseconds < 100)
                {
                    engines[e].Item2();
                    requests++;
                }
                rates[e].Add(requests / slice.Elapsed.TotalSeconds);
                allocated[e] += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
                collections[e] += GC.CollectionCount(0) - collectionsBefore;
                counted[e] += requests;
            }
        }
        for (var e = 0; e < engines.Length; e++)
        {
            // The first second is the JIT's: its slices are left out.
            var kept = rates[e].Skip(10 / engines.Length).Order().ToList();
            Console.WriteLine($"{document} {engines[e].Item1}: median {kept[kept.Count / 2]:F0} warm requests/s over {kept.Count} slices; " +
                $"{allocated[e] / counted[e]} B allocated and {1000.0 * collections[e] / counted[e]:F2} gen0 collections per 1,000 requests");
        }
        if (engines.Length == 2)
        {
            // Each round's two slices ran back to back, so their ratio has the least of a busy machine's drift in it:
            // the median of those ratios is the figure to compare builds by.
            var paired = rates[0].Zip(rates[1], (first, second) => first / second).Skip(5).Order().ToList();
            Console.WriteLine($"{document} {engines[0].Item1} ÷ {engines[1].Item1}: median {paired[paired.Count / 2]:F3} over {paired.Count} rounds of adjacent slices " +
                $"(quartiles {paired[paired.Count / 4]:F3}–{paired[paired.Count * 3 / 4]:F3})");
        }
    }

    /// <summary>
    /// Our warm request as another build of this harness (its Directory.Graphql.Benchmarks.dll, e.g. the base
    /// commit's) makes it, loaded beside this one in an assembly load context of its own, so that two builds are
    /// timed in turns within one process: between processes a busy machine's drift is wider than the differences
    /// worth measuring (docs/benchmarks.md, "Dictionary parents read directly").
    /// </summary>
    private static Func<ReadOnlyMemory<byte>> OtherBuildWarmRequest(string harnessPath, string document)
    {
        var path = Path.GetFullPath(harnessPath);
        var context = new OtherBuildContext(path);
        var inputs = context.LoadFromAssemblyPath(path).GetType("Directory.GraphQL.Benchmarks.BenchmarkInputs", throwOnError: true)!;
        var engine = inputs.GetMethod("CreateEngine")!.Invoke(null, ["Ours", document])!;
        var warmRequest = engine.GetType().GetMethod("WarmRequest")!;
        return warmRequest.CreateDelegate<Func<ReadOnlyMemory<byte>>>(engine);
    }

    private sealed class OtherBuildContext(string harnessPath) : System.Runtime.Loader.AssemblyLoadContext($"other build {harnessPath}")
    {
        private readonly System.Runtime.Loader.AssemblyDependencyResolver _resolver = new(harnessPath);

        protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } found ? LoadFromAssemblyPath(found) : null;
    }
}
