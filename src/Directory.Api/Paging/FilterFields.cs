using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Directory.Api.Paging;

/// <summary>
/// Translates a HotChocolate-style <c>where</c> input (<c>{ name: { contains: "x" }, type: { in: [PCC] }, and: [...],
/// or: [...] }</c>) into one LINQ predicate over <typeparamref name="T"/>, so that filtering runs in the database.
/// Each entity declares its filterable fields once; string matches other than eq/neq/in ignore case.
/// </summary>
public sealed class FilterFields<T> : IFilterShape
{
    private delegate Expression FieldTranslator(Expression target, IReadOnlyDictionary<string, object?> operations, FilterAccess access);

    private readonly Dictionary<string, FieldTranslator> _fields = new(StringComparer.Ordinal);

    // Each field's related entity's filter (Nested, Many), or null for a value's operators: what the schema check
    // compares with the SDL's filter input (FilterSortInputs).
    private readonly Dictionary<string, IFilterShape?> _shape = new(StringComparer.Ordinal);

    IReadOnlyDictionary<string, IFilterShape?> IFilterShape.Fields => _shape;

    // Fields only a signed-in caller may filter on (what they test is hidden from anonymous callers), and why.
    private readonly Dictionary<string, string> _signedInOnly = new(StringComparer.Ordinal);

    public FilterFields<T> String(string name, Expression<Func<T, string?>> selector)
    {
        Add(name, null, (target, ops, _) => StringOperations(Rebind(selector, target), ops, name));
        return this;
    }

    public FilterFields<T> Int(string name, Expression<Func<T, int?>> selector) => Comparable(name, selector);

    /// <summary>A <c>DateOperationFilterInput</c>: the same operators as Int, on a calendar date.</summary>
    public FilterFields<T> Date(string name, Expression<Func<T, DateOnly?>> selector) => Comparable(name, selector);

    /// <summary>
    /// A <c>DecimalOperationFilterInput</c>: the same operators as Int, on an exact decimal (e.g. money), compared in
    /// SQL on the stored value, so money stored as pence compares exactly.
    /// </summary>
    public FilterFields<T> Decimal(string name, Expression<Func<T, decimal?>> selector) => Comparable(name, selector);

    /// <summary>Any ordered value: eq/neq/in/nin and the comparisons with their negations; <c>eq: null</c> matches null.</summary>
    public FilterFields<T> Comparable<TValue>(string name, Expression<Func<T, TValue?>> selector)
        where TValue : struct, IComparable<TValue>
    {
        Add(name, null, (target, ops, _) => ComparableOperations(Rebind(selector, target), ops, name));
        return this;
    }

    public FilterFields<T> Bool(string name, Expression<Func<T, bool?>> selector)
    {
        Add(name, null, (target, ops, _) => EqualityOperations(Rebind(selector, target), ops, name));
        return this;
    }

    public FilterFields<T> Enum<TEnum>(string name, Expression<Func<T, TEnum?>> selector)
        where TEnum : struct, System.Enum
    {
        Add(name, null, (target, ops, _) => EqualityOperations(Rebind(selector, target), ops, name));
        return this;
    }

    /// <summary>
    /// A set of enum values, e.g. a response's activities: <c>{ some: { eq: MARACS } }</c> (one of them matches),
    /// <c>none</c> (none does), <c>all</c> (every one does; true of an empty set).
    /// </summary>
    public FilterFields<T> EnumSet<TEnum>(string name, Expression<Func<T, IEnumerable<TEnum>>> selector)
        where TEnum : struct, System.Enum
    {
        Add(name, null, (target, ops, _) => Quantified(Rebind(selector, target), null, ops, name,
            (element, elementOps) => EqualityOperations(Expression.Convert(element, typeof(TEnum?)), elementOps, name)));
        return this;
    }

