using System.Linq.Expressions;

namespace Directory.Api.Paging;

/// <summary>
/// Translates a HotChocolate-style <c>order</c> argument (<c>[{ name: ASC }, { organisation: { name: DESC } }]</c>) into
/// ORDER BY clauses. The entity's key always comes last, so the order is total and page cursors stay stable.
/// </summary>
public sealed class SortFields<T> : ISortShape
{
    private readonly Dictionary<string, LambdaExpression> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LambdaExpression Navigation, Func<string, LambdaExpression?> Related)> _nested = new(StringComparer.Ordinal);

    // The related entities' sorts by field, for the schema check (FilterSortInputs).
    private readonly Dictionary<string, ISortShape> _nestedShapes = new(StringComparer.Ordinal);

    IEnumerable<string> ISortShape.Keys => _keys.Keys;

    IReadOnlyDictionary<string, ISortShape> ISortShape.Nested => _nestedShapes;

    public SortFields<T> Key<TKey>(string name, Expression<Func<T, TKey>> selector)
    {
        _keys[name] = selector;
        return this;
    }

    /// <summary>Sorting by a related entity's fields, e.g. <c>organisation: { name: ASC }</c>.</summary>
    public SortFields<T> Nested<TRelated>(string name, Expression<Func<T, TRelated>> navigation, SortFields<TRelated> related)
    {
        _nested[name] = (navigation, related.Find);
        _nestedShapes[name] = related;
        return this;
    }

    private LambdaExpression? Find(string name) => _keys.GetValueOrDefault(name);

    /// <summary>Orders <paramref name="query"/> by <paramref name="order"/>, then by the default, then by the tiebreaker.</summary>
    public IQueryable<T> Apply<TTie>(
        IQueryable<T> query,
        IReadOnlyList<object?>? order,
        IReadOnlyList<(LambdaExpression Key, bool Descending)> defaults,
        Expression<Func<T, TTie>> tiebreaker)
    {
        var clauses = new List<(LambdaExpression Key, bool Descending)>();
        foreach (var entry in order ?? [])
        {
            if (entry is not IReadOnlyDictionary<string, object?> fields)
            {
                continue;
            }
            foreach (var (name, value) in fields)
            {
                if (value is null)
                {
                    continue;
                }
                clauses.Add(Clause(name, value));
            }
        }
        clauses.AddRange(defaults);
        clauses.Add((tiebreaker, false));

        IOrderedQueryable<T>? ordered = null;
        foreach (var (key, descending) in clauses)
        {
            var method = (ordered is null, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            var call = Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], (ordered ?? query).Expression, Expression.Quote(key));
            ordered = (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(call);
        }
        return ordered!;
    }

    private (LambdaExpression Key, bool Descending) Clause(string name, object value)
    {
        if (_keys.TryGetValue(name, out var key))
        {
            return (key, IsDescending(value, name));
        }
        if (_nested.TryGetValue(name, out var related) && value is IReadOnlyDictionary<string, object?> inner)
        {
            var (innerName, innerValue) = inner.Single(kv => kv.Value is not null);
            var innerKey = related.Related(innerName) ?? throw Unknown(innerName);
            // x => innerKey(navigation(x))
            var parameter = related.Navigation.Parameters[0];
            var body = new Replace(innerKey.Parameters[0], related.Navigation.Body).Visit(innerKey.Body);
            return (Expression.Lambda(body, parameter), IsDescending(innerValue!, innerName));
        }
        throw Unknown(name);
    }

    private static bool IsDescending(object value, string name) => value.ToString() switch
    {
        "ASC" => false,
        "DESC" => true,
        _ => throw new GraphQLError($"Sort \"{name}\" must be ASC or DESC.", code: ErrorCodes.BadUserInput),
    };

    private static GraphQLError Unknown(string name) => new($"Cannot sort by \"{name}\".", code: ErrorCodes.BadUserInput);

    private sealed class Replace(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}

/// <summary>A default sort clause, for <see cref="SortFields{T}.Apply"/>.</summary>
public static class SortClause
{
    public static (LambdaExpression Key, bool Descending) Ascending<T, TKey>(Expression<Func<T, TKey>> key) => (key, false);
}
