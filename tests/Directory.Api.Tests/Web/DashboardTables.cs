using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>Reads the dashboard's tables and their downloads, for comparing them with the API's answers.</summary>
internal static class DashboardTables
{
    /// <summary>The column headers of the table in <c>[data-section=section]</c>.</summary>
    public static Task<string[]> HeadersAsync(IPage page, string section) =>
        page.Locator($"[data-section={section}] table thead th").AllTextContentsAsync()
            .ContinueWith(t => t.Result.Select(text => text.Trim()).ToArray(), TaskScheduler.Default);

    /// <summary>Each body row of a section's table: every cell's exact value (<c>data-value</c>) or, without one, its text.</summary>
    public static async Task<List<string[]>> RowsAsync(IPage page, string section)
    {
        var rows = await page.Locator($"[data-section={section}] table").EvaluateAsync<string[][]>(
            "table => [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => cell.dataset.value ?? cell.textContent.trim()))");
        return [.. rows];
    }

    /// <summary>The exact value of one column in the row whose header cell's value is <paramref name="key"/>.</summary>
    public static Task<string?> CellAsync(IPage page, string section, string key, string column) =>
        page.Locator($"[data-section={section}] table tbody tr:has(th[data-value=\"{key}\"]) [data-column=\"{column}\"]")
            .GetAttributeAsync("data-value");

    /// <summary>Clicks a section's "Download CSV", saves the file next to the screenshots and parses it.</summary>
    public static async Task<(string FileName, string[] Header, List<string[]> Rows)> DownloadCsvAsync(BrowserSession session, string section, string savedAs)
    {
        var download = await session.Page.RunAndWaitForDownloadAsync(() =>
            session.Page.Locator($"[data-section={section}] [data-download=csv]").ClickAsync());
        var path = await SaveAsync(session, download, savedAs);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord.ShouldNotBeNull();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, header.Length).Select(i => csv.GetField(i) ?? "")]);
        }

        return (download.SuggestedFilename, header, rows);
    }

    /// <summary>Clicks a section's "Download PNG" and returns the file's bytes.</summary>
    public static async Task<(string FileName, byte[] Bytes)> DownloadPngAsync(BrowserSession session, string section, string savedAs)
    {
        var download = await session.Page.RunAndWaitForDownloadAsync(() =>
            session.Page.Locator($"[data-section={section}] [data-download=png]").ClickAsync());
        var path = await SaveAsync(session, download, savedAs);
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A JSON number as the invariant text a table's <c>data-value</c> holds, compared as numbers.</summary>
    public static void ShouldEqualNumber(this string? shown, JsonElement expected, string because) =>
        double.Parse(shown.ShouldNotBeNull(because), CultureInfo.InvariantCulture).ShouldBe(expected.GetDouble(), because);

    private static async Task<string> SaveAsync(BrowserSession session, IDownload download, string savedAs)
    {
        var folder = Path.Combine(session.ScreenshotDirectory, "downloads");
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, savedAs);
        await download.SaveAsAsync(path);
        return path;
    }
}