    /// <summary>
    /// A list of related rows filtered with <c>some</c> / <c>none</c> / <c>all</c>, each taking the related rows'
    /// filter, e.g. <c>servicesCommissioned: { some: { serviceType: { code: { eq: "REFUGE" } } } }</c>. With
    /// <paramref name="alsoOne"/> one more row counts as part of the list (a contract's lead beside its co-commissioners).
    /// </summary>
    public FilterFields<T> Many<TRelated>(
        string name,
        Expression<Func<T, IEnumerable<TRelated>>> selector,
        FilterFields<TRelated> related,
        Expression<Func<T, TRelated>>? alsoOne = null)
        where TRelated : class
    {
        Add(name, related, (target, ops, access) => Quantified(
            Rebind(selector, target), alsoOne is null ? null : Rebind(alsoOne, target), ops, name,
            (element, elementOps) => related.Body(element, elementOps, access)));
        return this;
    }

    /// <summary>Marks a field as one only signed-in callers may filter on: what it tests is hidden from anonymous ones.</summary>
    public FilterFields<T> SignedInOnly(string name, string what)
    {
        _signedInOnly[name] = what;
        return this;
    }

    /// <summary>A filter on a related entity, e.g. <c>county: { name: { eq: "Kent" } }</c>; no match when it is absent.</summary>
    public FilterFields<T> Nested<TRelated>(string name, Expression<Func<T, TRelated?>> selector, FilterFields<TRelated> related)
        where TRelated : class
    {
        Add(name, related, (target, ops, access) =>
        {
            var navigation = Rebind(selector, target);
            return Expression.AndAlso(
                Expression.NotEqual(navigation, Expression.Constant(null, typeof(TRelated))),
                related.Body(navigation, ops, access));
        });
        return this;
    }

    /// <summary>
    /// Whether <paramref name="where"/> names any of <paramref name="fields"/> as a field at any depth (in nested
    /// filters, <c>and</c> and <c>or</c>), whatever it asks of it: for a list to tell which filters reach beyond the
    /// rows it can name (e.g. another organisation's county), never to filter by.
    /// </summary>
    public static bool Names(IReadOnlyDictionary<string, object?>? where, IReadOnlySet<string> fields) =>
        where is not null && where.Any(field => fields.Contains(field.Key) || NamesWithin(field.Value, fields));

    private static bool NamesWithin(object? value, IReadOnlySet<string> fields) => value switch
    {
        IReadOnlyDictionary<string, object?> nested => Names(nested, fields),
        IEnumerable<object?> items => items.Any(item => NamesWithin(item, fields)),
        _ => false,
    };

    private void Add(string name, IFilterShape? related, FieldTranslator translate)
    {
        _fields[name] = translate;
        _shape[name] = related;
    }

    /// <summary>
    /// The predicate for a <c>where</c> argument, or null when there is nothing to filter on. An anonymous caller's
    /// filter on a <see cref="SignedInOnly"/> field is refused (<c>UNAUTHENTICATED</c>).
    /// </summary>
    public Expression<Func<T, bool>>? Predicate(IReadOnlyDictionary<string, object?>? where, FilterAccess access = FilterAccess.SignedIn)
    {
        if (where is null || where.Count == 0)
        {
            return null;
        }
        var parameter = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, bool>>(Body(parameter, where, access), parameter);
    }

    /// <summary>Applies <paramref name="where"/> to a query.</summary>
    public IQueryable<T> Apply(IQueryable<T> query, IReadOnlyDictionary<string, object?>? where, FilterAccess access = FilterAccess.SignedIn) =>
        Predicate(where, access) is { } predicate ? query.Where(predicate) : query;

    private Expression Body(Expression target, IReadOnlyDictionary<string, object?> where, FilterAccess access)
    {
        Expression result = Expression.Constant(true);
        foreach (var (name, value) in where)
        {
            if (value is null)
            {
                continue; // an explicit null field means "no condition", as in HotChocolate
            }
            var condition = name switch
            {
                "and" => Combine(target, value, access, Expression.AndAlso, true),
                "or" => Combine(target, value, access, Expression.OrElse, false),
                _ when access == FilterAccess.Anonymous && _signedInOnly.TryGetValue(name, out var what) => throw new GraphQLError(
                    $"Sign in to filter on \"{name}\": {what} are not shown to anonymous callers.", code: Auth.Access.UnauthenticatedCode),
                _ when _fields.TryGetValue(name, out var translate) => translate(target, AsObject(value, name), access),
                _ => throw new GraphQLError($"Cannot filter on \"{name}\".", code: ErrorCodes.BadUserInput),
            };
            result = Expression.AndAlso(result, condition);
        }
        return result;
    }

