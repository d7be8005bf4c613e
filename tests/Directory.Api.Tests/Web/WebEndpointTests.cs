using System.Net;
using System.Net.Http.Headers;
using Directory.Api.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Directory.Api.Tests.Web;

/// <summary>
/// What the service answers browsers over HTTP: the dashboard, the bundles, and GraphiQL content negotiation on
/// <c>/graphql</c> with its configuration switch (in-memory host; the browser tests use Kestrel).
/// </summary>
public sealed class WebEndpointTests
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task The_dashboard_page_is_served_at_the_root_with_a_self_only_content_security_policy()
    {
        await using var app = Host("Development");
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<script type=\"module\" src=\"/app/dashboard.js\"></script>");
        html.ShouldContain("<main id=\"main\"");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("connect-src 'self'");
    }

    [Fact]
    public async Task The_bundles_are_embedded_in_the_service_and_served_under_app()
    {
        await using var app = Host("Production");
        using var client = app.CreateClient();

        foreach (var (path, mediaType) in new[]
                 {
                     ("/app/dashboard.js", "text/javascript"),
                     ("/app/dashboard.css", "text/css"),
                     ("/app/graphiql.js", "text/javascript"),
                     ("/app/graphiql.css", "text/css"),
                     ("/app/workers/editor.js", "text/javascript"),
                     ("/app/workers/json.js", "text/javascript"),
                     ("/app/workers/graphql.js", "text/javascript"),
                     ("/app/favicon.svg", "image/svg+xml"),
                 })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            response.Content.Headers.ContentType?.MediaType.ShouldBe(mediaType, path);
            response.Headers.CacheControl?.NoCache.ShouldBe(true, path);
            response.Headers.ETag.ShouldNotBeNull(path);
            (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100, path);
        }
    }

    [Fact]
    public async Task An_unknown_bundle_path_is_not_found()
    {
        await using var app = Host("Development");
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/app/no-such-file.js", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_browser_asking_for_graphql_gets_GraphiQL_in_development()
    {
        await using var app = Host("Development");
        using var client = app.CreateClient();

        using var response = await GetGraphQLAsync(client, BrowserAccept);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"graphiql\"");
        html.ShouldContain("/app/graphiql.js");
        html.ShouldNotContain("https://", Case.Insensitive, "the page loads nothing from elsewhere");
        response.Headers.Vary.ShouldContain("Accept");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/graphql-response+json, text/html;q=0.5")]
    [InlineData("*/*")]
    public async Task A_client_asking_for_json_never_gets_GraphiQL(string accept)
    {
        await using var app = Host("Development");
        using var client = app.CreateClient();

        using var response = await GetGraphQLAsync(client, accept);

        response.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/html");
    }

    [Fact]
    public async Task A_post_to_graphql_is_left_to_the_GraphQL_endpoint_even_from_a_browser()
    {
        await using var app = Host("Development");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ __typename }\"}", new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);

        using var response = await client.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).ShouldNotContain("id=\"graphiql\"");
    }

    [Fact]
    public async Task GraphiQL_is_off_in_production_unless_configured_on()
    {
        await using (var production = Host("Production"))
        {
            using var client = production.CreateClient();
            using var response = await GetGraphQLAsync(client, BrowserAccept);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("id=\"graphiql\"");
        }

        await using (var configuredOn = Host("Production", graphiQL: "true"))
        {
            using var client = configuredOn.CreateClient();
            using var response = await GetGraphQLAsync(client, BrowserAccept);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("id=\"graphiql\"");
        }
    }

    [Fact]
    public async Task GraphiQL_can_be_switched_off_in_development()
    {
        await using var app = Host("Development", graphiQL: "false");
        using var client = app.CreateClient();

        using var response = await GetGraphQLAsync(client, BrowserAccept);

        (await response.Content.ReadAsStringAsync()).ShouldNotContain("id=\"graphiql\"");
    }

    [Theory]
    [InlineData("GET", "/graphql", BrowserAccept, true)]
    [InlineData("HEAD", "/graphql", "text/html", true)]
    [InlineData("GET", "/graphql/", "text/html", true)]
    [InlineData("GET", "/GraphQL", "text/html", true)]
    [InlineData("GET", "/graphql", "text/html;q=0.9, application/json", false)]
    [InlineData("GET", "/graphql", "application/json, text/html", true)]
    [InlineData("GET", "/graphql", "", false)]
    [InlineData("GET", "/graphql", "text/html;q=0", false)]
    [InlineData("POST", "/graphql", "text/html", false)]
    [InlineData("GET", "/graphql/extra", "text/html", false)]
    [InlineData("GET", "/", "text/html", false)]
    public void GraphiQL_is_chosen_by_method_path_and_accept_header(string method, string path, string accept, bool expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (accept.Length > 0)
        {
            context.Request.Headers.Accept = accept;
        }

        DirectoryWebExtensions.IsGraphiQLRequest(context.Request).ShouldBe(expected);
    }

    private static async Task<HttpResponseMessage> GetGraphQLAsync(HttpClient client, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    private static TemporaryHost Host(string environment, string? graphiQL = null) => new(environment, graphiQL);

    /// <summary>The service in memory with an empty database of its own, deleted afterwards.</summary>
    private sealed class TemporaryHost : WebApplicationFactory<Program>
    {
        private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"directory-web-{Guid.NewGuid():N}.db");
        private readonly string _environment;
        private readonly string? _graphiQL;

        public TemporaryHost(string environment, string? graphiQL)
        {
            _environment = environment;
            _graphiQL = graphiQL;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(_environment);
            builder.UseSetting("ConnectionStrings:Directory", $"Data Source={_databasePath}");
            builder.UseSetting("Directory:SampleData", "false");
            if (_graphiQL is not null)
            {
                builder.UseSetting("Web:GraphiQL", _graphiQL);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            foreach (var path in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
