using System.Globalization;
using System.Text.Json;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>Conversions between JSON/literal values and plain CLR values (string, long, double, bool, lists, dictionaries).</summary>
internal static class JsonValues
{
    /// <summary>A JSON value as plain CLR data: objects become ordered dictionaries, whole numbers long (or double when too large).</summary>
    public static object? ToClr(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToClr).ToList(),
        JsonValueKind.Object => ToDictionary(element),
        _ => null,
    };

    private static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ToClr(property.Value);
        }
        return result;
    }

    /// <summary>
    /// A literal's value without a type to guide it (graphql-js <c>valueFromASTUntyped</c>): ints become long,
    /// floats double, enums their name, variables their value from <paramref name="variables"/> (null when absent).
    /// </summary>
    public static object? FromLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables = null) => node switch
    {
        NullValueNode => null,
        IntValueNode i => long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : double.Parse(i.Value, CultureInfo.InvariantCulture),
        FloatValueNode f => double.Parse(f.Value, CultureInfo.InvariantCulture),
        StringValueNode s => s.Value,
        BooleanValueNode b => b.Value,
        EnumValueNode e => e.Value,
        ListValueNode list => list.Values.Select(v => FromLiteral(v, variables)).ToList(),
        ObjectValueNode obj => obj.Fields.ToDictionary(f => f.Name.Value, f => FromLiteral(f.Value, variables), StringComparer.Ordinal),
        VariableNode v => variables is not null && variables.TryGetValue(v.Name.Value, out var value)
            ? value is JsonElement e ? ToClr(e) : value
            : null,
        _ => throw new ArgumentException($"Unexpected value node {node.Kind}.", nameof(node)),
    };
}
