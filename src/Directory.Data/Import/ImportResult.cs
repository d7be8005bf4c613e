namespace Directory.Data.Import;

/// <summary>
/// One problem with the imported data. <see cref="Line"/> is the 1-based line of the CSV file (the header is line 1;
/// 0 when the problem is with the file as a whole) and <see cref="Column"/> the header name of the offending cell.
/// </summary>
public sealed record ImportProblem(string File, int Line, string Column, string Reason)
{
    /// <summary><c>file:line:column: reason</c>, the form the command line prints.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}";
}

/// <summary>
/// What an import did to one entity: rows inserted, updated in place, found already up to date, and deleted (staff
/// lines, services and partnership members of an imported response/partnership that the folder no longer lists).
/// </summary>
public sealed record EntityCounts(string Entity, int Inserted, int Updated, int Unchanged, int Deleted = 0)
{
    /// <summary>Rows of the folder (deleted rows are not in it).</summary>
    public int Total => Inserted + Updated + Unchanged;

    public override string ToString() =>
        $"{Entity}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged" + (Deleted > 0 ? $", {Deleted} deleted" : "");
}

/// <summary>The outcome of <see cref="SurveyImporter.ImportAsync"/>: either counts per entity, or every problem found.</summary>
public sealed class ImportResult
{
    internal ImportResult(string surveyCode, IReadOnlyList<EntityCounts> counts, IReadOnlyList<ImportProblem> problems, int problemsNotListed)
    {
        SurveyCode = surveyCode;
        Description = $"survey {surveyCode}";
        Counts = counts;
        Problems = problems;
        ProblemsNotListed = problemsNotListed;
    }

    public string SurveyCode { get; }

    /// <summary>What was imported, as the summary names it.</summary>
    public string Description { get; init; }

    /// <summary>True when the data was valid and has been written; false when nothing was written.</summary>
    public bool Succeeded => Problems.Count == 0;

    /// <summary>Per entity, in import order; empty when the import failed.</summary>
    public IReadOnlyList<EntityCounts> Counts { get; }

    /// <summary>Every problem found, in file order (up to <see cref="SurveyImporter.MaxProblemsListed"/>).</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>How many further problems were found beyond the listed ones (a pathological file would otherwise fill memory).</summary>
    public int ProblemsNotListed { get; }

    /// <summary>Contact rows of the folder not imported because the person was erased (an erasure tombstone matched them).</summary>
    public int ErasedContactsSkipped { get; init; }

    /// <summary>True when the import wrote at least one row.</summary>
    public bool ChangedAnything => Counts.Any(c => c.Inserted > 0 || c.Updated > 0 || c.Deleted > 0);

    /// <summary>Writes the counts (on success) or every problem as <c>file:line:column: reason</c> (on failure).</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Succeeded)
        {
            writer.WriteLine($"Imported {Description}:");
            foreach (var count in Counts)
            {
                writer.WriteLine($"  {count}");
            }

            if (ErasedContactsSkipped > 0)
            {
                writer.WriteLine($"  Erased people skipped: {ErasedContactsSkipped} (contact rows matching an erasure's tombstone).");
            }

            return;
        }

        foreach (var problem in Problems)
        {
            writer.WriteLine(problem);
        }

        if (ProblemsNotListed > 0)
        {
            writer.WriteLine($"… and {ProblemsNotListed} more problems.");
        }

        writer.WriteLine($"{Problems.Count + ProblemsNotListed} problems; nothing was imported.");
    }
}
