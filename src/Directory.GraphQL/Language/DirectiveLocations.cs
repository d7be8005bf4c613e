namespace Directory.GraphQL.Language;

/// <summary>The directive locations of spec §3.13 (ExecutableDirectiveLocation and TypeSystemDirectiveLocation).</summary>
internal static class DirectiveLocations
{
    public static readonly IReadOnlyList<string> All =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
    ];

    private static readonly HashSet<string> Names = new(All, StringComparer.Ordinal);

    public static bool IsValid(string name) => Names.Contains(name);
}
