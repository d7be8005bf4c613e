using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>A page in its own browser context, with everything it logged and requested.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly BrowserFixture _fixture;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _requests = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _requestWaiters = [];

    internal BrowserSession(IBrowserContext context, IPage page, BrowserFixture fixture)
    {
        Context = context;
        Page = page;
        _fixture = fixture;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add(error);
            }
        };
        // Context-wide, so requests made by web workers are seen too.
        context.Request += (_, request) =>
        {
            lock (_requests)
            {
                _requests.Add(request.Url);
                _requestWaiters.RemoveAll(waiter => waiter.Match(request.Url) && waiter.Seen.TrySetResult());
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions in the page.</summary>
    public IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_pageErrors)
            {
                return [.. _pageErrors];
            }
        }
    }

    /// <summary>Every URL the page and its workers requested.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Waits until the page or one of its workers has requested a URL that <paramref name="match"/> accepts (at once
    /// when one already has). Used instead of Playwright's network-idle state: a worker script whose worker Monaco
    /// terminates while it loads is never reported finished, so "idle" may never come (CI of 1947531).
    /// </summary>
    public Task WaitForRequestAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_requests)
        {
            if (_requests.Any(match))
            {
                return Task.CompletedTask;
            }

            _requestWaiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Console errors, except the browser's own "Failed to load resource" line for a GraphQL request that the
    /// service refused: the page reports those itself (an alert), and until the API serves data they are expected.
    /// </summary>
    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return _consoleErrors
                    .Where(e => !(e.StartsWith("Failed to load resource", StringComparison.Ordinal) && e.Contains("/graphql", StringComparison.Ordinal)))
                    .ToList();
            }
        }
    }

    public Uri Url(string relative) => new(_fixture.BaseAddress, relative);

    /// <summary>Where screenshots (and, under downloads/, the files a test downloads) are kept.</summary>
    public string ScreenshotDirectory => _fixture.ScreenshotDirectory;

    /// <summary>Saves a full-page screenshot as TestResults/screenshots/&lt;name&gt;.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(_fixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>
    /// Runs axe-core over the page as it is now and fails, naming each rule, its impact and the elements, when a
    /// violation is serious or critical (issue 17: every view at both widths). Minor and moderate findings are left
    /// to review: axe marks many of them as needing a person's judgement.
    /// </summary>
    public async Task AssertAccessibleAsync(string view)
    {
        var result = await Page.RunAxe();
        var serious = result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at "
                + string.Join("; ", violation.Nodes.Take(5).Select(node => node.Target?.ToString())))
            .ToList();
        Assert.True(serious.Count == 0, $"{view} at {Page.ViewportSize?.Width} px:\n" + string.Join("\n", serious));
    }

    /// <summary>Fails when the document is wider than the viewport (the page would scroll sideways).</summary>
    public async Task AssertNoSidewaysScrollAsync(string view)
    {
        var widths = await Page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{view} is wider than the {Page.ViewportSize?.Width} px viewport");
    }

    /// <summary>Opens a dashboard route (e.g. <c>#/contacts</c>) and waits until the view has finished loading.</summary>
    public async Task OpenDashboardAsync(string hashRoute = "#/")
    {
        await Page.GotoAsync(Url("/" + hashRoute).ToString());
        await WaitForViewAsync();
    }

    /// <summary>Waits until the current view has rendered (successfully or with an error shown).</summary>
    public Task WaitForViewAsync() => Page.Locator("main[data-ready=true]").WaitForAsync();

    /// <summary>
    /// Waits until the view named <paramref name="view"/> (<c>main</c>'s <c>data-view</c>: the route's first segment,
    /// "national" for the national picture) has rendered. After a navigation the view left behind is still marked
    /// ready until the router's hashchange handler runs, so <see cref="WaitForViewAsync()"/> alone may return before it.
    /// </summary>
    public Task WaitForViewAsync(string view) => Page.Locator($"main[data-ready=true][data-view='{view}']").WaitForAsync();

    /// <summary>Signs in as a user would: opens “Sign in with a token”, pastes the token and submits.</summary>
    public async Task SignInAsync(string token)
    {
        await Page.Locator("[data-sign-in] summary").ClickAsync();
        await Page.GetByLabel("Token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitForViewAsync();
    }

    /// <summary>The text a user can read on the whole page (header, view and footer).</summary>
    public Task<string> VisibleTextAsync() => Page.EvaluateAsync<string>("document.body.innerText");

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
