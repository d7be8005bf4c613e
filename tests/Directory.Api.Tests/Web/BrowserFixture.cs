using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    private HttpClient? _http;

    /// <summary>Why the browser tests cannot run here (no Chromium), or null when they can.</summary>
    public string? UnavailableReason { get; private set; }

    public Uri BaseAddress => _app?.BaseAddress ?? throw new InvalidOperationException(UnavailableReason);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(UnavailableReason);

    /// <summary>The running service's container: its signing options and its database.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException(UnavailableReason);

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
        _http = new HttpClient { BaseAddress = _app.BaseAddress };
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
        _http?.Dispose();
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

    /// <summary>A real token, signed with the service's key (the Development key), valid for ten minutes.</summary>
    public string Token(string role, string? organisation = null) =>
        Tokens.Create(Services.GetRequiredService<AuthOptions>(), role, organisation, TimeSpan.FromMinutes(10));

    /// <summary>A context on the service's own database, to choose test subjects and compute expectations.</summary>
    public DirectoryDbContext Database() =>
        Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContext();

    /// <summary>Asks the API over real HTTP, as a client holding <paramref name="token"/> (or none); returns <c>data</c>.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null, string? token = null)
    {
        var http = _http ?? throw new InvalidOperationException(UnavailableReason);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        document.RootElement.TryGetProperty("errors", out var errors).ShouldBeFalse($"the API answered with errors: {body}");
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>
    /// Every node of a paged connection: <paramref name="query"/> takes <c>$after</c> and selects
    /// <c>pageInfo { hasNextPage endCursor } nodes { … }</c> of the field <paramref name="connection"/>.
    /// </summary>
    public async Task<List<JsonElement>> AllNodesAsync(string query, string connection, Dictionary<string, object?>? variables = null)
    {
        var nodes = new List<JsonElement>();
        var arguments = new Dictionary<string, object?>(variables ?? []) { ["after"] = null };
        while (true)
        {
            var page = (await GraphQLAsync(query, arguments)).GetProperty(connection);
            nodes.AddRange(page.GetProperty("nodes").EnumerateArray());
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                return nodes;
            }

            arguments["after"] = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
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
