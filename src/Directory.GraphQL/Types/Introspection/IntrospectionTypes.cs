using Directory.GraphQL.Execution;

namespace Directory.GraphQL.Types.Introspection;

/// <summary>Names and helpers shared by everything that special-cases introspection (spec §4).</summary>
internal static class IntrospectionNames
{
    public const string SchemaField = "__schema";
    public const string TypeField = "__type";
    public const string TypeNameField = "__typename";

    public static IReadOnlyList<string> TypeNames { get; } =
        ["__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"];

    public static bool IsIntrospectionTypeName(string name) => TypeNames.Contains(name);
}

/// <summary>
/// The introspection types (<c>__Schema</c>, <c>__Type</c>, …) and meta-fields of one schema. Each schema gets its
/// own instances because some resolvers need the schema itself (<c>__Type.possibleTypes</c>, <c>__type(name:)</c>)
/// and <see cref="ResolverContext"/> doesn't carry it. Their resolvers are ordinary <see cref="FieldResolver"/>s
/// (with synchronous <see cref="FieldDefinition.PropertyGetter"/>s where no arguments are needed), so the executor
/// runs introspection like any other field.
/// </summary>
internal sealed class IntrospectionTypes
{
    internal IntrospectionTypes(Func<Schema> schema)
    {
        var @string = BuiltInScalars.String;
        var boolean = BuiltInScalars.Boolean;
        GraphQLType NonNull(GraphQLType t) => new NonNullType(t);
        GraphQLType ListOfNonNull(GraphQLType t) => new ListType(new NonNullType(t));

        TypeKind = new EnumType("__TypeKind", "An enum describing what kind of type a given `__Type` is.") { ClrType = typeof(TypeKind) };
        TypeKind.Values = new NamedCollection<EnumValueDefinition>(
        [
            Value(Types.TypeKind.Scalar, "Indicates this type is a scalar."),
            Value(Types.TypeKind.Object, "Indicates this type is an object. `fields` and `interfaces` are valid fields."),
            Value(Types.TypeKind.Interface, "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."),
            Value(Types.TypeKind.Union, "Indicates this type is a union. `possibleTypes` is a valid field."),
            Value(Types.TypeKind.Enum, "Indicates this type is an enum. `enumValues` is a valid field."),
            Value(Types.TypeKind.InputObject, "Indicates this type is an input object. `inputFields` is a valid field."),
            Value(Types.TypeKind.List, "Indicates this type is a list. `ofType` is a valid field."),
            Value(Types.TypeKind.NonNull, "Indicates this type is a non-null. `ofType` is a valid field."),
        ]);

        DirectiveLocation = new EnumType(
            "__DirectiveLocation",
            "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.")
        { ClrType = typeof(DirectiveLocation) };
        DirectiveLocation.Values = new NamedCollection<EnumValueDefinition>(
        [
            Value(Types.DirectiveLocation.Query, "Location adjacent to a query operation."),
            Value(Types.DirectiveLocation.Mutation, "Location adjacent to a mutation operation."),
            Value(Types.DirectiveLocation.Subscription, "Location adjacent to a subscription operation."),
            Value(Types.DirectiveLocation.Field, "Location adjacent to a field."),
            Value(Types.DirectiveLocation.FragmentDefinition, "Location adjacent to a fragment definition."),
            Value(Types.DirectiveLocation.FragmentSpread, "Location adjacent to a fragment spread."),
            Value(Types.DirectiveLocation.InlineFragment, "Location adjacent to an inline fragment."),
            Value(Types.DirectiveLocation.VariableDefinition, "Location adjacent to an operation variable definition."),
            Value(Types.DirectiveLocation.Schema, "Location adjacent to a schema definition."),
            Value(Types.DirectiveLocation.Scalar, "Location adjacent to a scalar definition."),
            Value(Types.DirectiveLocation.Object, "Location adjacent to an object type definition."),
            Value(Types.DirectiveLocation.FieldDefinition, "Location adjacent to a field definition."),
            Value(Types.DirectiveLocation.ArgumentDefinition, "Location adjacent to an argument definition."),
            Value(Types.DirectiveLocation.Interface, "Location adjacent to an interface definition."),
            Value(Types.DirectiveLocation.Union, "Location adjacent to a union definition."),
            Value(Types.DirectiveLocation.Enum, "Location adjacent to an enum definition."),
            Value(Types.DirectiveLocation.EnumValue, "Location adjacent to an enum value definition."),
            Value(Types.DirectiveLocation.InputObject, "Location adjacent to an input object type definition."),
            Value(Types.DirectiveLocation.InputFieldDefinition, "Location adjacent to an input object field definition."),
        ]);

        Schema = new ObjectType(
            "__Schema",
            "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.");
        Directive = new ObjectType(
            "__Directive",
            "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.");
        Type = new ObjectType(
            "__Type",
            "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.");
        Field = new ObjectType(
            "__Field",
            "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.");
        InputValue = new ObjectType(
            "__InputValue",
            "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.");
        EnumValue = new ObjectType(
            "__EnumValue",
            "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.");

        SetFields(Schema,
        [
            Get<Schema>("description", @string, s => s.Description),
            Get<Schema>("types", NonNull(ListOfNonNull(Type)), s => s.Types, "A list of all types supported by this server."),
            Get<Schema>("queryType", NonNull(Type), s => s.QueryType, "The type that query operations will be rooted at."),
            Get<Schema>("mutationType", Type, s => s.MutationType, "If this server supports mutation, the type that mutation operations will be rooted at."),
            Get<Schema>("subscriptionType", Type, s => s.SubscriptionType, "If this server support subscription, the type that subscription operations will be rooted at."),
            Get<Schema>("directives", NonNull(ListOfNonNull(Directive)), s => s.Directives, "A list of all directives supported by this server."),
        ]);

        SetFields(Directive,
        [
            Get<DirectiveDefinition>("name", NonNull(@string), d => d.Name),
            Get<DirectiveDefinition>("description", @string, d => d.Description),
            Get<DirectiveDefinition>("isRepeatable", NonNull(boolean), d => d.IsRepeatable),
            Get<DirectiveDefinition>("locations", NonNull(ListOfNonNull(DirectiveLocation)), d => d.Locations),
            WithDeprecated<DirectiveDefinition>("args", NonNull(ListOfNonNull(InputValue)), (d, all) => Filter(d.Arguments, all, a => a.IsDeprecated)),
        ]);

        SetFields(Type,
        [
            Get<GraphQLType>("kind", NonNull(TypeKind), t => t.Kind),
            Get<GraphQLType>("name", @string, t => (t as NamedType)?.Name),
            Get<GraphQLType>("description", @string, t => (t as NamedType)?.Description),
            Get<GraphQLType>("specifiedByURL", @string, t => (t as ScalarType)?.SpecifiedByUrl),
            WithDeprecated<GraphQLType>("fields", ListOfNonNull(Field), (t, all) =>
                t is ComplexType c ? Filter(c.Fields, all, f => f.IsDeprecated) : null),
            Get<GraphQLType>("interfaces", ListOfNonNull(Type), t => (t as ComplexType)?.Interfaces),
            Get<GraphQLType>("possibleTypes", ListOfNonNull(Type), t =>
                TypeHelpers.IsAbstractType(t) ? schema().GetPossibleTypes((NamedType)t) : null),
            WithDeprecated<GraphQLType>("enumValues", ListOfNonNull(EnumValue), (t, all) =>
                t is EnumType e ? Filter(e.Values, all, v => v.IsDeprecated) : null),
            WithDeprecated<GraphQLType>("inputFields", ListOfNonNull(InputValue), (t, all) =>
                t is InputObjectType i ? Filter(i.Fields, all, f => f.IsDeprecated) : null),
            Get<GraphQLType>("ofType", Type, t => t switch
            {
                ListType l => l.OfType,
                NonNullType n => n.OfType,
                _ => null,
            }),
            Get<GraphQLType>("isOneOf", boolean, t => t is InputObjectType i ? i.IsOneOf : null),
        ]);

        SetFields(Field,
        [
            Get<FieldDefinition>("name", NonNull(@string), f => f.Name),
            Get<FieldDefinition>("description", @string, f => f.Description),
            WithDeprecated<FieldDefinition>("args", NonNull(ListOfNonNull(InputValue)), (f, all) => Filter(f.Arguments, all, a => a.IsDeprecated)),
            Get<FieldDefinition>("type", NonNull(Type), f => f.Type),
            Get<FieldDefinition>("isDeprecated", NonNull(boolean), f => f.IsDeprecated),
            Get<FieldDefinition>("deprecationReason", @string, f => f.DeprecationReason),
        ]);

        SetFields(InputValue,
        [
            Get<InputValueDefinition>("name", NonNull(@string), v => v.Name),
            Get<InputValueDefinition>("description", @string, v => v.Description),
            Get<InputValueDefinition>("type", NonNull(Type), v => v.Type),
            Get<InputValueDefinition>("defaultValue", @string, v => v.DefaultValue is null ? null : ValuePrinter.Print(v.DefaultValue),
                "A GraphQL-formatted string representing the default value for this input value."),
            Get<InputValueDefinition>("isDeprecated", NonNull(boolean), v => v.IsDeprecated),
            Get<InputValueDefinition>("deprecationReason", @string, v => v.DeprecationReason),
        ]);

        SetFields(EnumValue,
        [
            Get<EnumValueDefinition>("name", NonNull(@string), v => v.Name),
            Get<EnumValueDefinition>("description", @string, v => v.Description),
            Get<EnumValueDefinition>("isDeprecated", NonNull(boolean), v => v.IsDeprecated),
            Get<EnumValueDefinition>("deprecationReason", @string, v => v.DeprecationReason),
        ]);

        SchemaMetaField = new FieldDefinition(IntrospectionNames.SchemaField, NonNull(Schema))
        {
            Description = "Access the current type schema of this server.",
            Resolver = _ => new ValueTask<object?>(schema()),
        };
        var nameArg = new InputValueDefinition("name", NonNull(@string)) { Coordinate = "__type(name:)" };
        TypeMetaField = new FieldDefinition(IntrospectionNames.TypeField, Type)
        {
            Description = "Request the type information of a single type.",
            Arguments = new NamedCollection<InputValueDefinition>([nameArg]),
            Resolver = ctx => new ValueTask<object?>(
                ctx.Arguments.TryGetValue("name", out var n) && n is string name ? schema().GetType(name) : null),
        };
        TypeNameMetaField = new FieldDefinition(IntrospectionNames.TypeNameField, NonNull(@string))
        {
            Description = "The name of the current Object type at runtime.",
        };
    }

