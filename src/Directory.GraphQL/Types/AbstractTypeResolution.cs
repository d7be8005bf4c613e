using System.Collections.Concurrent;

namespace Directory.GraphQL.Types;

/// <summary>
/// Finds the object type of a runtime value for one interface or union from the CLR types bound to its possible
/// types (<c>SchemaBuilder.BindType</c>). A value's runtime type, or its nearest bound base class, decides; the
/// answer per runtime type is cached. Dictionaries may name their type in a <c>__typename</c> entry.
/// </summary>
internal sealed class AbstractTypeResolution(IReadOnlyDictionary<Type, string> boundTypes)
{
    private readonly ConcurrentDictionary<Type, string?> _cache = new();

    public string? FromClrType(object value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> ro when ro.TryGetValue("__typename", out var n) && n is string name:
                return name;
            case IDictionary<string, object?> rw when rw.TryGetValue("__typename", out var n) && n is string name:
                return name;
        }
        return _cache.GetOrAdd(value.GetType(), Find);
    }

    private string? Find(Type runtimeType)
    {
        for (var t = runtimeType; t is not null; t = t.BaseType)
        {
            if (boundTypes.TryGetValue(t, out var name))
            {
                return name;
            }
        }
        // A CLR interface bound to an object type (rare, but allowed): first match in the bound order.
        foreach (var (clrType, name) in boundTypes)
        {
            if (clrType.IsInterface && clrType.IsAssignableFrom(runtimeType))
            {
                return name;
            }
        }
        return null;
    }
}
