using System.Text;

namespace Directory.Api.Exports;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, every field quoted when it holds a comma, quote, CR or LF, quotes doubled. Cells that
/// a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or CR) are prefixed with an apostrophe, the
/// OWASP defence against CSV injection: a contact's job title must never become a formula in a recipient's Excel.
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

    /// <summary>Prefixes a cell that a spreadsheet would evaluate, so it is shown as text.</summary>
    public static string Neutralise(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static void AppendField(StringBuilder text, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(field);
            return;
        }
        text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
