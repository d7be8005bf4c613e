using System.Diagnostics;
using Directory.Data;
using Directory.Data.Import;
using Directory.DataGen;
using Microsoft.EntityFrameworkCore;

// Tools for the data layer's benchmarks and migrations; not part of the product.
//   schema sqlite|postgres                       prints the model's DDL (what a new migration must bring a database to)
//   generate <sample folder> <factor> <out>      writes the sample multiplied <factor> times with distinct keys
//   import sqlite|postgres <connection> <folder> [direct|change-tracker]
//                                                imports a folder, printing time, counts and peak memory; the last
//                                                argument picks the import's writer (direct, the default, or EF's change tracker)
return args switch
{
    ["schema", var provider] => PrintSchema(provider),
    ["generate", var sample, var factor, var output] => Generate(sample, int.Parse(factor, System.Globalization.CultureInfo.InvariantCulture), output),
    ["import", var provider, var connection, var folder] => await ImportAsync(provider, connection, folder, ImportWritePath.Direct),
    ["import", var provider, var connection, var folder, "direct"] => await ImportAsync(provider, connection, folder, ImportWritePath.Direct),
    ["import", var provider, var connection, var folder, "change-tracker"] => await ImportAsync(provider, connection, folder, ImportWritePath.ChangeTracker),
    _ => Usage(),
};

static int PrintSchema(string provider)
{
    var parsed = DirectoryDatabase.ParseProvider(provider);
    using var db = DirectoryDatabase.CreateContext(parsed, parsed == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1");
    Console.Out.Write(db.Database.GenerateCreateScript());
    return 0;
}

static int Generate(string sample, int factor, string output)
{
    var stopwatch = Stopwatch.StartNew();
    var rows = SampleMultiplier.Write(sample, factor, output);
    Console.WriteLine($"wrote {rows} rows ({factor}x) to {output} in {stopwatch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static async Task<int> ImportAsync(string provider, string connection, string folder, ImportWritePath writePath)
{
    await using var db = DirectoryDatabase.CreateContext(DirectoryDatabase.ParseProvider(provider), connection);
    await db.Database.MigrateAsync();

    // Peak managed heap sampled while the import runs; the working-set peak comes from the OS.
    long peakHeap = 0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { break; }
        }
    });

    var stopwatch = Stopwatch.StartNew();
    var result = await new SurveyImporter(db)
    {
        WritePath = writePath,
        StepTimed = (step, wall, cpu) => Console.Error.WriteLine($"STEP {step,-36} wall {wall.TotalSeconds,7:F2} s  cpu {cpu.TotalSeconds,7:F2} s"),
    }.ImportAsync(folder);
    stopwatch.Stop();
    await sampling.CancelAsync();
    await sampler;

    result.WriteTo(Console.Out);
    using var process = Process.GetCurrentProcess();
    var rows = result.Counts.Sum(c => c.Total);
    Console.WriteLine($"RESULT provider={provider} writer={writePath} rows={rows} seconds={stopwatch.Elapsed.TotalSeconds:F1} " +
        $"rows_per_second={rows / stopwatch.Elapsed.TotalSeconds:F0} peak_working_set_mb={process.PeakWorkingSet64 / 1048576} " +
        $"peak_managed_heap_mb={peakHeap / 1048576}");
    return result.Succeeded ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: schema sqlite|postgres | generate <sample> <factor> <out> | import sqlite|postgres <connection> <folder> [direct|change-tracker]");
    return 2;
}
