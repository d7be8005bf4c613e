using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Types;

/// <summary>
/// Thrown by <see cref="SchemaBuilder.Build"/> when the SDL, the schema or the bindings have problems. Lists every
/// problem at once; the message joins them with blank lines, as graphql-js's <c>assertValidSchema</c> does.
/// </summary>
public sealed class SchemaValidationException : Exception
{
    /// <summary>An exception listing <paramref name="errors"/>.</summary>
    public SchemaValidationException(IReadOnlyList<GraphQLError> errors)
        : base(string.Join("\n\n", errors.Select(e => e.Message)))
    {
        Errors = errors;
    }

    /// <summary>An exception with no problems listed (for serialisers; the engine never throws it).</summary>
    public SchemaValidationException()
        : this([])
    {
    }

    /// <summary>An exception with one problem.</summary>
    public SchemaValidationException(string message)
        : this([new GraphQLError(message)])
    {
    }

    /// <summary>An exception with one problem and its cause.</summary>
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

    /// <summary>Options that build a schema without requiring resolvers.</summary>
    public static BuildOptions TypesOnly { get; } = new() { RequireResolvers = false };
}
