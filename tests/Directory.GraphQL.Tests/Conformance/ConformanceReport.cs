namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Writes each suite's agreement summary to <c>.artifacts/conformance/&lt;suite&gt;.txt</c> (git-ignored build output),
/// so the counts in docs/conformance.md can be refreshed from the last run.
/// </summary>
public static class ConformanceReport
{
    public static void Write(string suite, string summary, IEnumerable<string> disagreeingIds, IEnumerable<string> messageDifferences)
    {
        var folder = Path.Combine(NodeHarness.RepositoryRoot, ".artifacts", "conformance");
        System.IO.Directory.CreateDirectory(folder);
        var lines = new List<string> { summary, "disagreeing:" };
        lines.AddRange(disagreeingIds.Select(id => "  " + id));
        lines.Add("agreeing, but with different messages:");
        lines.AddRange(messageDifferences.Select(entry => "  " + entry.Replace("\n", "\n    ", StringComparison.Ordinal)));
        File.WriteAllLines(Path.Combine(folder, suite + ".txt"), lines);
    }
}
