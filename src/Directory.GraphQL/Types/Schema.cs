using Directory.GraphQL.Language;
using Directory.GraphQL.Types.Introspection;

namespace Directory.GraphQL.Types;

/// <summary>Objects and interfaces that implement an interface (directly).</summary>
internal sealed record InterfaceImplementations(IReadOnlyList<ObjectType> Objects, IReadOnlyList<InterfaceType> Interfaces);

/// <summary>
/// A GraphQL schema (spec §3.3): root operation types, every named type (including the introspection types) and
/// the directives. Built by <see cref="SchemaBuilder"/>; immutable afterwards and safe to share across threads.
/// </summary>
public sealed class Schema
{
    private static readonly InterfaceImplementations NoImplementations = new([], []);

    private readonly Dictionary<string, NamedType> _typeMap;
    private readonly Dictionary<string, InterfaceImplementations> _implementations;
    // Computed once: validation and execution ask this for every fragment and abstract value, lock-free.
    private readonly Dictionary<NamedType, HashSet<NamedType>> _subTypes = new(ReferenceEqualityComparer.Instance);

    internal Schema(
        ObjectType? queryType,
        ObjectType? mutationType,
        ObjectType? subscriptionType,
        IEnumerable<NamedType> types,
        IReadOnlyList<DirectiveDefinition> directives)
    {
        QueryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
        Directives = new NamedCollection<DirectiveDefinition>(directives);
        Introspection = new IntrospectionTypes(() => this);

        // Same order as graphql-js's GraphQLSchema constructor: the given types in order, each followed by the
        // not-yet-seen types it references, then those of the roots, directive arguments and introspection.
        var order = new OrderedTypeSet();
        var given = types.ToList();
        foreach (var t in given)
        {
            order.Add(t);
        }
        foreach (var t in given)
        {
            order.Remove(t);
            Collect(t, order);
        }
        Collect(queryType, order);
        Collect(mutationType, order);
        Collect(subscriptionType, order);
        foreach (var d in directives)
        {
            foreach (var a in d.Arguments)
            {
                Collect(a.Type, order);
            }
        }
        Collect(Introspection.Schema, order);

        _typeMap = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        var implementations = new Dictionary<string, (List<ObjectType> Objects, List<InterfaceType> Interfaces)>(StringComparer.Ordinal);
        foreach (var type in order.Items)
        {
            if (!_typeMap.TryAdd(type.Name, type))
            {
                throw new InvalidOperationException(
                    $"Schema must contain uniquely named types but contains multiple types named \"{type.Name}\".");
            }
            if (type is ComplexType complex)
            {
                foreach (var iface in complex.Interfaces)
                {
                    if (!implementations.TryGetValue(iface.Name, out var entry))
                    {
                        entry = ([], []);
                        implementations[iface.Name] = entry;
                    }
                    if (type is ObjectType o)
                    {
                        entry.Objects.Add(o);
                    }
                    else
                    {
                        entry.Interfaces.Add((InterfaceType)type);
                    }
                }
            }
        }
        _implementations = implementations.ToDictionary(
            p => p.Key, p => new InterfaceImplementations(p.Value.Objects, p.Value.Interfaces), StringComparer.Ordinal);
        Types = order.Items;
        foreach (var type in Types)
        {
            switch (type)
            {
                case UnionType u:
                    _subTypes[u] = new HashSet<NamedType>(u.Types, ReferenceEqualityComparer.Instance);
                    break;
                case InterfaceType i:
                    var impl = GetImplementations(i);
                    var set = new HashSet<NamedType>(impl.Objects, ReferenceEqualityComparer.Instance);
                    set.UnionWith(impl.Interfaces);
                    _subTypes[i] = set;
                    break;
            }
        }
    }

    /// <summary>The schema's description, if any.</summary>
    public string? Description { get; internal set; }

    /// <summary>The query root type.</summary>
    public ObjectType? QueryType { get; }

    /// <summary>The mutation root type, or null.</summary>
    public ObjectType? MutationType { get; }

    /// <summary>The subscription root type, or null.</summary>
    public ObjectType? SubscriptionType { get; }

    internal SchemaDefinitionNode? AstNode { get; set; }

    internal IReadOnlyList<SchemaExtensionNode> ExtensionAstNodes { get; set; } = [];

    /// <summary>Every named type by name, including built-in scalars and introspection types.</summary>
    public IReadOnlyDictionary<string, NamedType> TypeMap => _typeMap;

    /// <summary>Every named type in graphql-js's order (declaration order, referenced built-ins, introspection).</summary>
    public IReadOnlyList<NamedType> Types { get; }

