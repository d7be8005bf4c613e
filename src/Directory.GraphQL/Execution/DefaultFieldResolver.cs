using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Directory.GraphQL.Execution;

/// <summary>
/// The resolver used when a field has none (graphql-js <c>defaultFieldResolver</c>): a dictionary entry or a public
/// property (or parameterless method) of the parent named like the field, case-insensitively.
/// </summary>
internal static class DefaultFieldResolver
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Getters = new();

    public static ValueTask<object?> Resolve(ResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parent = context.Parent;
        var name = context.Field?.Name;
        if (parent is null || name is null)
        {
            return default;
        }
        return new ValueTask<object?>(Read(parent, name));
    }

    public static object? Read(object parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        switch (parent)
        {
            case IReadOnlyDictionary<string, object?> readOnly:
                return readOnly.TryGetValue(name, out var value) ? value : null;
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(name, out var entry) ? entry : null;
            case IDictionary untyped:
                return untyped.Contains(name) ? untyped[name] : null;
        }
        var getter = Getters.GetOrAdd((parent.GetType(), name), static key => CreateGetter(key.Item1, key.Item2));
        return getter?.Invoke(parent);
    }

    private static Func<object, object?>? CreateGetter(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
        if (type.GetProperty(name, flags) is { CanRead: true } property && property.GetIndexParameters().Length == 0)
        {
            return property.GetValue;
        }
        if (type.GetMethod(name, flags, Type.EmptyTypes) is { } method && method.ReturnType != typeof(void))
        {
            return target => method.Invoke(target, null);
        }
        return null;
    }
}
