using System.Linq.Expressions;

namespace Directory.Api.Paging;

/// <summary>
/// Values for hand-built expression trees. A value put in a tree as a constant is part of EF Core's query cache key,
/// so every new value (a filter string, a DataLoader batch's id list) would compile the query afresh and grow the
/// cache; read through a holder's field — the shape of a captured variable — it becomes a SQL parameter, and EF Core
/// compiles one plan per query shape.
/// </summary>
internal static class QueryParameter
{
    public static Expression Of<TValue>(TValue value) =>
        Expression.Field(Expression.Constant(new ValueHolder<TValue>(value)), ValueHolder<TValue>.ValueField);

    public static Expression Of(object? value, Type type)
    {
        var holderType = typeof(ValueHolder<>).MakeGenericType(type);
        var holder = Activator.CreateInstance(holderType, value);
        return Expression.Field(Expression.Constant(holder), holderType.GetField(nameof(ValueHolder<int>.Value))!);
    }
}

/// <summary>Holds a value so that EF Core sends it as a SQL parameter (see <see cref="QueryParameter"/>).</summary>
internal sealed class ValueHolder<TValue>(TValue value)
{
    // Looked up once per type: loaders build a holder for every batch.
    internal static readonly System.Reflection.FieldInfo ValueField = typeof(ValueHolder<TValue>).GetField(nameof(Value))!;

    public readonly TValue Value = value;
}
