namespace Directory.Data.Import;

/// <summary>Collects problems across all files, keeping at most a bounded number of them.</summary>
internal sealed class ProblemList(int maxListed)
{
    private readonly List<ImportProblem> _listed = [];

    public int NotListed { get; private set; }

    public int Count => _listed.Count + NotListed;

    public IReadOnlyList<ImportProblem> Listed => _listed;

    public void Add(string file, int line, string column, string reason)
    {
        if (_listed.Count < maxListed)
        {
            _listed.Add(new ImportProblem(file, line, column, reason));
        }
        else
        {
            NotListed++;
        }
    }
}
