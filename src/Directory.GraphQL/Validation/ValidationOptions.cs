namespace Directory.GraphQL.Validation;

/// <summary>
/// How a document is validated: the error cap, whether messages carry "Did you mean …" hints, and the limits of
/// the protection rules that guard the server against expensive documents. A limit set to null switches its rule
/// off. Presets: <see cref="Default"/> (what a null options argument means), <see cref="Production"/> (the same
/// limits with introspection switched off), <see cref="Development"/> (suggestions on) and <see cref="SpecOnly"/>
/// (only the GraphQL specification's rules, as graphql-js runs them).
/// </summary>
public sealed record ValidationOptions
{
    /// <summary>Errors reported before validation gives up (graphql-js `maxErrors`; a DoS guard).</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Append "Did you mean …" hints; they reveal schema names, so the host enables this only in Development.</summary>
    public bool IncludeSuggestions { get; init; }

    /// <summary>Maximum nesting of fields in an operation, fragments followed (null = unlimited).</summary>
    public int? MaxDepth { get; init; } = 15;

    /// <summary>Maximum number of aliased fields in the document (null = unlimited).</summary>
    public int? MaxAliases { get; init; } = 30;

    /// <summary>Maximum number of directives applied in the document (null = unlimited).</summary>
    public int? MaxDirectives { get; init; } = 50;

    /// <summary>Maximum estimated cost of an operation, see <see cref="Rules.MaxCostRule"/> (null = unlimited).</summary>
    public int? MaxCost { get; init; } = 50_000;

    /// <summary>The list size the cost estimate assumes for a list field without a `first`/`last` argument.</summary>
    public int DefaultListSize { get; init; } = 25;

    /// <summary>Whether `__schema` and `__type` may be queried (`__typename` always may).</summary>
    public bool AllowIntrospection { get; init; } = true;

    /// <summary>Protection limits on, introspection allowed, no suggestions.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>Protection limits on, introspection off, no suggestions.</summary>
    public static ValidationOptions Production { get; } = new() { AllowIntrospection = false };

    /// <summary>Protection limits on, introspection allowed, suggestions on.</summary>
    public static ValidationOptions Development { get; } = new() { IncludeSuggestions = true };

    /// <summary>Only the specification's rules: every protection limit off.</summary>
    public static ValidationOptions SpecOnly { get; } = new()
    {
        MaxDepth = null,
        MaxAliases = null,
        MaxDirectives = null,
        MaxCost = null,
    };
}
