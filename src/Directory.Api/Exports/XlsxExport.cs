using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Directory.Api.Exports;

/// <summary>
/// An Excel workbook with two sheets: the rows, and "Data protection" stating the terms, the purpose, who exported
/// it, when, with which filter. Every cell is an inline string, so no cell can ever be a formula.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(ExportTable table, ExportManifest manifest, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(manifest);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());

            var rows = new List<IReadOnlyList<string?>> { table.Headings };
            rows.AddRange(table.Rows);
            AddSheet(workbook, sheets, 1, sheetName, rows);

            IReadOnlyList<string?>[] terms =
            [
                ["Data protection terms"],
                [ExportManifest.Terms],
                [],
                ["Purpose", manifest.Purpose],
                ["Exported by", manifest.ExportedBy],
                ["Exported at (UTC)", manifest.ExportedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)],
                ["Export key", manifest.ExportKey],
                ["List", manifest.List],
                ["Filter", System.Text.Json.JsonSerializer.Serialize(manifest.Filter)],
                ["Rows", manifest.RowCount.ToString(CultureInfo.InvariantCulture)],
            ];
            AddSheet(workbook, sheets, 2, "Data protection", terms);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint rowIndex = 1;
        foreach (var cells in rows)
        {
            var row = new Row { RowIndex = rowIndex };
            for (var column = 0; column < cells.Count; column++)
            {
                if (cells[column] is not { Length: > 0 } text)
                {
                    continue;
                }
                row.AppendChild(new Cell
                {
                    CellReference = ColumnName(column) + rowIndex.ToString(CultureInfo.InvariantCulture),
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
                });
            }
            data.AppendChild(row);
            rowIndex++;
        }
        part.Worksheet = new Worksheet(data);
        part.Worksheet.Save();
        sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>
    /// The text with every character XML 1.0 cannot hold (control characters other than tab and line breaks, lone
    /// surrogates, U+FFFE/U+FFFF) replaced by U+FFFD: the writer throws on them, so one stray control character in a
    /// job title would fail the whole export. Shown as the replacement character, the cell says something was there.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var safe = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(System.Xml.XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }
        return safe.ToString();
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }
}
