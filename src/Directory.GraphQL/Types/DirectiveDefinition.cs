using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>Where a directive may appear (spec §3.13 DirectiveLocations), in the spec's order.</summary>
public enum DirectiveLocation
{
    /// <summary>The <c>QUERY</c> location.</summary>
    Query,
    /// <summary>The <c>MUTATION</c> location.</summary>
    Mutation,
    /// <summary>The <c>SUBSCRIPTION</c> location.</summary>
    Subscription,
    /// <summary>The <c>FIELD</c> location.</summary>
    Field,
    /// <summary>The <c>FRAGMENT_DEFINITION</c> location.</summary>
    FragmentDefinition,
    /// <summary>The <c>FRAGMENT_SPREAD</c> location.</summary>
    FragmentSpread,
    /// <summary>The <c>INLINE_FRAGMENT</c> location.</summary>
    InlineFragment,
    /// <summary>The <c>VARIABLE_DEFINITION</c> location.</summary>
    VariableDefinition,
    /// <summary>The <c>SCHEMA</c> location.</summary>
    Schema,
    /// <summary>The <c>SCALAR</c> location.</summary>
    Scalar,
    /// <summary>The <c>OBJECT</c> location.</summary>
    Object,
    /// <summary>The <c>FIELD_DEFINITION</c> location.</summary>
    FieldDefinition,
    /// <summary>The <c>ARGUMENT_DEFINITION</c> location.</summary>
    ArgumentDefinition,
    /// <summary>The <c>INTERFACE</c> location.</summary>
    Interface,
    /// <summary>The <c>UNION</c> location.</summary>
    Union,
    /// <summary>The <c>ENUM</c> location.</summary>
    Enum,
    /// <summary>The <c>ENUM_VALUE</c> location.</summary>
    EnumValue,
    /// <summary>The <c>INPUT_OBJECT</c> location.</summary>
    InputObject,
    /// <summary>The <c>INPUT_FIELD_DEFINITION</c> location.</summary>
    InputFieldDefinition,
}

internal static class DirectiveLocationExtensions
{
    private static readonly string[] Names =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    private static readonly Dictionary<string, DirectiveLocation> ByName =
        Names.Select((n, i) => (n, (DirectiveLocation)i)).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    /// <summary>The spec name, e.g. <c>FIELD_DEFINITION</c>.</summary>
    public static string ToSpecName(this DirectiveLocation location) => Names[(int)location];

    public static bool TryParse(string name, out DirectiveLocation location) => ByName.TryGetValue(name, out location);

    public static IReadOnlyList<string> AllSpecNames => Names;
}

/// <summary>A directive definition (spec §3.13), built-in or declared in SDL.</summary>
public sealed class DirectiveDefinition : IHasName
{
    internal DirectiveDefinition(string name, IReadOnlyList<DirectiveLocation> locations)
    {
        Name = name;
        Locations = locations;
    }

    /// <summary>The directive's name, without <c>@</c>.</summary>
    public string Name { get; }

    /// <summary>Its description, if any.</summary>
    public string? Description { get; internal set; }

    /// <summary>Where it may be applied.</summary>
    public IReadOnlyList<DirectiveLocation> Locations { get; internal set; }

    /// <summary>True when it may be applied more than once at one place.</summary>
    public bool IsRepeatable { get; internal set; }

    /// <summary>Its arguments, in declaration order.</summary>
    public NamedCollection<InputValueDefinition> Arguments { get; internal set; } = NamedCollection<InputValueDefinition>.Empty;

    internal DirectiveDefinitionNode? AstNode { get; set; }

    /// <summary>True for @include, @skip, @deprecated, @specifiedBy and @oneOf.</summary>
    public bool IsBuiltIn { get; internal set; }

    /// <summary>True when the directive may be applied at <paramref name="location"/>.</summary>
    public bool HasLocation(DirectiveLocation location)
    {
        foreach (var l in Locations)
        {
            if (l == location)
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => "@" + Name;
}

/// <summary>The directives every schema has (spec §3.13), shared by all schemas.</summary>
internal static class BuiltInDirectives
{
    public const string DefaultDeprecationReason = "No longer supported";

    public static DirectiveDefinition Include { get; } = Make(
        "include",
        "Directs the executor to include this field or fragment only when the `if` argument is true.",
        [DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment],
        Arg("if", new NonNullType(BuiltInScalars.Boolean), "Included when true."));

    public static DirectiveDefinition Skip { get; } = Make(
        "skip",
        "Directs the executor to skip this field or fragment when the `if` argument is true.",
        [DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment],
        Arg("if", new NonNullType(BuiltInScalars.Boolean), "Skipped when true."));

    public static DirectiveDefinition Deprecated { get; } = Make(
        "deprecated",
        "Marks an element of a GraphQL schema as no longer supported.",
        [DirectiveLocation.FieldDefinition, DirectiveLocation.ArgumentDefinition, DirectiveLocation.InputFieldDefinition, DirectiveLocation.EnumValue],
        Arg(
            "reason",
            new NonNullType(BuiltInScalars.String),
            "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
            new StringValueNode(DefaultDeprecationReason)));

    public static DirectiveDefinition SpecifiedBy { get; } = Make(
        "specifiedBy",
        "Exposes a URL that specifies the behavior of this scalar.",
        [DirectiveLocation.Scalar],
        Arg("url", new NonNullType(BuiltInScalars.String), "The URL that specifies the behavior of this scalar."));

    public static DirectiveDefinition OneOf { get; } = Make(
        "oneOf",
        "Indicates exactly one field must be supplied and this field must not be `null`.",
        [DirectiveLocation.InputObject]);

    /// <summary>In graphql-js's order.</summary>
    public static IReadOnlyList<DirectiveDefinition> All { get; } = [Include, Skip, Deprecated, SpecifiedBy, OneOf];

    public static bool IsBuiltInDirectiveName(string name) => name is "include" or "skip" or "deprecated" or "specifiedBy" or "oneOf";

    private static InputValueDefinition Arg(string name, GraphQLType type, string description, ValueNode? defaultValue = null) =>
        new(name, type) { Description = description, DefaultValue = defaultValue };

    private static DirectiveDefinition Make(string name, string description, DirectiveLocation[] locations, params InputValueDefinition[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            args[i].Index = i;
            args[i].Coordinate = "@" + name + "(" + args[i].Name + ":)";
        }
        return new DirectiveDefinition(name, locations)
        {
            Description = description,
            Arguments = new NamedCollection<InputValueDefinition>(args),
            IsBuiltIn = true,
        };
    }
}
