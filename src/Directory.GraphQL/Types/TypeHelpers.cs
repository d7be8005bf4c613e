namespace Directory.GraphQL.Types;

/// <summary>Predicates and relations between types (graphql-js <c>type/definition.ts</c> and <c>utilities/typeComparators.ts</c>).</summary>
public static class TypeHelpers
{
    /// <summary>Types that may be used for arguments, variables and input fields: scalars, enums, input objects (wrapped or not).</summary>
    public static bool IsInputType(GraphQLType? type) => GetNamedType(type) is ScalarType or EnumType or InputObjectType;

    /// <summary>Types that may be field results: everything but input objects (wrapped or not).</summary>
    public static bool IsOutputType(GraphQLType? type) => GetNamedType(type) is ScalarType or ObjectType or InterfaceType or UnionType or EnumType;

    /// <summary>Scalars and enums: types with no selection set.</summary>
    public static bool IsLeafType(GraphQLType? type) => type is ScalarType or EnumType;

    /// <summary>Objects, interfaces and unions: types with a selection set.</summary>
    public static bool IsCompositeType(GraphQLType? type) => type is ObjectType or InterfaceType or UnionType;

    /// <summary>Interfaces and unions: types resolved to an object type at run time.</summary>
    public static bool IsAbstractType(GraphQLType? type) => type is InterfaceType or UnionType;

    /// <summary>List and non-null wrappers.</summary>
    public static bool IsWrappingType(GraphQLType? type) => type is ListType or NonNullType;

    /// <summary>Any type but a non-null one.</summary>
    public static bool IsNullableType(GraphQLType? type) => type is not null and not NonNullType;

    /// <summary>True for a non-null argument without a default.</summary>
    public static bool IsRequiredArgument(InputValueDefinition arg) => arg.IsRequired;

    /// <summary>True for a non-null input field without a default.</summary>
    public static bool IsRequiredInputField(InputValueDefinition field) => field.IsRequired;

    /// <summary>The named type under any List/NonNull wrappers (null for null).</summary>
    public static NamedType? GetNamedType(GraphQLType? type)
    {
        while (true)
        {
            switch (type)
            {
                case null:
                    return null;
                case NamedType named:
                    return named;
                case ListType list:
                    type = list.OfType;
                    break;
                case NonNullType nonNull:
                    type = nonNull.OfType;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>The schema type a type reference such as <c>[ID!]</c> denotes, or null when its named type is unknown (graphql-js <c>typeFromAST</c>).</summary>
    internal static GraphQLType? TypeFromAst(Schema schema, Language.TypeNode node) => node switch
    {
        Language.NamedTypeNode named => schema.GetType(named.Name.Value),
        Language.ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
        Language.NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        _ => null,
    };

    /// <summary>The type without an outer NonNull.</summary>
    public static GraphQLType GetNullableType(GraphQLType type) => type is NonNullType nn ? nn.OfType : type;

    /// <summary>Structural equality: same named type under the same wrappers.</summary>
    public static bool IsEqualType(GraphQLType a, GraphQLType b) => (a, b) switch
    {
        _ when ReferenceEquals(a, b) => true,
        (NonNullType x, NonNullType y) => IsEqualType(x.OfType, y.OfType),
        (ListType x, ListType y) => IsEqualType(x.OfType, y.OfType),
        _ => false,
    };

    /// <summary>
    /// True when a value of <paramref name="maybeSubType"/> is always a valid <paramref name="superType"/> (covariant
    /// field types): NonNull is a subtype of nullable, lists are covariant, objects/interfaces are subtypes of the
    /// abstract types they belong to.
    /// </summary>
    public static bool IsTypeSubTypeOf(Schema schema, GraphQLType maybeSubType, GraphQLType superType)
    {
        if (ReferenceEquals(maybeSubType, superType))
        {
            return true;
        }
        if (superType is NonNullType superNonNull)
        {
            return maybeSubType is NonNullType subNonNull && IsTypeSubTypeOf(schema, subNonNull.OfType, superNonNull.OfType);
        }
        if (maybeSubType is NonNullType nonNull)
        {
            return IsTypeSubTypeOf(schema, nonNull.OfType, superType);
        }
        if (superType is ListType superList)
        {
            return maybeSubType is ListType subList && IsTypeSubTypeOf(schema, subList.OfType, superList.OfType);
        }
        if (maybeSubType is ListType)
        {
            return false;
        }
        return IsAbstractType(superType)
            && maybeSubType is InterfaceType or ObjectType
            && schema.IsSubType((NamedType)superType, (NamedType)maybeSubType);
    }

    /// <summary>True when two composite types could describe the same object (a value could be both).</summary>
    public static bool DoTypesOverlap(Schema schema, NamedType typeA, NamedType typeB)
    {
        if (ReferenceEquals(typeA, typeB))
        {
            return true;
        }
        if (IsAbstractType(typeA))
        {
            if (IsAbstractType(typeB))
            {
                foreach (var t in schema.GetPossibleTypes(typeB))
                {
                    if (schema.IsSubType(typeA, t))
                    {
                        return true;
                    }
                }
                return false;
            }
            return schema.IsSubType(typeA, typeB);
        }
        if (IsAbstractType(typeB))
        {
            return schema.IsSubType(typeB, typeA);
        }
        return false;
    }
}
