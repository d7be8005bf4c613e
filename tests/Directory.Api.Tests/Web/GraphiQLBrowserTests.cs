using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>GraphiQL at <c>GET /graphql</c> in headless Chromium: bundled, served by the service, no CDN.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphiQLBrowserTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task GraphiQL_loads_with_its_editor_and_every_request_stays_on_the_service()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        // GraphiQL's first POST to its endpoint is the introspection query that feeds the editor and the docs.
        var introspection = page.WaitForResponseAsync(r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/graphql");
        var response = await page.GotoAsync(session.Url("/graphql").ToString());

        response.ShouldNotBeNull().Status.ShouldBe(200);
        (await page.TitleAsync()).ShouldContain("GraphiQL");
        await page.Locator(".graphiql-container").WaitForAsync();
        // Monaco (the query editor) renders and starts its bundled language-service workers.
        await page.Locator(".graphiql-query-editor .monaco-editor").WaitForAsync();
        (await introspection).Status.ShouldBe(200);
        (await (await introspection).TextAsync()).ShouldContain("\"__schema\"");
        await session.WaitForRequestAsync(url => url.Contains("/app/workers/graphql.js", StringComparison.Ordinal));
        // The schema reached the documentation explorer: it lists the root query type.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show Documentation Explorer" }).ClickAsync();
        await page.Locator(".graphiql-doc-explorer").GetByText("Query", new() { Exact = true }).First.WaitForAsync();
        await session.ScreenshotAsync("graphiql");

        var origin = browser.BaseAddress.GetLeftPart(UriPartial.Authority);
        session.Requests.ShouldNotBeEmpty();
        session.Requests
            .Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal))
            .ShouldAllBe(url => url.StartsWith(origin + "/", StringComparison.Ordinal));
        session.Requests.ShouldContain(url => url.EndsWith("/app/graphiql.js", StringComparison.Ordinal));
        session.Requests.ShouldContain(url => url.Contains("/app/workers/", StringComparison.Ordinal));
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }
}
