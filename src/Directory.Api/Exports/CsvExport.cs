using System.Text;

namespace Directory.Api.Exports;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, quotes doubled, and every field quoted when it holds a quote, CR, LF or the field
/// separator of any common locale (comma; semicolon where the decimal mark is a comma; tab; pipe), so a spreadsheet
/// that splits on another separator than ours still keeps the cell whole. A formula start (<c>= + - @</c>, tab or
/// CR) at the beginning of a cell, and <c>= + - @</c> after any of those separators or a line break inside it, gets an
/// apostrophe in front, the OWASP defence against CSV injection: <c>a;=1+1</c> opened where <c>;</c> separates
/// fields must not leave <c>=1+1</c> at the start of a cell.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    public static byte[] Write(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        AppendRow(text, table.Headings);
        foreach (var row in table.Rows)
        {
            AppendRow(text, row);
        }
        // A byte-order mark, so that Excel reads the file as UTF-8 (accented names) rather than the system code page.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            AppendField(text, Neutralise(cells[i] ?? ""));
        }
        text.Append("\r\n");
    }

    /// <summary>Where a spreadsheet may start a new cell: the separators of common locales and line breaks.</summary>
    private const string CellBoundaries = ",;\t|\r\n";

    /// <summary>Prefixes with an apostrophe every place in a cell where a spreadsheet could see a formula start.</summary>
    public static string Neutralise(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length == 0)
        {
            return cell;
        }
        var text = new StringBuilder(cell.Length + 2);
        if (cell[0] is '\t' or '\r')
        {
            text.Append('\'');
        }
        var atCellStart = true;
        foreach (var c in cell)
        {
            if (atCellStart && c is '=' or '+' or '-' or '@')
            {
                text.Append('\'');
            }
            text.Append(c);
            // Spaces after a separator do not end the search: some spreadsheets trim them before reading a formula.
            atCellStart = CellBoundaries.Contains(c, StringComparison.Ordinal) || (atCellStart && c == ' ');
        }
        return text.ToString();
    }

    private static void AppendField(StringBuilder text, string field)
    {
        if (field.AsSpan().IndexOfAny(CellBoundaries + "\"") < 0)
        {
            text.Append(field);
            return;
        }
        text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
