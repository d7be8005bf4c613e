using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Converts coerced input values to the CLR type a resolver asks for: numbers between widths, arrays to
/// <c>T[]</c>/<c>List&lt;T&gt;</c>, strings to enums. Coerced values are already valid for their GraphQL type,
/// so this only bridges representation, never validates.
/// </summary>
internal static class ValueConversion
{
    // Input objects become CLR objects through JSON: property names match case-insensitively and enum members
    // travel by name, so a record like `Filter(string? Region, Kind? Kind)` receives `{region, kind}` directly.
    private static readonly JsonSerializerOptions ObjectMapping = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static T? To<T>(object? value) => value is T typed ? typed : (T?)To(value, typeof(T));

    public static object? To(object? value, Type target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (value is null)
        {
            return null;
        }
        if (target.IsInstanceOfType(value))
        {
            return value;
        }
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (value is JsonElement element)
        {
            return element.Deserialize(target);
        }
        if (underlying.IsEnum)
        {
            return value is string name ? Enum.Parse(underlying, name, ignoreCase: true) : Enum.ToObject(underlying, value);
        }
        if (underlying.IsArray && value is IEnumerable items && value is not string)
        {
            var elementType = underlying.GetElementType()!;
            var source = items.Cast<object?>().ToList();
            var array = Array.CreateInstance(elementType, source.Count);
            for (var i = 0; i < source.Count; i++)
            {
                array.SetValue(To(source[i], elementType), i);
            }
            return array;
        }
        if (underlying.IsGenericType && value is IEnumerable sequence && value is not string)
        {
            var definition = underlying.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>))
            {
                var elementType = underlying.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
                foreach (var item in sequence)
                {
                    list.Add(To(item, elementType));
                }
                return list;
            }
        }
        if (value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>)
        {
            return JsonSerializer.SerializeToElement(value, ObjectMapping).Deserialize(target, ObjectMapping);
        }
        if (underlying == typeof(Guid) && value is string guid)
        {
            return Guid.Parse(guid, CultureInfo.InvariantCulture);
        }
        if (value is IConvertible)
        {
            return Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture);
        }
        throw new InvalidCastException($"Cannot convert a {value.GetType().Name} to {target.Name}.");
    }
}
