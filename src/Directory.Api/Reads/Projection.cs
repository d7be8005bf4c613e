using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Directory.Api.Reads;

/// <summary>
/// The members of a bound CLR type that a GraphQL selection reads, and the <c>x =&gt; new T { A = x.A, … }</c> that
/// reads only those, so that EF Core selects only their columns (a contact row is 18 columns, among them the long
/// search text; a page of the national contact list needs 5). A field's reads are known when it is a bound
/// property (a nested object property is projected from its own sub-selection) or when its resolver declared them
/// (<see cref="ProjectedResolvers"/>);
/// one field with unknown reads, or a member that cannot be set, and the whole entity is read, as without projection.
/// Projections are immutable; one is built per compiled selection and kept with the operation plan.
/// </summary>
public sealed class Projection
{
    /// <summary>The <see cref="FieldDefinition.Annotations"/> key of a resolver's declared reads (a lambda over its parent).</summary>
    public const string ReadsAnnotation = "directory.reads";

    /// <summary>The <see cref="FieldDefinition.Annotations"/> key of a reference field's <see cref="Reference"/>.</summary>
    public const string ReferenceAnnotation = "directory.reference";

    /// <summary>
    /// The <see cref="FieldDefinition.Annotations"/> key of a resolver that needs its parent whole, with the reason
    /// (<see cref="ProjectedResolvers.ResolveWhole"/>): such a field is meant to turn projection off.
    /// </summary>
    public const string ReadsWholeAnnotation = "directory.reads-whole";

    /// <summary>
    /// A field whose value is the entity a navigation property of its parent points to: projected, the parent's query
    /// joins it and reads what the field's selection reads of it (one command fewer per level); otherwise, or when the
    /// selection's reads of it are not all known, only the foreign key is read and the field loads the entity.
    /// </summary>
    public sealed record Reference(LambdaExpression Navigation, LambdaExpression ForeignKey);

    private static readonly object NodesState = new();

    // The per-selection state key of OfField<T>, one per T.
    private static class FieldState<T>
    {
        public static readonly object Key = new();
    }

    // Member name -> (member, nested projection or null when read whole), in name order so the key is canonical.
    private readonly SortedDictionary<string, Read> _members;
    private readonly ConcurrentDictionary<Projection, Projection> _unions = new();
    private readonly ConcurrentDictionary<LambdaExpression, Projection?> _withKeys = new();

    private Projection(Type type, SortedDictionary<string, Read> members)
    {
        Type = type;
        _members = members;
        Key = "{" + string.Join(",", members.Select(m => m.Value.Nested is { } nested ? m.Key + nested.Key : m.Key)) + "}";
        var parameter = Expression.Parameter(type, "x");
        Selector = Expression.Lambda(Build(type, parameter, this), parameter);
    }

    /// <summary>A member read: whole (no nested projection) or through the members of its own value.</summary>
    private readonly record struct Read(PropertyInfo Member, Projection? Nested);

    public Type Type { get; }

    /// <summary>The members read, canonically: <c>{Code,Name,Organisation{Id,Name}}</c>.</summary>
    public string Key { get; }

    /// <summary><c>x =&gt; new T { … }</c> over the members read.</summary>
    public LambdaExpression Selector { get; }

    public override string ToString() => Key;

    /// <summary>
    /// The projection of the nodes of the connection the resolver returns (<c>nodes</c> and <c>edges { node }</c>
    /// together), or null when the whole entity must be read.
    /// </summary>
    public static Projection? OfConnectionNodes(ResolverContext context) =>
        context.Selection?.GetOrAddState(NodesState, static connection =>
        {
            if (TypeHelpers.GetNamedType(connection.Type) is not ObjectType connectionType)
            {
                return null;
            }
            Projection? result = null;
            foreach (var field in connection.SelectionsFor(connectionType))
            {
                Projection? nodes;
                switch (field.Field.Name)
                {
                    case "nodes":
                        nodes = OfValue(field);
                        break;
                    case "edges" when TypeHelpers.GetNamedType(field.Type) is ObjectType edgeType:
                        var node = field.SelectionsFor(edgeType).FirstOrDefault(f => f.Field.Name == "node");
                        if (node is null)
                        {
                            continue;
                        }
                        nodes = OfValue(node);
                        break;
                    default:
                        continue;
                }
                if (nodes is null)
                {
                    return null;
                }
                result = result is null ? nodes : result.Union(nodes);
            }
            return result;
        });

    /// <summary>
    /// The projection that reads no member of <typeparamref name="T"/>: for a resolver that only counts a loader's rows
    /// (add the loader's key with <see cref="With"/>). Every projection covers it, so it shares the batch of the fields
    /// that read more instead of widening that batch to whole entities as a null projection would.
    /// </summary>
    public static Projection Nothing<T>()
        where T : class => NothingOf<T>.Value;

