using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>The dashboard at <c>/</c> in headless Chromium, against the real service on Kestrel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_dashboard_loads_its_shell_without_script_errors()
    {
        await using var session = await browser.OpenAsync();

        await session.OpenDashboardAsync();

        (await session.Page.TitleAsync()).ShouldBe("Commissioning Directory");
        (await session.Page.Locator("main h1").TextContentAsync()).ShouldBe("The national picture");
        var navigation = session.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        (await navigation.GetByRole(AriaRole.Link).AllTextContentsAsync())
            .ShouldBe(["National picture", "Map", "Who commissions here", "Organisations", "National contact list", "Contacts", "Contracts", "Partnerships", "Funding", "GraphiQL"]);
        (await session.Page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("anonymous");
        // The view finished: either the national picture or a clearly announced error, never a stuck spinner.
        (await session.Page.Locator("main [data-section], main [role=alert]").CountAsync()).ShouldBeGreaterThan(0);
        await session.ScreenshotAsync("dashboard-desktop");
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task The_keyboard_alone_reaches_every_view_and_focus_follows()
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync();
        var page = session.Page;

        // The first Tab lands on the skip link, which moves focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        (await ActiveElementTextAsync(page)).ShouldBe("Skip to main content");
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("main");

        foreach (var (linkText, hash, view, heading) in new[]
                 {
                     ("Contacts", "#/contacts", "contacts", "Contacts"),
                     ("National contact list", "#/national-list", "national-list", "National contact list"),
                     ("Organisations", "#/organisations", "organisations", "Organisations"),
                     ("National picture", "#/", "national", "The national picture"),
                 })
        {
            await page.Keyboard.PressAsync("Shift+Tab"); // back out of main, towards the header
            await TabToAsync(page, linkText);
            // The focused link is visibly marked (the yellow focus background).
            (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).backgroundColor"))
                .ShouldBe("rgb(255, 221, 0)");
            await page.Keyboard.PressAsync("Enter");
            await session.WaitForViewAsync(view);

            new Uri(page.Url).Fragment.ShouldBe(hash);
            (await page.EvaluateAsync<string>("document.activeElement.tagName")).ShouldBe("H1");
            (await ActiveElementTextAsync(page)).ShouldBe(heading);
            (await page.Locator($"nav a[aria-current=page]").TextContentAsync()).ShouldBe(linkText);
        }

        await session.ScreenshotAsync("dashboard-keyboard");
        session.PageErrors.ShouldBeEmpty();
    }

    [SkippableTheory]
    [InlineData("#/", "national")]
    [InlineData("#/contacts", "contacts")]
    [InlineData("#/organisations", "organisations")]
    [InlineData("#/organisation/E06000001", "organisation")]
    public async Task At_phone_width_no_view_scrolls_sideways(string route, string name)
    {
        await using var session = await browser.OpenAsync(width: 375, height: 812);

        await session.OpenDashboardAsync(route);

        var widths = await session.Page.EvaluateAsync<int[]>(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], $"{route} is wider than the 375px viewport");
        await session.ScreenshotAsync($"phone-{name}");
        session.PageErrors.ShouldBeEmpty();
    }

    [SkippableTheory]
    [InlineData("#/", "national", 1280)]
    [InlineData("#/", "national", 375)]
    [InlineData("#/contacts", "contacts", 1280)]
    [InlineData("#/contacts", "contacts", 375)]
    [InlineData("#/organisations", "organisations", 1280)]
    [InlineData("#/organisations", "organisations", 375)]
    [InlineData("#/organisation/E06000001", "organisation", 1280)]
    [InlineData("#/organisation/E06000001", "organisation", 375)]
    public async Task Every_view_has_no_serious_accessibility_violations(string route, string name, int width)
    {
        await using var session = await browser.OpenAsync(width: width, height: 900);

        await session.OpenDashboardAsync(route);

        await session.AssertAccessibleAsync(name);
        await session.ScreenshotAsync($"axe-{name}-{width}");
    }

    [SkippableFact]
    public async Task Pasting_a_token_signs_in_and_the_page_shows_the_viewers_role()
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync();
        var page = session.Page;
        (await page.GetByRole(AriaRole.Link, new() { Name = "My organisation" }).IsVisibleAsync()).ShouldBeFalse();

        await page.GetByText("Sign in with a token").ClickAsync();
        await page.GetByLabel("Token").FillAsync(DevelopmentToken("partner", "E06000001"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await session.WaitForViewAsync();

        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("partner");
        (await page.Locator("[data-viewer-org]").TextContentAsync()).ShouldBe("of E06000001");
        (await page.Locator("[data-viewer-description]").TextContentAsync()).ShouldNotBeNull().ShouldContain("partner organisation");
        var myOrganisation = page.GetByRole(AriaRole.Link, new() { Name = "My organisation" });
        (await myOrganisation.GetAttributeAsync("href")).ShouldBe("#/organisation/E06000001");
        (await page.EvaluateAsync<string>("sessionStorage.getItem('directory.token')")).ShouldNotBeNull();
        await session.ScreenshotAsync("signed-in-partner");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await session.WaitForViewAsync();
        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("anonymous");
        (await myOrganisation.IsVisibleAsync()).ShouldBeFalse();
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('directory.token')")).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Text_that_is_not_a_token_is_refused_with_a_message()
    {
        await using var session = await browser.OpenAsync();
        await session.OpenDashboardAsync();
        var page = session.Page;

        await page.GetByText("Sign in with a token").ClickAsync();
        await page.GetByLabel("Token").FillAsync("not a token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = page.Locator("[data-sign-in-error]");
        (await alert.IsVisibleAsync()).ShouldBeTrue();
        (await alert.TextContentAsync()).ShouldNotBeNull().ShouldContain("not a JSON Web Token");
        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("anonymous");
    }

    [SkippableFact]
    public async Task Exports_are_offered_only_to_a_signed_in_viewer_and_ask_for_a_purpose()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        await session.OpenDashboardAsync("#/contacts");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).CountAsync()).ShouldBe(0);
        (await page.Locator("[data-section=export]").TextContentAsync()).ShouldNotBeNull().ShouldContain("need a signed-in user");

        await page.EvaluateAsync("t => sessionStorage.setItem('directory.token', t)", DevelopmentToken("commissioner-office", null));
        await page.ReloadAsync();
        await session.WaitForViewAsync();

        var purpose = page.GetByLabel("Purpose of the export (recorded in the audit log)");
        (await purpose.GetAttributeAsync("required")).ShouldNotBeNull();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).IsVisibleAsync()).ShouldBeTrue();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Export XLSX" }).IsVisibleAsync()).ShouldBeTrue();
        // Without a purpose the browser's own validation stops the export before any request is made.
        await page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync();
        (await purpose.EvaluateAsync<bool>("e => e.validity.valueMissing")).ShouldBeTrue();
        session.Requests.ShouldNotContain(url => url.Contains("/exports/", StringComparison.Ordinal));
        await session.ScreenshotAsync("contacts-signed-in");
    }

    [SkippableFact]
    public async Task Every_form_control_has_a_label()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("/").ToString());
        await page.EvaluateAsync("t => sessionStorage.setItem('directory.token', t)", DevelopmentToken("commissioner-office", null));

        foreach (var route in new[] { "#/", "#/contacts", "#/organisations" })
        {
            await session.OpenDashboardAsync(route);
            var unlabelled = await page.EvaluateAsync<string[]>(
                """
                [...document.querySelectorAll('input, select, textarea')]
                  .filter(c => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
                  .map(c => c.outerHTML)
                """);
            unlabelled.ShouldBeEmpty($"unlabelled controls on {route}");
            var unlabelledButtons = await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('button')].filter(b => !b.textContent.trim() && !b.getAttribute('aria-label')).map(b => b.outerHTML)");
            unlabelledButtons.ShouldBeEmpty($"buttons without a name on {route}");
        }
    }

    private static async Task<string> ActiveElementTextAsync(IPage page) =>
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim();

    private static async Task TabToAsync(IPage page, string text)
    {
        for (var presses = 0; presses < 25; presses++)
        {
            if (await ActiveElementTextAsync(page) == text)
            {
                return;
            }

            await page.Keyboard.PressAsync("Shift+Tab");
        }

        throw new ShouldAssertException($"Shift+Tab never reached the link “{text}”.");
    }

    /// <summary>
    /// A JWT-shaped token for the client-side display of the viewer (the page only decodes the payload). It is not
    /// signed, so the service treats requests carrying it as unauthenticated.
    /// </summary>
    internal static string DevelopmentToken(string role, string? organisation)
    {
        static string Encode(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = new Dictionary<string, object> { ["sub"] = "browser-test", ["role"] = role, ["exp"] = 4_102_444_800 };
        if (organisation is not null)
        {
            payload["org"] = organisation;
        }

        return $"{Encode(new { alg = "HS256", typ = "JWT" })}.{Encode(payload)}.{Convert.ToBase64String(Encoding.UTF8.GetBytes("unsigned")).TrimEnd('=')}";
    }
}
