using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Directory.GraphQL.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // A shared, busy build machine can take longer than BenchmarkDotNet's default two minutes to build the
        // generated benchmark project; pass --inProcess to skip that build altogether.
        var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
