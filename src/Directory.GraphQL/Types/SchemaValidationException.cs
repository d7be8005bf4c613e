using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Types;

/// <summary>
/// Thrown by <see cref="SchemaBuilder.Build"/> when the SDL, the schema or the bindings have problems. Lists every
/// problem at once; the message joins them with blank lines, as graphql-js's <c>assertValidSchema</c> does.
/// </summary>
public sealed class SchemaValidationException : Exception
{
    public SchemaValidationException(IReadOnlyList<GraphQLError> errors)
        : base(string.Join("\n\n", errors.Select(e => e.Message)))
    {
        Errors = errors;
    }

    public SchemaValidationException()
        : this([])
    {
    }

    public SchemaValidationException(string message)
        : this([new GraphQLError(message)])
    {
    }

    public SchemaValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new GraphQLError(message)];
    }

    /// <summary>Each problem, located in the SDL where possible.</summary>
    public IReadOnlyList<GraphQLError> Errors { get; }
}

/// <summary>Options for <see cref="SchemaBuilder.Build"/>.</summary>
public sealed class BuildOptions
{
    /// <summary>
    /// When true (the default) every object field must end up with a resolver (explicit, bound CLR property or
    /// dictionary lookup) and Build fails naming each field without one. False builds a types-only schema for
    /// validation, printing and tests.
    /// </summary>
    public bool RequireResolvers { get; init; } = true;

    /// <summary>Run schema validation (graphql-js <c>validateSchema</c>). Default true.</summary>
    public bool ValidateSchema { get; init; } = true;

    public static BuildOptions TypesOnly { get; } = new() { RequireResolvers = false };
}
