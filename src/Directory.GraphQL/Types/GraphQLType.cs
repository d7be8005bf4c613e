using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>The kind of a type, as introspection's <c>__TypeKind</c> reports it (spec §4.2.1).</summary>
public enum TypeKind
{
    /// <summary><c>SCALAR</c>.</summary>
    Scalar,
    /// <summary><c>OBJECT</c>.</summary>
    Object,
    /// <summary><c>INTERFACE</c>.</summary>
    Interface,
    /// <summary><c>UNION</c>.</summary>
    Union,
    /// <summary><c>ENUM</c>.</summary>
    Enum,
    /// <summary><c>INPUT_OBJECT</c>.</summary>
    InputObject,
    /// <summary><c>LIST</c>.</summary>
    List,
    /// <summary><c>NON_NULL</c>.</summary>
    NonNull,
}

/// <summary>
/// Any GraphQL type: a named type or a List/NonNull wrapper around another type (spec §3.4). Instances are shared
/// and immutable once the schema that owns them is built, so reference equality of named types is type identity.
/// </summary>
public abstract class GraphQLType
{
    private protected GraphQLType()
    {
    }

    /// <summary>What kind of type this is.</summary>
    public abstract TypeKind Kind { get; }

    /// <summary>The type as written in GraphQL, e.g. <c>[Int!]!</c>.</summary>
    public abstract override string ToString();
}

/// <summary>A type with a name: scalars, objects, interfaces, unions, enums and input objects.</summary>
public abstract class NamedType : GraphQLType, IHasName
{
    private protected NamedType(string name, string? description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The type's name.</summary>
    public string Name { get; }

    /// <summary>Its description, if any.</summary>
    public string? Description { get; internal set; }

    /// <summary>The definition this type was built from (null for built-in and introspection types).</summary>
    internal TypeDefinitionNode? AstNode { get; set; }

    /// <summary>The <c>extend</c> definitions that added to this type, in document order.</summary>
    internal IReadOnlyList<TypeExtensionNode> ExtensionAstNodes { get; set; } = [];

    /// <summary>Directives applied to the type's definition and extensions, in document order.</summary>
    internal IReadOnlyList<DirectiveNode> AppliedDirectives { get; set; } = [];

    /// <inheritdoc/>
    public sealed override string ToString() => Name;
}

/// <summary>A list of another type (spec §3.11).</summary>
internal sealed class ListType(GraphQLType ofType) : GraphQLType
{
    public GraphQLType OfType { get; } = ofType ?? throw new ArgumentNullException(nameof(ofType));

    public override TypeKind Kind => TypeKind.List;

    public override string ToString() => "[" + OfType + "]";
}

/// <summary>A non-null form of another (nullable) type (spec §3.12).</summary>
public sealed class NonNullType : GraphQLType
{
    /// <summary>The non-null form of <paramref name="ofType"/>, which must itself be nullable.</summary>
    public NonNullType(GraphQLType ofType)
    {
        ArgumentNullException.ThrowIfNull(ofType);
        if (ofType is NonNullType)
        {
            throw new ArgumentException($"Expected {ofType} to be a GraphQL nullable type.", nameof(ofType));
        }
        OfType = ofType;
    }

    /// <summary>The nullable type it wraps.</summary>
    public GraphQLType OfType { get; }

    /// <inheritdoc/>
    public override TypeKind Kind => TypeKind.NonNull;

    /// <inheritdoc/>
    public override string ToString() => OfType + "!";
}
