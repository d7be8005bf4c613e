using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation;

/// <summary>
/// Type predicates and schema look-ups the rules share (graphql-js `type/definition.ts` predicates,
/// `utilities/typeFromAST.ts`, `utilities/typeComparators.ts`).
/// </summary>
internal static class SchemaFacts
{
    public static NamedType? GetNamedType(GraphQLType? type) => TypeHelpers.GetNamedType(type);

    public static GraphQLType? GetNullableType(GraphQLType? type) => type is NonNullType nonNull ? nonNull.OfType : type;

    public static bool IsInputType(GraphQLType? type) => TypeHelpers.IsInputType(type);

    public static bool IsOutputType(GraphQLType? type) => TypeHelpers.IsOutputType(type);

    public static bool IsLeafType(GraphQLType? type) => TypeHelpers.IsLeafType(type);

    public static bool IsCompositeType(GraphQLType? type) => TypeHelpers.IsCompositeType(type);

    public static bool IsAbstractType(GraphQLType? type) => TypeHelpers.IsAbstractType(type);

    /// <summary>The schema type a type reference names, or null when a named type is unknown.</summary>
    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner ? new NonNullType(inner) : null,
        _ => null,
    };

    public static ObjectType? GetRootType(Schema schema, OperationType operation) => schema.GetRootType(operation);

    public static DirectiveDefinition? GetDirective(Schema schema, string name) => schema.GetDirective(name);

    /// <summary>
    /// The field a selection names on a composite type, including the meta-fields: `__typename` on every
    /// composite type, `__schema` and `__type` only on the query root (spec §4.1).
    /// </summary>
    public static FieldDefinition? GetField(Schema schema, NamedType parentType, string name) =>
        schema.GetFieldDefinition(parentType, name);

    /// <summary>The object types an abstract type may resolve to (a union's members, an interface's implementations).</summary>
    public static IReadOnlyList<ObjectType> GetPossibleTypes(Schema schema, NamedType abstractType) =>
        schema.GetPossibleTypes(abstractType);

    /// <summary>True when <paramref name="maybeSubType"/> is a member or implementation of <paramref name="abstractType"/>.</summary>
    public static bool IsSubType(Schema schema, NamedType abstractType, NamedType maybeSubType) =>
        schema.IsSubType(abstractType, maybeSubType);

    /// <summary>graphql-js `isTypeSubTypeOf`: may a value of <paramref name="maybeSubType"/> stand where <paramref name="superType"/> is expected.</summary>
    public static bool IsTypeSubTypeOf(Schema schema, GraphQLType maybeSubType, GraphQLType superType) =>
        TypeHelpers.IsTypeSubTypeOf(schema, maybeSubType, superType);

    /// <summary>graphql-js `doTypesOverlap`: could some object be of both composite types.</summary>
    public static bool DoTypesOverlap(Schema schema, NamedType typeA, NamedType typeB) =>
        TypeHelpers.DoTypesOverlap(schema, typeA, typeB);

    /// <summary>"Type.field" as graphql-js prints a field in messages ("&lt;meta&gt;.__type" for meta-fields).</summary>
    public static string Coordinate(FieldDefinition field) =>
        field.DeclaringType is null ? "<meta>." + field.Name : field.Coordinate;
}
