using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>A field of an object or interface type (spec §3.6).</summary>
public sealed class FieldDefinition : IHasName
{
    internal FieldDefinition(string name, GraphQLType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The field's name.</summary>
    public string Name { get; }

    /// <summary>The field's description, if any.</summary>
    public string? Description { get; internal set; }

    /// <summary>The field's result type.</summary>
    public GraphQLType Type { get; internal set; }

    /// <summary>The field's arguments, in declaration order.</summary>
    public NamedCollection<InputValueDefinition> Arguments { get; internal set; } = NamedCollection<InputValueDefinition>.Empty;

    /// <summary>The reason from <c>@deprecated</c>, or null when the field is not deprecated.</summary>
    public string? DeprecationReason { get; internal set; }

    /// <summary>True when the field is deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>
    /// Produces the field's value. Set for every field of an object type once the schema is built with resolvers
    /// required (explicit resolver, compiled CLR property getter, dictionary lookup or introspection resolver).
    /// Null for interface fields and for schemas built for validation only.
    /// </summary>
    public FieldResolver? Resolver { get; internal set; }

    /// <summary>
    /// For a field of the subscription root type: creates the source event stream (spec §6.2.3.1
    /// CreateSourceEventStream). Each event it yields is the root value of one execution of the selection set.
    /// </summary>
    public SubscriptionSource? Subscriber { get; internal set; }

    /// <summary>
    /// A synchronous, side-effect-free way to read the field from its parent, set when the resolver is a default
    /// property getter or dictionary lookup: the executor may call it inline instead of building a context.
    /// </summary>
    public Func<object, object?>? PropertyGetter { get; internal set; }

    /// <summary>
    /// The key <see cref="PropertyGetter"/> reads from a dictionary parent, when it reads one: the executor reads a
    /// <see cref="Dictionary{TKey, TValue}"/> parent by it directly, without the delegate and the interface call.
    /// </summary>
    internal string? DictionaryKey { get; set; }

    /// <summary>The CLR property or field of the bound type that the default resolver reads, when it reads one.</summary>
    public System.Reflection.MemberInfo? Member { get; internal set; }

    /// <summary>
    /// What the host attached to the field with <see cref="SchemaBuilder.Annotate"/> (e.g. what its resolver reads of
    /// its parent); the engine never reads these.
    /// </summary>
    public IReadOnlyDictionary<string, object> Annotations { get; internal set; } = NoAnnotations;

    private static readonly IReadOnlyDictionary<string, object> NoAnnotations = new Dictionary<string, object>();

    /// <summary>The object or interface type that declares the field (for meta-fields, null).</summary>
    public ComplexType? DeclaringType { get; internal set; }

    /// <summary>Position of the field in its declaring type's <see cref="ComplexType.Fields"/> (-1 for meta-fields).</summary>
    public int Index { get; internal set; } = -1;

    internal FieldDefinitionNode? AstNode { get; set; }

    internal IReadOnlyList<DirectiveNode> AppliedDirectives { get; set; } = [];

    /// <summary>"Type.field", as graphql-js names fields in messages.</summary>
    public string Coordinate => DeclaringType is null ? Name : DeclaringType.Name + "." + Name;

    /// <inheritdoc/>
    public override string ToString() => Coordinate;
}

/// <summary>An argument of a field or directive, or a field of an input object type (spec §3.6.1, §3.10).</summary>
public sealed class InputValueDefinition : IHasName
{
    internal InputValueDefinition(string name, GraphQLType type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The argument's or input field's name.</summary>
    public string Name { get; }

    /// <summary>Its description, if any.</summary>
    public string? Description { get; internal set; }

    /// <summary>Its input type.</summary>
    public GraphQLType Type { get; internal set; }

    /// <summary>True when the definition declares a default value (which may itself be the literal <c>null</c>).</summary>
    public bool HasDefaultValue => DefaultValue is not null;

    /// <summary>The default value as written (a constant literal), or null when there is none.</summary>
    public ValueNode? DefaultValue { get; internal set; }

    /// <summary>The reason from <c>@deprecated</c>, or null when not deprecated.</summary>
    public string? DeprecationReason { get; internal set; }

    /// <summary>True when deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    /// <summary>Position among its siblings (arguments or input fields), in declaration order.</summary>
    public int Index { get; internal set; }

    internal InputValueDefinitionNode? AstNode { get; set; }

    internal IReadOnlyList<DirectiveNode> AppliedDirectives { get; set; } = [];

    /// <summary>How graphql-js names it in messages: <c>Type.field(arg:)</c>, <c>@directive(arg:)</c> or <c>Input.field</c>.</summary>
    public string Coordinate { get; internal set; } = "";

    /// <summary>True for a required input: non-null type and no default (spec §3.6.1 "required arguments").</summary>
    public bool IsRequired => Type is NonNullType && !HasDefaultValue;

    /// <inheritdoc/>
    public override string ToString() => Coordinate.Length > 0 ? Coordinate : Name;
}

/// <summary>Common shape of object and interface types: fields and implemented interfaces.</summary>
public abstract class ComplexType : NamedType
{
    private protected ComplexType(string name, string? description)
        : base(name, description)
    {
    }

