using System.Collections;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// Input coercion (spec §6.1.2 CoerceVariableValues, §6.4.1 CoerceArgumentValues, §3.10 input objects, §3.11 lists):
/// external values (JSON variables) through graphql-js <c>coerceInputValue</c> rules, literals through
/// <c>valueFromAST</c> rules. Coerced input objects are dictionaries (in the type's field order), lists are arrays.
/// </summary>
public static class InputCoercion
{
    private static readonly IReadOnlyDictionary<string, object?> NoValues = new Dictionary<string, object?>();

    /// <summary>Coerces the request's variables against the operation's definitions; errors make a request error.</summary>
    internal static IReadOnlyDictionary<string, object?> CoerceVariableValues(
        Schema schema,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, JsonElement>? inputs,
        List<GraphQLError> errors)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(errors);
        if (operation.VariableDefinitions.Count == 0)
        {
            return NoValues;
        }
        var coerced = new Dictionary<string, object?>(operation.VariableDefinitions.Count, StringComparer.Ordinal);
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            var type = TypeFromAst(schema, definition.Type);
            if (type is null || !TypeHelpers.IsInputType(type))
            {
                errors.Add(GraphQLError.At(
                    $"Variable \"${name}\" expected value of type \"{Print(definition.Type)}\" which cannot be used as an input type.",
                    ErrorCodes.BadUserInput,
                    definition.Type));
                continue;
            }
            if (inputs is null || !inputs.TryGetValue(name, out var input) || input.ValueKind == JsonValueKind.Undefined)
            {
                if (definition.DefaultValue is not null)
                {
                    if (TryValueFromLiteral(definition.DefaultValue, type, null, out var defaultValue))
                    {
                        coerced[name] = defaultValue;
                    }
                }
                else if (type is NonNullType)
                {
                    errors.Add(GraphQLError.At(
                        $"Variable \"${name}\" of required type \"{type}\" was not provided.", ErrorCodes.BadUserInput, definition));
                }
                continue;
            }
            if (input.ValueKind == JsonValueKind.Null && type is NonNullType)
            {
                errors.Add(GraphQLError.At(
                    $"Variable \"${name}\" of non-null type \"{type}\" must not be null.", ErrorCodes.BadUserInput, definition));
                continue;
            }
            var before = errors.Count;
            var value = CoerceInputValue(input, type, (path, invalid, message) =>
            {
                var prefix = new StringBuilder("Variable \"$").Append(name).Append("\" got invalid value ")
                    .Append(ValueInspector.Inspect(invalid));
                if (path.Count > 0)
                {
                    prefix.Append(" at \"").Append(name).Append(PrintPath(path)).Append('"');
                }
                errors.Add(GraphQLError.At(prefix.Append("; ").Append(message).ToString(), ErrorCodes.BadUserInput, definition));
            });
            if (errors.Count == before)
            {
                coerced[name] = value;
            }
        }
        return coerced;
    }

    /// <summary>Reports an invalid part of an external value: its path below the root, the value, and the reason.</summary>
    public delegate void InputErrorHandler(IReadOnlyList<object> path, object? invalidValue, string message);

    /// <summary>
    /// Coerces an external value (a <see cref="JsonElement"/> or plain CLR data) to the type, graphql-js
    /// <c>coerceInputValue</c>: reports each problem through <paramref name="onError"/> and returns null then.
    /// </summary>
    public static object? CoerceInputValue(object? value, GraphQLType type, InputErrorHandler onError)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(onError);
        return Coerce(value, type, onError, []);
    }

    private static bool IsNull(object? value) =>
        value is null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined };

    private static object? Coerce(object? value, GraphQLType type, InputErrorHandler onError, List<object> path)
    {
        if (type is NonNullType nonNull)
        {
            if (!IsNull(value))
            {
                return Coerce(value, nonNull.OfType, onError, path);
            }
            onError(path, value, $"Expected non-nullable type \"{type}\" not to be null.");
            return null;
        }
        if (IsNull(value))
        {
            return null;
        }
        switch (type)
        {
            case ListType list:
                if (AsSequence(value!) is { } items)
                {
                    var result = new List<object?>();
                    var index = 0;
                    foreach (var item in items)
                    {
                        path.Add(index);
                        result.Add(Coerce(item, list.OfType, onError, path));
                        path.RemoveAt(path.Count - 1);
                        index++;
                    }
                    return result.ToArray();
                }
                // A single value where a list is expected is a list of one (spec §3.11 input coercion).
                return new[] { Coerce(value, list.OfType, onError, path) };
            case InputObjectType inputObject:
                return CoerceInputObject(value!, inputObject, onError, path);
            case ScalarType scalar:
                return CoerceLeaf(() => scalar.ParseValue(value), value, type, onError, path);
            case EnumType enumType:
                return CoerceLeaf(() => enumType.ParseValue(value!), value, type, onError, path);
            default:
                onError(path, value, $"Expected type \"{type}\" to be an input type.");
                return null;
        }
    }

    private static object? CoerceLeaf(Func<object?> parse, object? value, GraphQLType type, InputErrorHandler onError, List<object> path)
    {
        try
        {
            var parsed = parse();
            if (parsed is null)
            {
                onError(path, value, $"Expected type \"{type}\".");
            }
            return parsed;
        }
        catch (GraphQLError error)
        {
            onError(path, value, error.Message);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            onError(path, value, $"Expected type \"{type}\". {ex.Message}");
        }
        return null;
    }

    private static Dictionary<string, object?>? CoerceInputObject(object value, InputObjectType type, InputErrorHandler onError, List<object> path)
    {
        var fields = AsObject(value);
        if (fields is null)
        {
            onError(path, value, $"Expected type \"{type.Name}\" to be an object.");
            return null;
        }
        var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            if (!fields.TryGetValue(field.Name, out var fieldValue) || fieldValue is JsonElement { ValueKind: JsonValueKind.Undefined })
            {
                if (field.DefaultValue is not null)
                {
                    if (TryValueFromLiteral(field.DefaultValue, field.Type, null, out var defaultValue))
                    {
                        coerced[field.Name] = defaultValue;
                    }
                }
                else if (field.Type is NonNullType)
                {
                    onError(path, value, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                }
                continue;
            }
            path.Add(field.Name);
            coerced[field.Name] = Coerce(fieldValue, field.Type, onError, path);
            path.RemoveAt(path.Count - 1);
        }
        foreach (var name in fields.Keys)
        {
            if (type.GetField(name) is null)
            {
                onError(path, value, $"Field \"{name}\" is not defined by type \"{type.Name}\"." + DidYouMean(name, type));
            }
        }
        if (type.IsOneOf)
        {
            if (fields.Count != 1)
            {
                onError(path, value, $"Exactly one key must be specified for OneOf type \"{type.Name}\".");
            }
            else
            {
                var (key, only) = fields.First();
                if (IsNull(only))
                {
                    onError(path, value, $"Field \"{key}\" must be non-null.");
                }
            }
        }
        return coerced;
    }

    private static string DidYouMean(string name, InputObjectType type)
    {
        var matches = type.Fields.Select(f => f.Name)
            .Where(f => f.StartsWith(name, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f, StringComparison.OrdinalIgnoreCase))
            .Take(5)
            .ToList();
        return matches.Count switch
        {
            0 => "",
            1 => $" Did you mean \"{matches[0]}\"?",
            _ => " Did you mean " + string.Join(", ", matches.Take(matches.Count - 1).Select(m => $"\"{m}\""))
                + $", or \"{matches[^1]}\"?",
        };
    }

    private static IEnumerable<object?>? AsSequence(object value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => (object?)e),
        JsonElement => null,
        string => null,
        IDictionary => null,
        IEnumerable<KeyValuePair<string, object?>> => null,
        IEnumerable sequence => sequence.Cast<object?>(),
        _ => null,
    };

    private static Dictionary<string, object?>? AsObject(object value)
    {
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                var fromJson = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    fromJson[property.Name] = property.Value;
                }
                return fromJson;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            case IDictionary dictionary:
                var fromDictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    fromDictionary[entry.Key.ToString() ?? ""] = entry.Value;
                }
                return fromDictionary;
            default:
                return null;
        }
    }

    private static string PrintPath(IReadOnlyList<object> path)
    {
        var sb = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                sb.Append('[').Append(index).Append(']');
            }
            else
            {
                sb.Append('.').Append(segment);
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Coerces a literal to the type (graphql-js <c>valueFromAST</c>): false when the literal is invalid for the
    /// type, or refers to a variable that is missing where a value is required. <paramref name="variables"/> are
    /// already-coerced variable values; a variable absent from it counts as not provided.
    /// </summary>
    public static bool TryValueFromLiteral(ValueNode node, GraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(type);
        value = null;
        if (node is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
            {
                return false;
            }
            if (variableValue is null && type is NonNullType)
            {
                return false;
            }
            value = variableValue;
            return true;
        }
        if (type is NonNullType nonNull)
        {
            return node is not NullValueNode && TryValueFromLiteral(node, nonNull.OfType, variables, out value);
        }
        if (node is NullValueNode)
        {
            return true;
        }
        switch (type)
        {
            case ListType list:
                if (node is ListValueNode listNode)
                {
                    var items = new object?[listNode.Values.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        var itemNode = listNode.Values[i];
                        if (IsMissingVariable(itemNode, variables))
                        {
                            // A missing variable in a list becomes null, unless the items are non-null.
                            if (list.OfType is NonNullType)
                            {
                                return false;
                            }
                            continue;
                        }
                        if (!TryValueFromLiteral(itemNode, list.OfType, variables, out items[i]))
                        {
                            return false;
                        }
                    }
                    value = items;
                    return true;
                }
                if (!TryValueFromLiteral(node, list.OfType, variables, out var single))
                {
                    return false;
                }
                value = new[] { single };
                return true;
            case InputObjectType inputObject:
                return TryInputObjectFromLiteral(node, inputObject, variables, out value);
            case ScalarType scalar:
                try
                {
                    value = scalar.ParseLiteral(node, variables);
                    return value is not null;
                }
                catch (GraphQLError)
                {
                    return false;
                }
            case EnumType enumType:
                try
                {
                    value = enumType.ParseLiteral(node);
                    return true;
                }
                catch (GraphQLError)
                {
                    return false;
                }
            default:
                return false;
        }
    }

    private static bool TryInputObjectFromLiteral(
        ValueNode node, InputObjectType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
    {
        value = null;
        if (node is not ObjectValueNode objectNode)
        {
            return false;
        }
        var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            var fieldNode = FieldOf(objectNode, field.Name);
            if (fieldNode is null || IsMissingVariable(fieldNode.Value, variables))
            {
                if (field.DefaultValue is not null)
                {
                    if (!TryValueFromLiteral(field.DefaultValue, field.Type, null, out var defaultValue))
                    {
                        return false;
                    }
                    coerced[field.Name] = defaultValue;
                }
                else if (field.Type is NonNullType)
                {
                    return false;
                }
                continue;
            }
            if (!TryValueFromLiteral(fieldNode.Value, field.Type, variables, out var fieldValue))
            {
                return false;
            }
            coerced[field.Name] = fieldValue;
        }
        if (type.IsOneOf && (coerced.Count != 1 || coerced.First().Value is null))
        {
            return false;
        }
        value = coerced;
        return true;
    }

    /// <summary>The literal's field of that name, or null.</summary>
    internal static ObjectFieldNode? FieldOf(ObjectValueNode node, string name)
    {
        foreach (var candidate in node.Fields)
        {
            if (candidate.Name.Value == name)
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables) =>
        node is VariableNode v && (variables is null || !variables.ContainsKey(v.Name.Value));

    /// <summary>
    /// Coerces a field's (or directive's) arguments (spec §6.4.1, graphql-js <c>getArgumentValues</c>). Throws a
    /// located <see cref="GraphQLError"/> for the first invalid argument.
    /// </summary>
    internal static IReadOnlyDictionary<string, object?> CoerceArgumentValues(
        IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> arguments,
        IReadOnlyDictionary<string, object?>? variables,
        SyntaxNode ownerNode)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(arguments);
        if (definitions.Count == 0)
        {
            return NoValues;
        }
        var coerced = new Dictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var name = definition.Name;
            var type = definition.Type;
            ArgumentNode? argument = null;
            foreach (var candidate in arguments)
            {
                if (candidate.Name.Value == name)
                {
                    argument = candidate;
                    break;
                }
            }
            if (argument is null)
            {
                if (definition.DefaultValue is not null)
                {
                    if (TryValueFromLiteral(definition.DefaultValue, type, null, out var defaultValue))
                    {
                        coerced[name] = defaultValue;
                    }
                }
                else if (type is NonNullType)
                {
                    throw GraphQLError.At(
                        $"Argument \"{name}\" of required type \"{type}\" was not provided.", ErrorCodes.BadUserInput, ownerNode);
                }
                continue;
            }
            var valueNode = argument.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                var variableName = variable.Name.Value;
                if (variables is null || !variables.TryGetValue(variableName, out var variableValue))
                {
                    if (definition.DefaultValue is not null)
                    {
                        if (TryValueFromLiteral(definition.DefaultValue, type, null, out var defaultValue))
                        {
                            coerced[name] = defaultValue;
                        }
                    }
                    else if (type is NonNullType)
                    {
                        throw GraphQLError.At(
                            $"Argument \"{name}\" of required type \"{type}\" was provided the variable \"${variableName}\" which was not provided a runtime value.",
                            ErrorCodes.BadUserInput,
                            valueNode);
                    }
                    continue;
                }
                isNull = variableValue is null;
            }
            if (isNull && type is NonNullType)
            {
                throw GraphQLError.At(
                    $"Argument \"{name}\" of non-null type \"{type}\" must not be null.", ErrorCodes.BadUserInput, valueNode);
            }
            if (!TryValueFromLiteral(valueNode, type, variables, out var value))
            {
                throw GraphQLError.At(
                    $"Argument \"{name}\" has invalid value {Print(valueNode)}.", ErrorCodes.BadUserInput, valueNode);
            }
            coerced[name] = value;
        }
        return coerced;
    }

    /// <summary>True when the literal (or any part of it) refers to a variable.</summary>
    public static bool ContainsVariable(ValueNode node) => node switch
    {
        VariableNode => true,
        ListValueNode list => list.Values.Any(ContainsVariable),
        ObjectValueNode obj => obj.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };

    /// <summary>The schema type a type reference names, or null when a named type is unknown.</summary>
    internal static GraphQLType? TypeFromAst(Schema schema, TypeNode node)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return node switch
        {
            NamedTypeNode named => schema.GetType(named.Name.Value),
            ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
            NonNullTypeNode nonNull => TypeFromAst(schema, nonNull.Type) is { } inner && inner is not NonNullType
                ? new NonNullType(inner)
                : null,
            _ => null,
        };
    }

    private static string Print(TypeNode node) => node switch
    {
        NamedTypeNode named => named.Name.Value,
        ListTypeNode list => "[" + Print(list.Type) + "]",
        NonNullTypeNode nonNull => Print(nonNull.Type) + "!",
        _ => "",
    };

    /// <summary>A literal as GraphQL source (for messages).</summary>
    internal static string Print(ValueNode node) => ValueInspector.Inspect(node);
}
