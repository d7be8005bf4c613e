using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>
/// Hooks that give a custom scalar its coercion rules (spec §3.5). Each hook may throw (preferably a
/// <see cref="GraphQLError"/>) to reject a value; the message reaches the client. Missing hooks pass values through:
/// <see cref="ParseLiteral"/> defaults to <see cref="ParseValue"/> over the literal's plain value.
/// </summary>
public sealed class ScalarCoercion
{
    /// <summary>Result coercion: a resolver's value to what goes in the response.</summary>
    public Func<object, object?>? Serialize { get; init; }

    /// <summary>Input coercion of a variable value (a CLR value, or a <c>JsonElement</c> converted to plain CLR values).</summary>
    public Func<object, object?>? ParseValue { get; init; }

    /// <summary>Input coercion of a literal in the document (variables inside it already substituted).</summary>
    public Func<ValueNode, object?>? ParseLiteral { get; init; }
}

/// <summary>A scalar type (spec §3.5): built-in Int, Float, String, Boolean, ID, or a custom scalar.</summary>
public sealed class ScalarType : NamedType
{
    private readonly Func<object, object?> _serialize;
    private readonly Func<object, object?> _parseValue;
    private readonly Func<ValueNode, object?>? _parseLiteral;

    internal ScalarType(
        string name,
        string? description,
        Func<object, object?> serialize,
        Func<object, object?> parseValue,
        Func<ValueNode, object?>? parseLiteral,
        bool isBuiltIn)
        : base(name, description)
    {
        _serialize = serialize;
        _parseValue = parseValue;
        _parseLiteral = parseLiteral;
        IsBuiltIn = isBuiltIn;
    }

    /// <summary>A custom scalar with the given hooks (missing hooks pass values through).</summary>
    internal static ScalarType Custom(string name, string? description, ScalarCoercion? coercion)
    {
        var parseValue = coercion?.ParseValue;
        return new ScalarType(
            name,
            description,
            coercion?.Serialize ?? (v => v),
            // Variables arrive as JsonElement; hooks and pass-through alike see plain CLR data instead.
            parseValue is null
                ? (v => v is System.Text.Json.JsonElement e ? JsonValues.ToClr(e) : v)
                : v => parseValue(v is System.Text.Json.JsonElement e ? JsonValues.ToClr(e)! : v),
            coercion?.ParseLiteral,
            isBuiltIn: false);
    }

    /// <inheritdoc/>
    public override TypeKind Kind => TypeKind.Scalar;

    /// <summary>The URL from <c>@specifiedBy(url:)</c>, or null.</summary>
    public string? SpecifiedByUrl { get; internal set; }

    /// <summary>True for the five scalars the spec defines.</summary>
    public bool IsBuiltIn { get; }

    /// <summary>Result coercion (spec §3.5 "Result Coercion"). Throws <see cref="GraphQLError"/> when the value can't be represented.</summary>
    public object? Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _serialize(value);
    }

    /// <summary>
    /// Input coercion of an external value: a CLR value or a <c>System.Text.Json.JsonElement</c> (variables from
    /// HTTP). Null (or a JSON null) returns null; nullability is the caller's concern. Throws <see cref="GraphQLError"/>.
    /// </summary>
    public object? ParseValue(object? value)
    {
        if (value is null || value is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined })
        {
            return null;
        }
        return _parseValue(value);
    }

    /// <summary>
    /// Input coercion of a literal. Variables inside the literal (only meaningful for custom scalars whose values
    /// are lists or objects) are replaced from <paramref name="variables"/>. A <c>null</c> literal returns null.
    /// Throws <see cref="GraphQLError"/> located at the node.
    /// </summary>
    public object? ParseLiteral(ValueNode node, IReadOnlyDictionary<string, object?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is NullValueNode)
        {
            return null;
        }
        if (_parseLiteral is not null)
        {
            return _parseLiteral(node);
        }
        var plain = JsonValues.FromLiteral(node, variables);
        return plain is null ? null : _parseValue(plain);
    }
}
