using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Directory.Data.Import;

/// <summary>
/// Streams one CSV file of the import format record by record: checks the header against the expected columns
/// (missing and unknown columns are both problems), then exposes each record's cells by column name with its line.
/// Never holds more than the current record.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly StreamReader _reader;
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _indexByColumn;
    private readonly ProblemList _problems;

    private CsvTable(string fileName, StreamReader reader, CsvReader csv, Dictionary<string, int> indexByColumn, ProblemList problems)
    {
        FileName = fileName;
        _reader = reader;
        _csv = csv;
        _indexByColumn = indexByColumn;
        _problems = problems;
    }

    public string FileName { get; }

    /// <summary>The line of the current record (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>
    /// Opens <paramref name="fileName"/> in <paramref name="folder"/>; null (with the problems reported) when the file
    /// is missing or its header does not have exactly <paramref name="columns"/>.
    /// </summary>
    public static CsvTable? Open(string folder, string fileName, IReadOnlyList<string> columns, ProblemList problems)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            problems.Add(fileName, 0, "", "file is missing");
            return null;
        }

        var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Cells are taken exactly as written; an empty cell means "no value".
            TrimOptions = TrimOptions.None,
            BadDataFound = null,
            MissingFieldFound = null,
        });

        if (!csv.Read())
        {
            problems.Add(fileName, 1, "", "the file is empty: a header row is required");
            csv.Dispose();
            reader.Dispose();
            return null;
        }

        csv.ReadHeader();
        var header = csv.HeaderRecord ?? [];
        var indexByColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerOk = true;
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (!columns.Contains(name))
            {
                problems.Add(fileName, 1, string.IsNullOrEmpty(name) ? $"#{i + 1}" : name, $"unknown column '{name}'");
                headerOk = false;
            }
            else if (!indexByColumn.TryAdd(name, i))
            {
                problems.Add(fileName, 1, name, $"column '{name}' appears more than once");
                headerOk = false;
            }
        }

        foreach (var column in columns.Where(c => !indexByColumn.ContainsKey(c)))
        {
            problems.Add(fileName, 1, column, $"missing column '{column}'");
            headerOk = false;
        }

        if (!headerOk)
        {
            csv.Dispose();
            reader.Dispose();
            return null;
        }

        return new CsvTable(fileName, reader, csv, indexByColumn, problems) { Line = 1 };
    }

    /// <summary>Moves to the next record; records with the wrong number of cells are reported and skipped.</summary>
    public bool Read()
    {
        while (_csv.Read())
        {
            Line = _csv.Parser.RawRow;
            var fieldCount = _csv.Parser.Count;
            if (fieldCount == 1 && string.IsNullOrEmpty(_csv.Parser[0]))
            {
                continue; // A blank line is not a record.
            }

            if (fieldCount != _indexByColumn.Count)
            {
                _problems.Add(FileName, Line, "", $"expected {_indexByColumn.Count} cells, found {fieldCount}");
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>The current record's cell in <paramref name="column"/>; null when empty.</summary>
    public string? this[string column]
    {
        get
        {
            var value = _csv.Parser[_indexByColumn[column]];
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }

    public void Dispose()
    {
        _csv.Dispose();
        _reader.Dispose();
    }
}
