using Directory.Api.Web;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Http;
using Directory.GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Directory.Api.Tests.Web;

/// <summary>
/// GraphiQL's documentation explorer against our own engine serving the API contract (schema/directory.graphql):
/// GraphiQL's introspection query runs through the real GraphQL-over-HTTP endpoint, and the explorer shows the
/// schema's descriptions. No resolvers are needed for introspection, so this runs before the API's resolvers exist.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphiQLSchemaBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _address = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        if (browser.UnavailableReason is not null)
        {
            return;
        }

        var schema = SchemaBuilder.FromSdl(await File.ReadAllTextAsync(ContractPath())).Build(BuildOptions.TypesOnly);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDirectoryWeb(builder.Configuration);
        _app = builder.Build();
        _app.MapDirectoryWeb();
        _app.MapGraphQL("/graphql", new RequestExecutor(schema));
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_documentation_explorer_shows_the_contracts_descriptions()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        await page.GotoAsync(new Uri(_address, "/graphql").ToString());
        await page.Locator(".graphiql-query-editor .monaco-editor").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show Documentation Explorer" }).ClickAsync();
        await page.Locator(".graphiql-doc-explorer").GetByText("Query", new() { Exact = true }).First.ClickAsync();

        // The description of Query.mappingReport, as written in the contract.
        await page.GetByText("The aggregates of a mapping survey, as published in the mapping report.").First.WaitForAsync();
        await session.ScreenshotAsync("graphiql-documentation");
        session.Requests
            .Where(url => url.StartsWith("http", StringComparison.Ordinal))
            .ShouldAllBe(url => url.StartsWith(_address.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal));
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    private static string ContractPath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "schema", "directory.graphql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("schema/directory.graphql was not found above the test output folder.");
    }
}
