namespace Directory.Data.Import;

/// <summary>Collects problems across all files, keeping at most a bounded number of them.</summary>
internal sealed class ProblemList(int maxListed)
{
    private readonly List<ImportProblem> listed = [];

    public int NotListed { get; private set; }

    public int Count => listed.Count + NotListed;

    public IReadOnlyList<ImportProblem> Listed => listed;

    public void Add(string file, int line, string column, string reason)
    {
        if (listed.Count < maxListed)
        {
            listed.Add(new ImportProblem(file, line, column, reason));
        }
        else
        {
            NotListed++;
        }
    }
}
