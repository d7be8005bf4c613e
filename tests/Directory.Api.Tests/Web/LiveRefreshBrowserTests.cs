using Directory.Api.Auth;
using Directory.Api.Tests.Live;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data.Changes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// Live refresh (issue 19 §3): an open organisation page shows a change made through the API by someone else, without
/// a reload, because the dashboard listens to Subscription.directoryChanged. The service is one of its own: the change
/// renames an organisation, which the other browser tests' service must not see.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveRefreshBrowserTests(BrowserFixture browser)
{
    private const string Hartlepool = "E06000001";

    [SkippableFact]
    public async Task An_open_organisation_page_shows_a_rename_made_through_the_API_without_a_reload()
    {
        Skip.If(browser.UnavailableReason is not null, browser.UnavailableReason);
        using var app = new KestrelDirectoryApp();
        var endpoint = new Uri(app.Start(), "/graphql");
        var feed = app.Services.GetRequiredService<DirectoryChangeFeed>();
        var listenersBefore = feed.ListenerCount;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        await page.GotoAsync($"/#/organisation/{Hartlepool}");
        await page.Locator("main[data-ready=true]").WaitForAsync();
        var heading = page.Locator("main h1");
        var office = LiveUpdatesTests.TokenFor(app, Roles.CommissionerOffice);
        var organisation = (await LiveUpdatesTests.RunAsync(endpoint, "query ($code: String!) { organisation(code: $code) { id name version } }", new { code = Hartlepool }, office))
            .GetProperty("data").GetProperty("organisation");
        (await heading.TextContentAsync()).ShouldBe(organisation.GetProperty("name").GetString());
        // The page's own subscription is in place on the server before the change, so the change cannot precede it.
        await LiveUpdatesTests.WaitUntilAsync(() => feed.ListenerCount > listenersBefore);
        // Anything a reload would lose: it must still be there when the new name shows.
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var renamed = "Hartlepool Borough Council " + Guid.NewGuid().ToString("N")[..6];
        var result = await LiveUpdatesTests.RunAsync(endpoint, "mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { errors { message } } }",
            new { input = new { id = organisation.GetProperty("id").GetString(), version = organisation.GetProperty("version").GetInt32(), name = renamed } }, office);
        result.GetProperty("data").GetProperty("updateOrganisation").GetProperty("errors").GetArrayLength().ShouldBe(0, result.GetRawText());

        await page.WaitForFunctionAsync("name => document.querySelector('main h1')?.textContent === name", renamed);
        (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the page showed the change by reloading");
        (await page.TitleAsync()).ShouldStartWith(renamed);
        pageErrors.ShouldBeEmpty();
    }
}