    private static class NothingOf<T>
        where T : class
    {
        public static readonly Projection Value = new(typeof(T), new SortedDictionary<string, Read>(StringComparer.Ordinal));
    }

    /// <summary>
    /// The projection of the value the resolver returns (an entity or a list of <typeparamref name="T"/>), or null
    /// when the whole entity must be read.
    /// </summary>
    public static Projection? OfField<T>(ResolverContext context) =>
        context.Selection?.GetOrAddState(FieldState<T>.Key, static field =>
            OfValue(field) is { } projection && projection.Type == typeof(T) ? projection : null);

    /// <summary>The projection of a field's value from its sub-selection, when its type is a bound object type.</summary>
    private static Projection? OfValue(Selection field) =>
        TypeHelpers.GetNamedType(field.Type) is ObjectType { ClrType: { } } type ? Of(type, field.SelectionsFor(type)) : null;

    /// <summary>What the selections of an object type read of its bound CLR type; null when not every read is known.</summary>
    public static Projection? Of(ObjectType type, IReadOnlyList<Selection> selections)
    {
        if (type.ClrType is not { } clrType || !CanCreate(clrType))
        {
            return null;
        }
        var members = new SortedDictionary<string, Read>(StringComparer.Ordinal);
        foreach (var selection in selections)
        {
            var field = selection.Field;
            if (field.Name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }
            if (field.Annotations.ContainsKey(ReadsWholeAnnotation))
            {
                return null;
            }
            if (field.Annotations.TryGetValue(ReferenceAnnotation, out var reference))
            {
                var (navigation, foreignKey) = (Reference)reference;
                if (!AddReads(members, clrType, foreignKey))
                {
                    return null;
                }
                if (Joined(navigation, selection) is { } joined)
                {
                    Add(members, [joined.Member], joined.Nested);
                }
            }
            else if (field.Annotations.TryGetValue(ReadsAnnotation, out var declared))
            {
                if (!AddReads(members, clrType, (LambdaExpression)declared))
                {
                    return null;
                }
            }
            else if (field.Member is PropertyInfo property && Settable(property))
            {
                var nested = TypeHelpers.GetNamedType(field.Type) is ObjectType { ClrType: { } nestedType } nestedObject
                    && nestedType == property.PropertyType
                        ? Of(nestedObject, selection.SelectionsFor(nestedObject))
                        : null;
                Add(members, [property], nested);
            }
            else
            {
                return null;
            }
        }
        return new Projection(clrType, members);
    }

    /// <summary>
    /// The fields (<c>Type.field</c>) of projectable types whose reads are not known and that do not say they need the
    /// entity whole: selecting any of them makes its list read every column. A resolver bound with the plain
    /// <c>Resolve</c> is one; the schema test keeps this empty.
    /// </summary>
    public static IReadOnlyList<string> FieldsDisablingProjection(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var found = new List<string>();
        foreach (var type in schema.Types.OfType<ObjectType>())
        {
            if (type.ClrType is not { } clrType || !CanCreate(clrType) || type.Name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var field in type.Fields)
            {
                var members = new SortedDictionary<string, Read>(StringComparer.Ordinal);
                var known = field.Annotations.TryGetValue(ReferenceAnnotation, out var reference)
                    ? AddReads(members, clrType, ((Reference)reference).ForeignKey)
                    : field.Annotations.TryGetValue(ReadsAnnotation, out var declared)
                        ? AddReads(members, clrType, (LambdaExpression)declared)
                        : field.Member is PropertyInfo property && Settable(property);
                if (!known && !field.Annotations.ContainsKey(ReadsWholeAnnotation))
                {
                    found.Add(type.Name + "." + field.Name);
                }
            }
        }
        return found;
    }

    /// <summary>The navigation to join for a reference field and what to read through it; null when it cannot be joined.</summary>
    private static Read? Joined(LambdaExpression navigation, Selection selection)
    {
        if (navigation.Body is not MemberExpression { Member: PropertyInfo property } member
            || member.Expression != navigation.Parameters[0]
            || !Settable(property)
            || !CanCreate(property.PropertyType)
            || TypeHelpers.GetNamedType(selection.Field.Type) is not ObjectType { ClrType: { } target } targetType
            || target != property.PropertyType)
        {
            return null;
        }
        // A selection reading nothing of the entity (only __typename) has nothing to join for; the key is enough.
        return Of(targetType, selection.SelectionsFor(targetType)) is { _members.Count: > 0 } nested ? new Read(property, nested) : null;
    }

    /// <summary>This projection and the members <paramref name="reads"/> reads (e.g. a DataLoader's key); null if unknown.</summary>
    public Projection? With(LambdaExpression reads) => _withKeys.GetOrAdd(reads, r =>
    {
        var members = Copy(_members);
        return AddReads(members, Type, r) ? new Projection(Type, members) : null;
    });

