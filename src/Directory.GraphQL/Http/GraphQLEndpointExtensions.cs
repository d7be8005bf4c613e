using Directory.GraphQL.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Directory.GraphQL.Http;

/// <summary>Maps a GraphQL-over-HTTP endpoint onto an ASP.NET Core route.</summary>
public static class GraphQLEndpointExtensions
{
    /// <summary>
    /// Serves <paramref name="executor"/> at <paramref name="pattern"/> for every HTTP method, so that methods other
    /// than GET and POST get the endpoint's own 405 answer (with an Allow header) rather than a bare 404.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        RequestExecutor executor,
        GraphQLHttpOptions? options = null)
    {
        options ??= new GraphQLHttpOptions();
        var handler = new GraphQLHttpHandler(executor, options);
        if (options.Subscriptions is not { } subscriptions)
        {
            return endpoints.Map(pattern, handler.HandleAsync);
        }
        // Event streams and WebSockets are told apart from plain GraphQL over HTTP by the request alone.
        var streaming = new Subscriptions.StreamingTransports(executor, options, subscriptions);
        return endpoints.Map(pattern, context => streaming.TryHandleAsync(context) is { } handled ? handled : handler.HandleAsync(context));
    }
}
