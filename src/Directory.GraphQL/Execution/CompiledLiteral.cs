using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A list or object literal with variables inside, compiled once per plan for its input type (issue 18 §7): the
/// parts without variables are coerced here, each variable becomes a lookup, and the literal's shape (which input
/// fields, defaults, list items) is resolved in advance, so a request does not walk the literal's AST again. It
/// answers exactly what <see cref="InputCoercion.TryValueFromLiteral"/> would for the same variables; where that would
/// fail, so does this, and the caller then runs the general coercion for its error message.
/// </summary>
internal abstract class CompiledLiteral
{
    /// <summary>The literal's value for a request's coerced variables; false where the literal is invalid for them.</summary>
    public abstract bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? value);

    /// <summary>Compiles <paramref name="node"/> as a value of <paramref name="type"/>.</summary>
    public static CompiledLiteral Compile(ValueNode node, GraphQLType type)
    {
        if (!InputCoercion.ContainsVariable(node))
        {
            return InputCoercion.TryValueFromLiteral(node, type, null, out var value) ? new Constant(value) : Invalid.Instance;
        }
        if (node is VariableNode variable)
        {
            return new Variable(variable.Name.Value, type is NonNullType);
        }
        if (type is NonNullType nonNull)
        {
            // The node holds a variable, so it is no null literal: what remains is its value for the inner type.
            return Compile(node, nonNull.OfType);
        }
        return type switch
        {
            ListType list when node is ListValueNode items => new List(items, list.OfType),
            ListType list => new SingleItemList(Compile(node, list.OfType)),
            InputObjectType inputObject when node is ObjectValueNode fields => new InputObject(fields, inputObject),
            InputObjectType => Invalid.Instance,
            // A scalar given a structured literal with variables inside (a custom JSON-like scalar): its own parsing decides.
            _ => new General(node, type),
        };
    }

    private sealed class Constant(object? value) : CompiledLiteral
    {
        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced)
        {
            coerced = value;
            return true;
        }
    }

    private sealed class Invalid : CompiledLiteral
    {
        public static readonly Invalid Instance = new();

        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced)
        {
            coerced = null;
            return false;
        }
    }

    /// <summary>A variable: its coerced value as it is; missing, or null where the type is non-null, is invalid.</summary>
    private sealed class Variable(string name, bool nonNull) : CompiledLiteral
    {
        public string Name { get; } = name;

        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced) =>
            variables.TryGetValue(Name, out coerced) && (coerced is not null || !nonNull);
    }

    private sealed class General(ValueNode node, GraphQLType type) : CompiledLiteral
    {
        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced) =>
            InputCoercion.TryValueFromLiteral(node, type, variables, out coerced);
    }

    /// <summary>A single value where a list is expected: a list of that one item (input coercion's list rule).</summary>
    private sealed class SingleItemList(CompiledLiteral item) : CompiledLiteral
    {
        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced)
        {
            coerced = null;
            if (!item.TryCoerce(variables, out var single))
            {
                return false;
            }
            coerced = new[] { single };
            return true;
        }
    }

    private sealed class List : CompiledLiteral
    {
        private readonly CompiledLiteral[] _items;
        private readonly bool _itemsNonNull;

        public List(ListValueNode node, GraphQLType itemType)
        {
            _itemsNonNull = itemType is NonNullType;
            _items = new CompiledLiteral[node.Values.Count];
            for (var i = 0; i < _items.Length; i++)
            {
                _items[i] = Compile(node.Values[i], itemType);
            }
        }

        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced)
        {
            coerced = null;
            var items = new object?[_items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                if (_items[i] is Variable variable && !variables.ContainsKey(variable.Name))
                {
                    // A missing variable in a list becomes null, unless the items are non-null.
                    if (_itemsNonNull)
                    {
                        return false;
                    }
                    continue;
                }
                if (!_items[i].TryCoerce(variables, out items[i]))
                {
                    return false;
                }
            }
            coerced = items;
            return true;
        }
    }

    private sealed class InputObject : CompiledLiteral
    {
        // One entry per field of the input type, in the type's order (the order of the coerced map).
        private readonly (string Name, CompiledLiteral? Given, string? VariableName, Absent WhenAbsent, object? Default)[] _fields;
        private readonly bool _oneOf;

        /// <summary>What a field left out of the literal (or given a missing variable) becomes.</summary>
        private enum Absent : byte
        {
            /// <summary>Not in the coerced map.</summary>
            Omitted,

            /// <summary>Its default value.</summary>
            Default,

            /// <summary>The literal is invalid (a required field, or a default that is not valid for the type).</summary>
            Invalid,
        }

        public InputObject(ObjectValueNode node, InputObjectType type)
        {
            _oneOf = type.IsOneOf;
            _fields = new (string, CompiledLiteral?, string?, Absent, object?)[type.Fields.Count];
            var i = 0;
            foreach (var field in type.Fields)
            {
                var given = InputCoercion.FieldOf(node, field.Name);
                var whenAbsent = Absent.Omitted;
                object? defaultValue = null;
                if (field.DefaultValue is not null)
                {
                    whenAbsent = InputCoercion.TryValueFromLiteral(field.DefaultValue, field.Type, null, out defaultValue) ? Absent.Default : Absent.Invalid;
                }
                else if (field.Type is NonNullType)
                {
                    whenAbsent = Absent.Invalid;
                }
                _fields[i++] = (
                    field.Name,
                    given is null ? null : Compile(given.Value, field.Type),
                    (given?.Value as VariableNode)?.Name.Value,
                    whenAbsent,
                    defaultValue);
            }
        }

        public override bool TryCoerce(IReadOnlyDictionary<string, object?> variables, out object? coerced)
        {
            coerced = null;
            var values = new Dictionary<string, object?>(_fields.Length, StringComparer.Ordinal);
            foreach (var (name, given, variableName, whenAbsent, defaultValue) in _fields)
            {
                if (given is null || (variableName is not null && !variables.ContainsKey(variableName)))
                {
                    switch (whenAbsent)
                    {
                        case Absent.Default:
                            values[name] = defaultValue;
                            continue;
                        case Absent.Invalid:
                            return false;
                        default:
                            continue;
                    }
                }
                if (!given.TryCoerce(variables, out var value))
                {
                    return false;
                }
                values[name] = value;
            }
            if (_oneOf && (values.Count != 1 || values.Values.First() is null))
            {
                return false;
            }
            coerced = values;
            return true;
        }
    }
}
