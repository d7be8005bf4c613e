using System.Text;
using Directory.Api.Exports;

namespace Directory.Api.Tests.Exports;

/// <summary>
/// The CSV writer against the ways a spreadsheet in any common locale could split a line: whatever separator it
/// assumes (comma, semicolon, tab, pipe), and whether or not it honours our quotes, no piece of a cell starts a formula.
/// </summary>
public sealed class CsvExportTests
{
    private static readonly string[] Hostile =
    [
        "a;=1+1", "a,=1+1", "a\t=1+1", "a|=1+1", "a; =1+1", "x;+44 20 7946 0000", "x|-2+3", "x,@SUM(A1)", "=HYPERLINK(\"http://evil.example\")",
        "-1", "+1", "@x", "\t=1", "\r=1", "line\n=1+1", "line\r\n@cmd", "a;;=1", ";=1", "|=1", "plain text", "O'Brien; Head of =Service",
    ];

    private static string Written(params string[] cells)
    {
        var table = new ExportTable([.. cells.Select((_, i) => new ExportColumn("c" + i, "Column " + i))]);
        table.Add(null, cells);
        var text = Encoding.UTF8.GetString(CsvExport.Write(table));
        return text[(text.IndexOf("\r\n", StringComparison.Ordinal) + 2)..]; // after the BOM and the heading row
    }

    public static TheoryData<char> Separators() => [',', ';', '\t', '|'];

    [Theory]
    [MemberData(nameof(Separators))]
    public void Split_naively_on_any_locales_separator_or_line_break_no_piece_starts_a_formula(char separator)
    {
        var line = Written(Hostile);

        var pieces = line.Replace("\"", "", StringComparison.Ordinal).Split([separator, '\r', '\n']);

        pieces.Select(p => p.TrimStart(' ')).Where(p => p.Length > 0 && p[0] is '=' or '+' or '-' or '@').ShouldBeEmpty();
    }

    [Theory]
    [InlineData("a;=1+1", "\"a;'=1+1\"")]
    [InlineData("a|=1+1", "\"a|'=1+1\"")]
    [InlineData("a\t@x", "\"a\t'@x\"")]
    [InlineData("a; -2", "\"a; '-2\"")]
    [InlineData("Lead, \"VAWG\"", "\"Lead, \"\"VAWG\"\"\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("\t1", "\"'\t1\"")]
    [InlineData("Head of Service - DA", "Head of Service - DA")]
    [InlineData("jo@x.example", "jo@x.example")]
    public void A_cell_is_quoted_when_it_holds_any_separator_and_neutralised_where_a_cell_could_start(string cell, string expected)
    {
        Written(cell).ShouldBe(expected + "\r\n");
    }
}
