using System.Text;

namespace Directory.GraphQL.Benchmarks;

/// <summary>
/// The like-for-like check run before any timing: every execute phase of every engine must write the same JSON
/// bytes for a document. Nothing is normalised (see bench/README.md). Our output is written to a folder so that
/// bench/graphql-js/bench.mjs can hold graphql-js and graphql-jit to the same bytes.
/// </summary>
internal static class EngineOutputs
{
    public static void Check(string document, string? outputFolder)
    {
        byte[]? expected = null;
        var expectedFrom = "";
        foreach (var name in BenchmarkInputs.Engines)
        {
            var engine = BenchmarkInputs.CreateEngine(name, document);
            if (engine.Validate() != 0)
            {
                throw new InvalidOperationException($"{document}.graphql is invalid for {name}.");
            }
            var phases = new (string Phase, Func<ReadOnlyMemory<byte>> Run)[]
            {
                ("ColdRequest", engine.ColdRequest),
                ("ExecuteDocument", engine.ExecuteDocument),
                ("WarmRequest (filling the cache)", engine.WarmRequest),
                ("WarmRequest", engine.WarmRequest),
            };
            foreach (var (phase, run) in phases)
            {
                var output = run().ToArray();
                var from = $"{name} {phase}";
                if (expected is null)
                {
                    expected = output;
                    expectedFrom = from;
                    if (Encoding.UTF8.GetString(output).Contains("\"errors\"", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"{document}.graphql must execute without errors: {Encoding.UTF8.GetString(output)}");
                    }
                }
                else if (!output.AsSpan().SequenceEqual(expected))
                {
                    throw new InvalidOperationException(
                        $"{document}.graphql: {from} wrote different JSON from {expectedFrom}.\n{Difference(expected, output)}");
                }
            }
        }
        if (outputFolder is not null)
        {
            System.IO.Directory.CreateDirectory(outputFolder);
            File.WriteAllBytes(Path.Combine(outputFolder, document + ".json"), expected!);
        }
    }

    private static string Difference(byte[] expected, byte[] actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }
        var from = Math.Max(0, at - 80);
        string Around(byte[] bytes) => Encoding.UTF8.GetString(bytes, from, Math.Min(bytes.Length, at + 80) - from);
        var text = Encoding.UTF8.GetString(actual);
        var errors = text.StartsWith("{\"errors\"", StringComparison.Ordinal) ? $"\n  {text[..Math.Min(text.Length, 2000)]}" : "";
        return $"first difference at byte {at}:\n  expected …{Around(expected)}…\n  actual   …{Around(actual)}…{errors}";
    }
}
