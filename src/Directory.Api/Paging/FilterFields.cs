using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Directory.GraphQL.Errors;

namespace Directory.Api.Paging;

/// <summary>
/// Translates a HotChocolate-style <c>where</c> input (<c>{ name: { contains: "x" }, type: { in: [PCC] }, and: [...],
/// or: [...] }</c>) into one LINQ predicate over <typeparamref name="T"/>, so that filtering runs in the database.
/// Each entity declares its filterable fields once; string matches other than eq/neq/in ignore case.
/// </summary>
public sealed class FilterFields<T>
{
    private delegate Expression FieldTranslator(Expression target, IReadOnlyDictionary<string, object?> operations);

    private readonly Dictionary<string, FieldTranslator> fields = new(StringComparer.Ordinal);

    public FilterFields<T> String(string name, Expression<Func<T, string?>> selector)
    {
        fields[name] = (target, ops) => StringOperations(Rebind(selector, target), ops, name);
        return this;
    }

    public FilterFields<T> Int(string name, Expression<Func<T, int?>> selector)
    {
        fields[name] = (target, ops) => ComparableOperations(Rebind(selector, target), ops, name);
        return this;
    }

    /// <summary>
    /// An exact decimal (<c>DecimalOperationFilterInput</c>: the operators of <c>IntOperationFilterInput</c>); compared
    /// in SQL on the stored value, so money stored as pence compares exactly.
    /// </summary>
    public FilterFields<T> Decimal(string name, Expression<Func<T, decimal?>> selector)
    {
        fields[name] = (target, ops) => ComparableOperations(Rebind(selector, target), ops, name);
        return this;
    }

    public FilterFields<T> Bool(string name, Expression<Func<T, bool?>> selector)
    {
        fields[name] = (target, ops) => EqualityOperations(Rebind(selector, target), ops, name);
        return this;
    }

    public FilterFields<T> Enum<TEnum>(string name, Expression<Func<T, TEnum?>> selector)
        where TEnum : struct, System.Enum
    {
        fields[name] = (target, ops) => EqualityOperations(Rebind(selector, target), ops, name);
        return this;
    }

    /// <summary>A filter on a related entity, e.g. <c>county: { name: { eq: "Kent" } }</c>; no match when it is absent.</summary>
    public FilterFields<T> Nested<TRelated>(string name, Expression<Func<T, TRelated?>> selector, FilterFields<TRelated> related)
        where TRelated : class
    {
        fields[name] = (target, ops) =>
        {
            var navigation = Rebind(selector, target);
            return Expression.AndAlso(
                Expression.NotEqual(navigation, Expression.Constant(null, typeof(TRelated))),
                related.Body(navigation, ops));
        };
        return this;
    }

    /// <summary>The predicate for a <c>where</c> argument, or null when there is nothing to filter on.</summary>
    public Expression<Func<T, bool>>? Predicate(IReadOnlyDictionary<string, object?>? where)
    {
        if (where is null || where.Count == 0)
        {
            return null;
        }
        var parameter = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, bool>>(Body(parameter, where), parameter);
    }

    /// <summary>Applies <paramref name="where"/> to a query.</summary>
    public IQueryable<T> Apply(IQueryable<T> query, IReadOnlyDictionary<string, object?>? where) =>
        Predicate(where) is { } predicate ? query.Where(predicate) : query;

    private Expression Body(Expression target, IReadOnlyDictionary<string, object?> where)
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
                "and" => Combine(target, value, Expression.AndAlso, true),
                "or" => Combine(target, value, Expression.OrElse, false),
                _ when fields.TryGetValue(name, out var translate) => translate(target, AsObject(value, name)),
                _ => throw new GraphQLError($"Cannot filter on \"{name}\".", code: ErrorCodes.BadUserInput),
            };
            result = Expression.AndAlso(result, condition);
        }
        return result;
    }

    private Expression Combine(Expression target, object value, Func<Expression, Expression, BinaryExpression> join, bool empty) =>
        Branches(value, "and/or", item => Body(target, item), join, empty);

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
            Expression condition = op switch
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
            Expression condition = op switch
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
            Expression condition = op switch
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