    public ObjectType Schema { get; }

    public ObjectType Directive { get; }

    public EnumType DirectiveLocation { get; }

    public ObjectType Type { get; }

    public ObjectType Field { get; }

    public ObjectType InputValue { get; }

    public ObjectType EnumValue { get; }

    public EnumType TypeKind { get; }

    /// <summary><c>__schema: __Schema!</c>, available on the query root type only.</summary>
    public FieldDefinition SchemaMetaField { get; }

    /// <summary><c>__type(name: String!): __Type</c>, available on the query root type only.</summary>
    public FieldDefinition TypeMetaField { get; }

    /// <summary>
    /// <c>__typename: String!</c>, available on every composite type. Its value is the name of the object type
    /// the executor resolved the parent to, which only the executor knows, so it has no resolver.
    /// </summary>
    public FieldDefinition TypeNameMetaField { get; }

    /// <summary>In graphql-js's order.</summary>
    public IReadOnlyList<NamedType> All => [Schema, Directive, DirectiveLocation, Type, Field, InputValue, EnumValue, TypeKind];

    private static EnumValueDefinition Value<TEnum>(TEnum value, string description)
        where TEnum : struct, Enum =>
        new(NameConventions.ToEnumValueName(value.ToString()), value) { Description = description };

    private static IReadOnlyList<T> Filter<T>(IReadOnlyList<T> items, bool includeDeprecated, Func<T, bool> isDeprecated) =>
        includeDeprecated ? items : items.Where(i => !isDeprecated(i)).ToList();