    /// <summary>Every directive, built-in ones included.</summary>
    public NamedCollection<DirectiveDefinition> Directives { get; }

    /// <summary>The named type with this name, or null.</summary>
    public NamedType? GetType(string name) => _typeMap.GetValueOrDefault(name);

    /// <summary>This schema's introspection types and the <c>__schema</c>, <c>__type</c>, <c>__typename</c> meta-fields.</summary>
    internal IntrospectionTypes Introspection { get; }

    /// <summary><c>__schema</c> (query root only); shortcut for <c>Introspection.SchemaMetaField</c>.</summary>
    public FieldDefinition SchemaMetaField => Introspection.SchemaMetaField;

    /// <summary><c>__type(name:)</c> (query root only); shortcut for <c>Introspection.TypeMetaField</c>.</summary>
    public FieldDefinition TypeMetaField => Introspection.TypeMetaField;

    /// <summary><c>__typename</c> (any composite type); its value is the runtime object type's name.</summary>
    public FieldDefinition TypeNameMetaField => Introspection.TypeNameMetaField;

    /// <summary>
    /// The definition of a field selected on <paramref name="parentType"/>, including the meta-fields the way
    /// graphql-js's <c>getFieldDef</c> allows them: <c>__schema</c> and <c>__type</c> on the query root type,
    /// <c>__typename</c> on any object, interface or union. Null when the field doesn't exist.
    /// </summary>
    public FieldDefinition? GetFieldDefinition(NamedType parentType, string fieldName)
    {
        if (fieldName.Length > 1 && fieldName[0] == '_' && fieldName[1] == '_')
        {
            switch (fieldName)
            {
                case IntrospectionNames.SchemaField when ReferenceEquals(parentType, QueryType):
                    return SchemaMetaField;
                case IntrospectionNames.TypeField when ReferenceEquals(parentType, QueryType):
                    return TypeMetaField;
                case IntrospectionNames.TypeNameField when TypeHelpers.IsCompositeType(parentType):
                    return TypeNameMetaField;
            }
        }
        return (parentType as ComplexType)?.Fields[fieldName];
    }

    /// <summary>The directive with this name (without <c>@</c>), or null.</summary>
    public DirectiveDefinition? GetDirective(string name) => Directives[name];

    /// <summary>The root type for an operation, or null when the schema doesn't support that operation.</summary>
    public ObjectType? GetRootType(OperationType operation) => operation switch
    {
        OperationType.Query => QueryType,
        OperationType.Mutation => MutationType,
        OperationType.Subscription => SubscriptionType,
        _ => null,
    };

    /// <summary>The object types a value of an interface or union may be; empty for other types.</summary>
    public IReadOnlyList<ObjectType> GetPossibleTypes(NamedType abstractType) => abstractType switch
    {
        UnionType u => u.Types,
        InterfaceType i => GetImplementations(i).Objects,
        _ => [],
    };

    internal InterfaceImplementations GetImplementations(InterfaceType interfaceType) =>
        _implementations.GetValueOrDefault(interfaceType.Name) ?? NoImplementations;

    /// <summary>True when <paramref name="maybeSubType"/> is a member of the union, or implements the interface.</summary>
    public bool IsSubType(NamedType abstractType, NamedType maybeSubType) =>
        _subTypes.TryGetValue(abstractType, out var set) && set.Contains(maybeSubType);

    private static void Collect(GraphQLType? type, OrderedTypeSet set)
    {
        if (type is null)
        {
            return;
        }
        var named = TypeHelpers.GetNamedType(type);
        if (named is null || !set.Add(named))
        {
            return;
        }
        switch (named)
        {
            case UnionType u:
                foreach (var member in u.Types)
                {
                    Collect(member, set);
                }
                break;
            case ComplexType c:
                foreach (var iface in c.Interfaces)
                {
                    Collect(iface, set);
                }
                foreach (var field in c.Fields)
                {
                    Collect(field.Type, set);
                    foreach (var arg in field.Arguments)
                    {
                        Collect(arg.Type, set);
                    }
                }
                break;
            case InputObjectType input:
                foreach (var field in input.Fields)
                {
                    Collect(field.Type, set);
                }
                break;
        }
    }

    /// <summary>An insertion-ordered set that supports removal (JavaScript's Set semantics).</summary>
    private sealed class OrderedTypeSet
    {
        private readonly Dictionary<NamedType, long> _position = new(ReferenceEqualityComparer.Instance);
        private long _next;

        public bool Add(NamedType type) => _position.TryAdd(type, _next++);

        public void Remove(NamedType type) => _position.Remove(type);

        public IReadOnlyList<NamedType> Items => _position.OrderBy(p => p.Value).Select(p => p.Key).ToList();
    }
}
