namespace Directory.Api.Exports;

/// <summary>
/// What an export holds, independent of its file format: column headings, rows of text cells (null = empty) and the
/// keys of the contacts the rows disclose, for the audit log.
/// </summary>
public sealed class ExportTable(IReadOnlyList<ExportColumn> columns)
{
    public IReadOnlyList<ExportColumn> Columns { get; } = columns;

    public IReadOnlyList<string> Headings => [.. Columns.Select(c => c.Heading)];

    public List<string?[]> Rows { get; } = [];

    public SortedSet<string> ContactKeys { get; } = new(StringComparer.Ordinal);

    public void Add(string? contactKey, params string?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"A row needs {Columns.Count} cells, not {cells.Length}.", nameof(cells));
        }
        Rows.Add(cells);
        if (contactKey is not null)
        {
            ContactKeys.Add(contactKey);
        }
    }
}

/// <summary>A column: its JSON property name and its CSV/XLSX heading.</summary>
public sealed record ExportColumn(string Key, string Heading);

/// <summary>The facts about an export that travel with it: on the XLSX terms sheet, in the JSON envelope, in the audit.</summary>
public sealed record ExportManifest(
    string ExportKey,
    string List,
    string Format,
    string Purpose,
    string ExportedBy,
    DateTime ExportedAt,
    IReadOnlyDictionary<string, object?> Filter,
    int RowCount)
{
    /// <summary>The data-protection terms every recipient accepts; shown on the XLSX terms sheet and in the JSON.</summary>
    public const string Terms =
        "This file contains personal data of public-sector professionals, held by the Domestic Abuse Commissioner's " +
        "office under UK GDPR and the Data Protection Act 2018. It holds only the people who agreed, in the mapping " +
        "survey, to their details being shared with recipients like you, or who work for your own organisation. Use it " +
        "only for the purpose stated here. Do not pass it on. Keep it secure, and delete it when that purpose is met " +
        "and in any case within twelve months. If a person asks for their details to be corrected or erased, the " +
        "Commissioner's office will tell you and you must update or delete your copy. This export, with its purpose " +
        "and the people it includes, is recorded in the directory's audit log.";
}
