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
        var download = await DownloadAsync(session, $"[data-section={section}] [data-download=csv]");
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
        var download = await DownloadAsync(session, $"[data-section={section}] [data-download=png]");
        var path = await SaveAsync(session, download, savedAs);
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A JSON number as the invariant text a table's <c>data-value</c> holds, compared as numbers.</summary>
    public static void ShouldEqualNumber(this string? shown, JsonElement expected, string because) =>
        double.Parse(shown.ShouldNotBeNull(because), CultureInfo.InvariantCulture).ShouldBe(expected.GetDouble(), because);

    /// <summary>
    /// Clicks a download button on a freshly loaded page. Chromium limits automatic downloads per tab: once a tab has
    /// downloaded, a further download the browser does not count as following a user gesture asks the user first —
    /// and headless Chromium never answers, so that download and every later one in the tab wait for ever (seen as a
    /// missing download event after some twenty quick downloads in one tab, only when the machine was fast). A
    /// navigation resets the limit; the view, its route and the sign-in (session storage) survive the reload.
    /// </summary>
    private static async Task<IDownload> DownloadAsync(BrowserSession session, string button)
    {
        await session.Page.ReloadAsync();
        await session.WaitForViewAsync();
        return await session.Page.RunAndWaitForDownloadAsync(() => session.Page.Locator(button).ClickAsync());
    }

    private static async Task<string> SaveAsync(BrowserSession session, IDownload download, string savedAs)
    {
        var folder = Path.Combine(session.ScreenshotDirectory, "downloads");
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, savedAs);
        await download.SaveAsAsync(path);
        return path;
    }
}
