using System.Linq.Expressions;

namespace Directory.Api.Paging;

/// <summary>
/// Joins many conditions into one expression as a balanced tree, so that n conditions nest log₂ n levels deep
/// instead of n: EF Core's expression visitors (and SQLite's parser, SQLITE_MAX_EXPR_DEPTH) recurse once per level,
/// and a chain of thousands of levels overflows the stack, which ends the process.
/// </summary>
internal static class Predicates
{
    /// <summary>The conditions joined with <paramref name="join"/> (AndAlso, OrElse), or null when there are none.</summary>
    public static Expression? Balanced(IReadOnlyList<Expression> conditions, Func<Expression, Expression, BinaryExpression> join) =>
        conditions.Count == 0 ? null : Balanced(conditions, 0, conditions.Count, join);

    private static Expression Balanced(IReadOnlyList<Expression> conditions, int start, int count, Func<Expression, Expression, BinaryExpression> join)
    {
        if (count == 1)
        {
            return conditions[start];
        }
        var half = count / 2;
        return join(Balanced(conditions, start, half, join), Balanced(conditions, start + half, count - half, join));
    }

    /// <summary>One predicate true when all of <paramref name="predicates"/> are (a balanced AndAlso), or null for none.</summary>
    public static Expression<Func<T, bool>>? AllOf<T>(IEnumerable<Expression<Func<T, bool>>> predicates)
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var bodies = predicates.Select(p => Rebind(p, parameter)).ToList();
        return Balanced(bodies, Expression.AndAlso) is { } body ? Expression.Lambda<Func<T, bool>>(body, parameter) : null;
    }

    /// <summary>The body of a one-parameter lambda with its parameter replaced by <paramref name="target"/>.</summary>
    public static Expression Rebind(LambdaExpression selector, Expression target) =>
        new ParameterReplacer(selector.Parameters[0], target).Visit(selector.Body);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
