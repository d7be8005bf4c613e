using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Turns whatever a resolver threw into a response error (graphql-js <c>locatedError</c>): a <see cref="GraphQLError"/>
/// keeps its message and extensions; anything else is an internal error whose message is hidden unless the
/// executor is told to expose it. Stack traces never reach the response.
/// </summary>
internal static class ErrorFormatting
{
    public const string UnexpectedErrorMessage = "Unexpected error.";

    public static GraphQLError Locate(Exception exception, IReadOnlyList<SourceLocation> locations, IReadOnlyList<object> path, bool exposeMessage)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }
        if (exception is GraphQLError error)
        {
            return new GraphQLError(
                error.Message,
                error.Locations.Count > 0 ? error.Locations : locations,
                path,
                extensions: error.Extensions,
                innerException: error.InnerException ?? error);
        }
        return new GraphQLError(
            exposeMessage ? exception.Message : UnexpectedErrorMessage,
            locations,
            path,
            code: ErrorCodes.InternalServerError,
            innerException: exception);
    }
}
