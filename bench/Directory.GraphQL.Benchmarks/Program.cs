using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Directory.GraphQL.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>check FOLDER</c>: the like-for-like check of every document (exit 1 on a difference) and our JSON written
    /// to FOLDER for the JavaScript harness. Anything else goes to BenchmarkDotNet.
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
        // A shared, busy build machine can take longer than BenchmarkDotNet's default two minutes to build the
        // generated benchmark project; pass --inProcess to skip that build altogether.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