    /// <summary>The type's fields, in declaration order.</summary>
    public NamedCollection<FieldDefinition> Fields { get; internal set; } = NamedCollection<FieldDefinition>.Empty;

    /// <summary>The interfaces this type implements.</summary>
    public IReadOnlyList<InterfaceType> Interfaces { get; internal set; } = [];

    /// <summary>Every type named in <c>implements</c>, including ones that aren't interfaces (reported by validation).</summary>
    internal IReadOnlyList<NamedType>? DeclaredInterfaces { get; set; }

    /// <summary>The field with this name, or null.</summary>
    public FieldDefinition? GetField(string name) => Fields[name];

    /// <summary>True when this type declares that it implements the named interface (directly).</summary>
    public bool Implements(InterfaceType iface)
    {
        foreach (var i in Interfaces)
        {
            if (ReferenceEquals(i, iface))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>An object type (spec §3.6).</summary>
public sealed class ObjectType : ComplexType
{
    internal ObjectType(string name, string? description = null)
        : base(name, description)
    {
    }

    /// <inheritdoc/>
    public override TypeKind Kind => TypeKind.Object;

    /// <summary>The CLR type bound to this object type with <c>SchemaBuilder.BindType</c>, if any.</summary>
    public Type? ClrType { get; internal set; }

    private System.Text.Json.JsonEncodedText? _encodedName;

    /// <summary>The name as a JSON string, for <c>__typename</c> written straight from a plan.</summary>
    internal System.Text.Json.JsonEncodedText EncodedName => _encodedName ??= System.Text.Json.JsonEncodedText.Encode(Name);
}

/// <summary>An interface type (spec §3.7).</summary>
public sealed class InterfaceType : ComplexType
{
    internal InterfaceType(string name, string? description = null)
        : base(name, description)
    {
    }

    /// <inheritdoc/>
    public override TypeKind Kind => TypeKind.Interface;

    internal Func<object, string?>? TypeResolver { get; set; }

    internal AbstractTypeResolution? Resolution { get; set; }

    /// <summary>
    /// The name of the object type a runtime value of this interface belongs to: from the explicit
    /// <c>ResolveType</c> hook, else the value's bound CLR type, else a dictionary's <c>__typename</c> entry.
    /// Null when none applies (the executor reports it).
    /// </summary>
    public string? ResolveTypeName(object value) =>
        TypeResolver?.Invoke(value) ?? Resolution?.FromClrType(value);
}

/// <summary>A union type (spec §3.8).</summary>
internal sealed class UnionType : NamedType
{
    internal UnionType(string name, string? description = null)
        : base(name, description)
    {
    }

    public override TypeKind Kind => TypeKind.Union;

    public IReadOnlyList<ObjectType> Types { get; internal set; } = [];

    /// <summary>Every member as declared, including duplicates and non-object types (reported by validation).</summary>
    internal IReadOnlyList<NamedType>? DeclaredMembers { get; set; }

    internal Func<object, string?>? TypeResolver { get; set; }

    internal AbstractTypeResolution? Resolution { get; set; }

    /// <inheritdoc cref="InterfaceType.ResolveTypeName"/>
    public string? ResolveTypeName(object value) =>
        TypeResolver?.Invoke(value) ?? Resolution?.FromClrType(value);
}

/// <summary>An input object type (spec §3.10), optionally <c>@oneOf</c>.</summary>
public sealed class InputObjectType : NamedType
{
    internal InputObjectType(string name, string? description = null)
        : base(name, description)
    {
    }

    /// <inheritdoc/>
    public override TypeKind Kind => TypeKind.InputObject;

    /// <summary>The input object's fields, in declaration order.</summary>
    public NamedCollection<InputValueDefinition> Fields { get; internal set; } = NamedCollection<InputValueDefinition>.Empty;

    /// <summary>True for a OneOf input object: exactly one field must be given, and it must not be null.</summary>
    public bool IsOneOf { get; internal set; }

    /// <summary>The field with this name, or null.</summary>
    public InputValueDefinition? GetField(string name) => Fields[name];
}
