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
        var handler = new GraphQLHttpHandler(executor, options ?? new GraphQLHttpOptions());
        return endpoints.Map(pattern, handler.HandleAsync);
    }
}