    private Expression Combine(Expression target, object value, FilterAccess access, Func<Expression, Expression, BinaryExpression> join, bool empty) =>
        Branches(value, "and/or", item => Body(target, item, access), join, empty);

    // some/none/all over a list: Any(match), !Any(match), All(match); each given quantifier must hold. The element's
    // condition is a lambda EF Core turns into an EXISTS subquery.
    private static Expression Quantified(
        Expression list,
        Expression? alsoOne,
        IReadOnlyDictionary<string, object?> ops,
        string name,
        Func<Expression, IReadOnlyDictionary<string, object?>, Expression> element)
    {
        var elementType = list.Type.IsGenericType && list.Type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? list.Type.GetGenericArguments()[0]
            : list.Type.GetInterfaces().Concat([list.Type]).First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];
        Expression result = Expression.Constant(true);
        foreach (var (op, value) in ops)
        {
            if (value is null)
            {
                continue;
            }
            var parameter = Expression.Parameter(elementType, "e");
            var conditions = AsObject(value, name);
            var match = Expression.Lambda(element(parameter, conditions), parameter);
            Expression Any() => Expression.Call(AnyMethod.MakeGenericMethod(elementType), list, match);
            Expression All() => Expression.Call(AllMethod.MakeGenericMethod(elementType), list, match);
            Expression One() => element(alsoOne!, conditions);
            var condition = op switch
            {
                "some" => alsoOne is null ? Any() : Expression.OrElse(One(), Any()),
                "none" => Expression.Not(alsoOne is null ? Any() : Expression.OrElse(One(), Any())),
                "all" => alsoOne is null ? All() : Expression.AndAlso(One(), All()),
                _ => throw UnknownOperation(op, name),
            };
            result = Expression.AndAlso(result, condition);
        }
        return result;
    }

    private static readonly MethodInfo AnyMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Any) && m.GetParameters().Length == 2);

    private static readonly MethodInfo AllMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.All) && m.GetParameters().Length == 2);

    // The branches of an and/or list as one balanced tree, never one level of nesting per branch (see Predicates).
    private static Expression Branches(
        object? value,
        string name,
        Func<IReadOnlyDictionary<string, object?>, Expression> translate,
        Func<Expression, Expression, BinaryExpression> join,
        bool empty)
    {
        var bodies = new List<Expression>();
        foreach (var item in AsList(value))
        {
            if (item is not null)
            {
                bodies.Add(translate(AsObject(item, name)));
            }
        }
        return Predicates.Balanced(bodies, join) ?? Expression.Constant(empty);
    }

    private static Expression StringOperations(Expression field, IReadOnlyDictionary<string, object?> ops, string name)
    {
        Expression result = Expression.Constant(true);
        foreach (var (op, value) in ops)
        {
            var condition = op switch
            {
                "eq" => Expression.Equal(field, Parameter((string?)value)),
                "neq" => Expression.NotEqual(field, Parameter((string?)value)),
                "in" => In(field, AsList(value).Cast<string?>().ToList()),
                "nin" => Expression.Not(In(field, AsList(value).Cast<string?>().ToList())),
                "and" => AllOf(field, value, name, Expression.AndAlso, true),
                "or" => AllOf(field, value, name, Expression.OrElse, false),
                "contains" => Matches(field, nameof(string.Contains), value, name),
                "ncontains" => Expression.Not(Matches(field, nameof(string.Contains), value, name)),
                "startsWith" => Matches(field, nameof(string.StartsWith), value, name),
                "nstartsWith" => Expression.Not(Matches(field, nameof(string.StartsWith), value, name)),
                "endsWith" => Matches(field, nameof(string.EndsWith), value, name),
                "nendsWith" => Expression.Not(Matches(field, nameof(string.EndsWith), value, name)),
                _ => throw UnknownOperation(op, name),
            };
            result = Expression.AndAlso(result, condition);
        }
        return result;
    }

    private static Expression AllOf(Expression field, object? value, string name, Func<Expression, Expression, BinaryExpression> join, bool empty) =>
        Branches(value, name, item => StringOperations(field, item, name), join, empty);

    // Case-insensitive containment: both sides lower-cased (LOWER() in SQL on both providers), null never matches.
    private static Expression Matches(Expression field, string method, object? value, string name)
    {
        var text = value as string ?? throw new GraphQLError($"Filter \"{name}\" needs a string.", code: ErrorCodes.BadUserInput);
        var lowered = Expression.Call(field, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var call = Expression.Call(lowered, typeof(string).GetMethod(method, [typeof(string)])!, Parameter(text.ToLowerInvariant()));
        return Expression.AndAlso(Expression.NotEqual(field, Expression.Constant(null, typeof(string))), call);
    }

    private static Expression EqualityOperations(Expression field, IReadOnlyDictionary<string, object?> ops, string name)
    {
        Expression result = Expression.Constant(true);
        foreach (var (op, value) in ops)
        {
            var condition = op switch
            {
                "eq" => Expression.Equal(field, Parameter(value, field.Type)),
                "neq" => Expression.NotEqual(field, Parameter(value, field.Type)),
                "in" => In(field, AsList(value), field.Type),
                "nin" => Expression.Not(In(field, AsList(value), field.Type)),
                _ => throw UnknownOperation(op, name),
            };
            result = Expression.AndAlso(result, condition);
        }
        return result;
    }

    private static Expression ComparableOperations(Expression field, IReadOnlyDictionary<string, object?> ops, string name)
    {
        Expression result = Expression.Constant(true);
        foreach (var (op, value) in ops)
        {
            // Converted only for the comparisons: the value of an in/nin is a list, which has no single conversion.
            Expression Operand() => Parameter(value, field.Type);
            var condition = op switch
            {
                "eq" => Expression.Equal(field, Operand()),
                "neq" => Expression.NotEqual(field, Operand()),
                "in" => In(field, AsList(value), field.Type),
                "nin" => Expression.Not(In(field, AsList(value), field.Type)),
                "gt" => Expression.GreaterThan(field, Operand()),
                "ngt" => Expression.Not(Expression.GreaterThan(field, Operand())),
                "gte" => Expression.GreaterThanOrEqual(field, Operand()),
                "ngte" => Expression.Not(Expression.GreaterThanOrEqual(field, Operand())),
                "lt" => Expression.LessThan(field, Operand()),
                "nlt" => Expression.Not(Expression.LessThan(field, Operand())),
                "lte" => Expression.LessThanOrEqual(field, Operand()),
                "nlte" => Expression.Not(Expression.LessThanOrEqual(field, Operand())),
                _ => throw UnknownOperation(op, name),
            };
            result = Expression.AndAlso(result, condition);
        }
        return result;
    }

    private static Expression In(Expression field, IList values, Type? type = null)
    {
        type ??= field.Type;
        var typed = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
        foreach (var value in values)
        {
            typed.Add(Convert(value, type));
        }
        var contains = ContainsMethod.MakeGenericMethod(type);
        return Expression.Call(contains, Parameter(typed, typed.GetType()), field);
    }

    private static readonly MethodInfo ContainsMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);

    private static Expression Parameter<TValue>(TValue value) => QueryParameter.Of(value, typeof(TValue));

    private static Expression Parameter(object? value, Type type) => QueryParameter.Of(Convert(value, type), type);

    private static object? Convert(object? value, Type type)
    {
        if (value is null)
        {
            return null;
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }
        // Enum values arrive as their GraphQL names, which are the CLR member names.
        return target.IsEnum
            ? System.Enum.Parse(target, value.ToString()!, ignoreCase: false)
            : System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Expression Rebind(LambdaExpression selector, Expression target) => Predicates.Rebind(selector, target);

    private static IReadOnlyDictionary<string, object?> AsObject(object? value, string name) =>
        value as IReadOnlyDictionary<string, object?>
        ?? throw new GraphQLError($"Filter \"{name}\" needs an object.", code: ErrorCodes.BadUserInput);

    private static IList AsList(object? value) => value switch
    {
        null => Array.Empty<object?>(),
        IList list => list,
        _ => new[] { value },
    };

    private static GraphQLError UnknownOperation(string op, string name) =>
        new($"Filter \"{name}\" has no operation \"{op}\".", code: ErrorCodes.BadUserInput);
}

/// <summary>Whether the caller of a filter is signed in: anonymous callers may not filter on what they cannot read.</summary>
public enum FilterAccess
{
    Anonymous,
    SignedIn,
}
