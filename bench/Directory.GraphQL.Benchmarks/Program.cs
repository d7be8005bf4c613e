using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Directory.GraphQL.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>check FOLDER</c>: the like-for-like check of every document (exit 1 on a difference) and our JSON written
    /// to FOLDER for the JavaScript harness. <c>warm DOCUMENT SECONDS</c>: our warm request of DOCUMENT in a loop for
    /// SECONDS, then requests per second (a target for a profiler such as perf). Anything else goes to BenchmarkDotNet.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is ["warm", var warmDocument, var seconds])
        {
            var engine = BenchmarkInputs.CreateEngine("Ours", warmDocument);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var end = TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
            long requests = 0;
            while (clock.Elapsed < end)
            {
                for (var i = 0; i < 100; i++)
                {
                    engine.WarmRequest();
                }
                requests += 100;
            }
            Console.WriteLine($"{warmDocument}: {requests / clock.Elapsed.TotalSeconds:F0} warm requests/s");
            return 0;
        }
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
        // A shared, busy build machine can take longer than BenchmarkDotNet's default two minutes to build the
        // generated benchmark project; pass --inProcess to skip that build altogether.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
