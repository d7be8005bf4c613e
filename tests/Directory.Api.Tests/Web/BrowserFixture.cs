using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// One service on Kestrel and one headless Debian Chromium shared by the browser tests. Playwright drives the
/// system browser at /usr/bin/chromium (installed by .ci/browser.sh); it never downloads a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private KestrelDirectoryApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the browser tests cannot run here (no Chromium), or null when they can.</summary>
    public string? UnavailableReason { get; private set; }

    public Uri BaseAddress => _app?.BaseAddress ?? throw new InvalidOperationException(UnavailableReason);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(UnavailableReason);

    /// <summary>Screenshots land in tests/Directory.Api.Tests/TestResults/screenshots (git-ignored).</summary>
    public string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            UnavailableReason = $"{ChromiumPath} is missing: run `bash .ci/browser.sh` (installs Debian's chromium).";
            return;
        }

        _app = new KestrelDirectoryApp();
        _app.Start();
        _playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh temporary profile (user-data dir), removed on close.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
            Timeout = 60_000,
        });
        System.IO.Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (own cookies and sessionStorage) and page, recording what the page does.</summary>
    public async Task<BrowserSession> OpenAsync(int width = 1280, int height = 900)
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, this);
    }

    private static string FindScreenshotDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("DIRECTORY_SCREENSHOTS");
        if (!string.IsNullOrEmpty(overridden))
        {
            return overridden;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.sln")))
            {
                return Path.Combine(folder.FullName, "tests", "Directory.Api.Tests", "TestResults", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