    private static void SetFields(ObjectType type, FieldDefinition[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i].DeclaringType = type;
            fields[i].Index = i;
            foreach (var arg in fields[i].Arguments)
            {
                arg.Coordinate = type.Name + "." + fields[i].Name + "(" + arg.Name + ":)";
            }
        }
        type.Fields = new NamedCollection<FieldDefinition>(fields);
    }

    private static FieldDefinition Get<TParent>(string name, GraphQLType type, Func<TParent, object?> read, string? description = null)
    {
        object? Getter(object parent) => read((TParent)parent);
        return new FieldDefinition(name, type)
        {
            Description = description,
            PropertyGetter = Getter,
            Resolver = ctx => new ValueTask<object?>(Getter(ctx.Parent!)),
        };
    }

    private static FieldDefinition WithDeprecated<TParent>(string name, GraphQLType type, Func<TParent, bool, object?> read)
    {
        var arg = new InputValueDefinition("includeDeprecated", new NonNullType(BuiltInScalars.Boolean))
        {
            DefaultValue = new Language.BooleanValueNode(false),
        };
        return new FieldDefinition(name, type)
        {
            Arguments = new NamedCollection<InputValueDefinition>([arg]),
            Resolver = ctx =>
            {
                var all = ctx.Arguments.TryGetValue("includeDeprecated", out var v) && v is true;
                return new ValueTask<object?>(read((TParent)ctx.Parent!, all));
            },
        };
    }
}