    /// <summary>Every member either reads.</summary>
    public Projection Union(Projection other)
    {
        if (ReferenceEquals(this, other) || Key == other.Key)
        {
            return this;
        }
        return _unions.GetOrAdd(other, o =>
        {
            var merged = Copy(_members);
            foreach (var (name, (member, nested)) in o._members)
            {
                merged[name] = merged.TryGetValue(name, out var mine)
                    ? new Read(member, mine.Nested is null || nested is null ? null : mine.Nested.Union(nested))
                    : new Read(member, nested);
            }
            return new Projection(Type, merged);
        });
    }

    /// <summary>Whether everything <paramref name="other"/> reads is read by this one (so its values serve both).</summary>
    public bool Covers(Projection other) => other._members.All(m =>
        _members.TryGetValue(m.Key, out var mine) && (mine.Nested is null || (m.Value.Nested is { } theirs && mine.Nested.Covers(theirs))));

    /// <summary><c>query.Select(selector)</c>, or the query itself when the whole entity is read.</summary>
    public static IQueryable<T> Apply<T>(IQueryable<T> query, Projection? projection) =>
        projection is null ? query : query.Select((Expression<Func<T, T>>)projection.Selector);

    private static Expression Build(Type type, Expression source, Projection projection)
    {
        var bindings = projection._members.Values.Select(m => (MemberBinding)Expression.Bind(m.Member,
            m.Nested is { } nested ? NullSafe(m.Member, Expression.Property(source, m.Member), nested) : Expression.Property(source, m.Member)));
        return Expression.MemberInit(Expression.New(type), bindings);
    }

    private static Expression NullSafe(PropertyInfo member, Expression value, Projection nested)
    {
        var created = Build(nested.Type, value, nested);
        // NullabilityInfoContext is not thread-safe; this runs once per compiled selection.
        return new NullabilityInfoContext().Create(member).ReadState == NullabilityState.NotNull
            ? created
            : Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, value.Type), created);
    }

    private static SortedDictionary<string, Read> Copy(SortedDictionary<string, Read> members) => new(members, StringComparer.Ordinal);

    /// <summary>Adds the member paths a lambda over the parent reads; false when it uses the parent (or a path) whole in a way that cannot be projected.</summary>
    private static bool AddReads(SortedDictionary<string, Read> members, Type clrType, LambdaExpression reads)
    {
        if (reads.Parameters.Count != 1 || !reads.Parameters[0].Type.IsAssignableFrom(clrType))
        {
            return false;
        }
        var finder = new PathFinder(reads.Parameters[0]);
        finder.Visit(reads.Body);
        if (finder.UsesParentWhole)
        {
            return false;
        }
        foreach (var path in finder.Paths)
        {
            if (!path.All(Settable) || !path.SkipLast(1).All(p => CanCreate(p.PropertyType)))
            {
                return false;
            }
            Add(members, path, null);
        }
        return true;
    }

    // Adds a member path (Organisation.Type): the members before the last become nested projections; the last is read
    // through `nested`, or whole when that is null. A member read whole stays whole.
    private static void Add(SortedDictionary<string, Read> members, IReadOnlyList<PropertyInfo> path, Projection? nested)
    {
        var head = path[0];
        var present = members.TryGetValue(head.Name, out var existing);
        if (present && existing.Nested is null)
        {
            return;
        }
        if (path.Count == 1)
        {
            members[head.Name] = new Read(head, nested is null ? null : present ? existing.Nested!.Union(nested) : nested);
            return;
        }
        var inner = present ? Copy(existing.Nested!._members) : new SortedDictionary<string, Read>(StringComparer.Ordinal);
        Add(inner, [.. path.Skip(1)], nested);
        members[head.Name] = new Read(head, new Projection(head.PropertyType, inner));
    }

    private static bool Settable(PropertyInfo property) => property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0;

    private static bool CanCreate(Type type) => type.IsClass && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null && type != typeof(string);

    /// <summary>Collects <c>parent.A.B</c> paths; any other use of the parameter means the parent is needed whole.</summary>
    private sealed class PathFinder(ParameterExpression parent) : ExpressionVisitor
    {
        public List<PropertyInfo[]> Paths { get; } = [];

        public bool UsesParentWhole { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            var path = new List<PropertyInfo>();
            Expression? current = node;
            while (current is MemberExpression { Member: PropertyInfo property } member)
            {
                path.Insert(0, property);
                current = member.Expression;
            }
            if (current == parent)
            {
                Paths.Add([.. path]);
                return node;
            }
            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == parent)
            {
                UsesParentWhole = true;
            }
            return node;
        }
    }
}
