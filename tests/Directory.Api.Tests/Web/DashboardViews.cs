using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>The steps every dashboard view test takes: open a view signed in, apply its filter form, check it fits.</summary>
internal static class DashboardViews
{
    /// <summary>Opens <paramref name="route"/> and signs in through the page with a real token, as a user would.</summary>
    public static async Task<BrowserSession> OpenSignedInAsync(this BrowserFixture browser, string route, string token, int width = 1280)
    {
        var session = await browser.OpenAsync(width: width, height: 900);
        await session.OpenDashboardAsync(route);
        await session.SignInAsync(token);
        return session;
    }

    /// <summary>Submits the view's filter form with its button and waits for the filtered view.</summary>
    public static async Task ApplyAsync(this BrowserSession session, string button, string routeContains)
    {
        await session.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await session.Page.WaitForURLAsync(url => url.Contains(routeContains, StringComparison.Ordinal));
        await session.WaitForViewAsync();
    }

    /// <summary>
    /// axe-core finds no serious or critical violation, the page does not scroll sideways and no table's scroll box is
    /// wider than its container (issue 17 §7); keeps a screenshot.
    /// </summary>
    public static async Task AssertAccessibleAndFitsAsync(this BrowserSession session, string view, string screenshot)
    {
        await session.AssertAccessibleAsync(view);
        var widths = await session.Page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{view}: the page scrolls sideways");
        var tooWide = await session.Page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('.table-scroll')].filter(box => box.getBoundingClientRect().width > box.parentElement.getBoundingClientRect().width + 1).map(box => box.getAttribute('aria-labelledby'))");
        tooWide.ShouldBeEmpty($"{view}: no table box is wider than its container");
        await session.ScreenshotAsync(screenshot);
        session.PageErrors.ShouldBeEmpty();
    }
}
