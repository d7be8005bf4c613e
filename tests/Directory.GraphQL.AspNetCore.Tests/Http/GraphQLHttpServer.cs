using Directory.GraphQL.Execution;
using Directory.GraphQL.Http;
using Directory.GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Directory.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// A real Kestrel server on a loopback port serving a small schema through the engine's HTTP endpoint, so the HTTP
/// tests speak real HTTP (as graphql-http's audit does) rather than calling the handler in memory.
/// </summary>
public sealed class GraphQLHttpServer : IAsyncLifetime
{
    public const int MaxBodyBytes = 4096;

    public const string Sdl = """
        type Query {
          hello(name: String = "world"): String!
          extension(key: String!): String
          broken: String
        }

        type Mutation {
          increment: Int!
        }
        """;

    private WebApplication? _app;
    private int _counter;

    public HttpClient Client { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public int Counter => _counter;

    public async Task InitializeAsync()
    {
        var schema = SchemaBuilder.FromSdl(Sdl)
            .Resolve("Query", "hello", ctx => $"Hello, {ctx.GetArgument<string>("name")}!")
            .Resolve("Query", "extension", ctx =>
                ctx.Extensions.TryGetValue(ctx.GetArgument<string>("key")!, out var value) ? value.ToString() : null)
            .Resolve("Query", "broken", _ => throw new InvalidOperationException("secret internal detail"))
            .Resolve("Mutation", "increment", _ => Interlocked.Increment(ref _counter))
            .Build();

        (_app, Endpoint) = await StartAsync(schema, new GraphQLHttpOptions { MaxRequestBodyBytes = MaxBodyBytes });
        Client = new HttpClient();
    }

    /// <summary>Kestrel on a free loopback port serving <paramref name="schema"/> at /graphql; returns the endpoint.</summary>
    public static async Task<(WebApplication App, Uri Endpoint)> StartAsync(Schema schema, GraphQLHttpOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGraphQL("/graphql", new RequestExecutor(schema), options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address + "/graphql"));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
