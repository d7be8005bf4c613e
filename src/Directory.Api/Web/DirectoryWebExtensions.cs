using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Directory.Api.Web;

/// <summary>
/// Wires the browser front end into the host: the dashboard at <c>/</c>, its bundles under <c>/app/</c>, and
/// GraphiQL at <c>GET /graphql</c> for requests that ask for HTML. POST and JSON GET requests to <c>/graphql</c>
/// are left to the GraphQL endpoint.
/// </summary>
public static class DirectoryWebExtensions
{
    /// <summary>The URL path under which the bundles are served.</summary>
    public const string AssetPath = "/app";

    /// <summary>The GraphQL endpoint, where browsers get GraphiQL.</summary>
    public const string GraphQLPath = "/graphql";

    // Everything the pages load comes from this service: the policy makes the browser refuse anything else, so
    // the "works offline, no CDN" promise is enforced, not just intended. Inline styles are needed by GraphiQL's
    // editor (Monaco) and Chart.js; workers are the bundled Monaco language services.
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Registers the front end's options (<c>Web</c> section) and its embedded files.</summary>
    public static IServiceCollection AddDirectoryWeb(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<DirectoryWebOptions>(configuration.GetSection(DirectoryWebOptions.SectionName));
        services.AddSingleton<ClientAppFiles>();
        return services;
    }

    /// <summary>
    /// Serves the dashboard, its bundles and (when enabled) GraphiQL. Call after <c>builder.Build()</c> and before
    /// the GraphQL endpoint is mapped; the GraphiQL check runs as middleware, ahead of endpoint execution.
    /// </summary>
    public static WebApplication MapDirectoryWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = app.Services.GetRequiredService<ClientAppFiles>();
        var options = app.Services.GetRequiredService<IOptions<DirectoryWebOptions>>().Value;
        var graphiQL = options.GraphiQLEnabled(app.Environment);

        if (!files.IsBuilt)
        {
            app.Logger.LogWarning(
                "The web front end is not built into this assembly (npm was unavailable at build time): / and GraphiQL answer 404.");
        }

        if (graphiQL)
        {
            app.Use(async (context, next) =>
            {
                if (IsGraphiQLRequest(context.Request) && files.GraphiQLPage.Exists)
                {
                    await SendPageAsync(context, files.GraphiQLPage);
                    return;
                }

                await next(context);
            });
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files.Files,
            RequestPath = AssetPath,
            ContentTypeProvider = ContentTypes(),
            OnPrepareResponse = context =>
            {
                // The bundle names carry no hash, so browsers revalidate (cheaply, by ETag) instead of caching blindly.
                context.Context.Response.Headers.CacheControl = "no-cache";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });

        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            if (!files.DashboardPage.Exists)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await SendPageAsync(context, files.DashboardPage);
        }).ExcludeFromDescription();

        return app;
    }

    /// <summary>
    /// A browser navigating to /graphql: GET or HEAD whose Accept header ranks text/html at least as high as the
    /// GraphQL response types (GraphQL over HTTP lets a server answer such requests with an IDE).
    /// </summary>
    internal static bool IsGraphiQLRequest(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        if (!string.Equals(request.Path.Value?.TrimEnd('/'), GraphQLPath, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double html = -1, json = 0;
        foreach (var type in accepted)
        {
            var quality = type.Quality ?? 1.0;
            var name = type.MediaType.Value ?? string.Empty;
            if (name.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (name.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || name.Equals("application/graphql-response+json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return html > 0 && html >= json;
    }

    private static async Task SendPageAsync(HttpContext context, IFileInfo page)
    {
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = page.Length;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.Vary = HeaderNames.Accept;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var stream = page.CreateReadStream();
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".txt"] = "text/plain; charset=utf-8";
        provider.Mappings[".js"] = "text/javascript; charset=utf-8";
        return provider;
    }
}
