using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// The arguments of a field that read variables, compiled once per plan (issue 18 §7): what does not depend on the
/// request — literals, absent arguments' defaults, the errors of invalid literals — is coerced here, and an argument
/// given as a variable becomes a lookup of the (already coerced) variable, and a list or object literal with variables
/// inside is compiled for its type (<see cref="CompiledLiteral"/>). A request then walks no argument AST: only a missing
/// or null variable, or a literal invalid for the request's variables, goes through the general coercion (for its
/// default or its error message), for that argument alone. The values do not change within a request, so each
/// request coerces a field's arguments once (<see cref="Slot"/>), however many list items the field is resolved for.
/// </summary>
internal sealed class VariableArguments
{
    private enum Source : byte
    {
        /// <summary>A value (or, for an absent optional argument without default, nothing) fixed by the document.</summary>
        Fixed,

        /// <summary>The argument is a variable: its coerced value, as it is.</summary>
        Variable,

        /// <summary>A list or object literal with a variable inside: coerced per request.</summary>
        Literal,
    }

    private readonly struct Argument(
        string name, Source source, bool present, object? value, string? variableName, CompiledLiteral? literal, InputValueDefinition[] definition, ArgumentNode[] node)
    {
        public string Name { get; } = name;

        public Source Source { get; } = source;

        /// <summary>For <see cref="Source.Fixed"/>: whether the argument has a value (false: left out of the map).</summary>
        public bool Present { get; } = present;

        public object? Value { get; } = value;

        public string? VariableName { get; } = variableName;

        /// <summary>For <see cref="Source.Literal"/>: the literal compiled for the argument's type.</summary>
        public CompiledLiteral? Literal { get; } = literal;

        public bool NonNull => Definition[0].Type is NonNullType;

        // The definition and node as one-element arrays, so the general coercion can take just this argument (for a
        // missing or null variable, and for literals with variables inside) with its own messages and defaults.
        public InputValueDefinition[] Definition { get; } = definition;

        public ArgumentNode[] Node { get; } = node;
    }

    private readonly Argument[] _arguments;
    private readonly string[] _names;
    private readonly SyntaxNode _owner;
    private readonly GraphQLError? _error;

    /// <summary>Compiles the field's arguments; an error a fixed part raises is kept and thrown on every execution.</summary>
    /// <param name="definitions">The field's argument definitions.</param>
    /// <param name="arguments">The arguments given in the document.</param>
    /// <param name="owner">The field node (where an error about a missing argument points).</param>
    /// <param name="slot">This field's place in a request's cache of coerced arguments (unique within the plan).</param>
    public VariableArguments(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> arguments, FieldNode owner, int slot)
    {
        _owner = owner;
        Slot = slot;
        var compiled = new List<Argument>(definitions.Count);
        foreach (var definition in definitions)
        {
            InputValueDefinition[] single = [definition];
            var node = Find(arguments, definition.Name);
            ArgumentNode[] nodes = node is null ? [] : [node];
            if (node?.Value is VariableNode variable)
            {
                compiled.Add(new Argument(definition.Name, Source.Variable, true, null, variable.Name.Value, null, single, nodes));
                continue;
            }
            if (node is not null && InputCoercion.ContainsVariable(node.Value))
            {
                compiled.Add(new Argument(definition.Name, Source.Literal, true, null, null, CompiledLiteral.Compile(node.Value, definition.Type), single, nodes));
                continue;
            }
            try
            {
                // Exactly what the general coercion does for this argument: a coerced literal, the default, nothing.
                var fixedValue = InputCoercion.CoerceArgumentValues(single, nodes, null, owner);
                var present = fixedValue.TryGetValue(definition.Name, out var value);
                compiled.Add(new Argument(definition.Name, Source.Fixed, present, value, null, null, single, nodes));
            }
            catch (GraphQLError error)
            {
                // The general coercion stops at the first failing argument in definition order; so does this.
                _error = error;
                break;
            }
        }
        _arguments = [.. compiled];
        _names = new string[_arguments.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            _names[i] = _arguments[i].Name;
        }
    }

    /// <summary>Where a request keeps this field's coerced arguments once made (see <c>RequestContext.ArgumentsOf</c>).</summary>
    public int Slot { get; }

    private static ArgumentNode? Find(IReadOnlyList<ArgumentNode> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Name.Value == name)
            {
                return arguments[i];
            }
        }
        return null;
    }

    /// <summary>The coerced argument values for a request's coerced variables (spec §6.4.1 CoerceArgumentValues).</summary>
    public IReadOnlyDictionary<string, object?> Coerce(IReadOnlyDictionary<string, object?> variables)
    {
        // The map's keys are the compiled names, shared by every request; only the values are the request's.
        var values = new object?[_arguments.Length];
        for (var i = 0; i < _arguments.Length; i++)
        {
            var argument = _arguments[i];
            switch (argument.Source)
            {
                case Source.Fixed:
                    values[i] = argument.Present ? argument.Value : ArgumentMap.Absent;
                    continue;
                case Source.Variable when variables.TryGetValue(argument.VariableName!, out var value) && (value is not null || !argument.NonNull):
                    values[i] = value;
                    continue;
                case Source.Literal when argument.Literal!.TryCoerce(variables, out var literal):
                    values[i] = literal;
                    continue;
                default:
                    // A missing or null variable (default, omission or error), and a literal invalid for these
                    // variables (its error): the general coercion, for this argument alone.
                    var general = InputCoercion.CoerceArgumentValues(argument.Definition, argument.Node, variables, _owner);
                    values[i] = general.TryGetValue(argument.Name, out var coercedValue) ? coercedValue : ArgumentMap.Absent;
                    continue;
            }
        }
        if (_error is not null)
        {
            throw _error;
        }
        return new ArgumentMap(_names, values);
    }
}

/// <summary>
/// Coerced arguments as a read-only map over the compiled argument names (shared) and one request's values: an array
/// instead of a dictionary's buckets and entries. Names are few, so a lookup is a scan. In definition order, like the
/// general coercion's map.
/// </summary>
internal sealed class ArgumentMap : IReadOnlyDictionary<string, object?>
{
    /// <summary>The value of an argument that is not in the map (absent without default).</summary>
    public static readonly object Absent = new();

    private readonly string[] _names;
    private readonly object?[] _values;

    public ArgumentMap(string[] names, object?[] values)
    {
        _names = names;
        _values = values;
        foreach (var value in values)
        {
            if (!ReferenceEquals(value, Absent))
            {
                Count++;
            }
        }
    }

    public int Count { get; }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var (key, _) in this)
            {
                yield return key;
            }
        }
    }

    public IEnumerable<object?> Values
    {
        get
        {
            foreach (var (_, value) in this)
            {
                yield return value;
            }
        }
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.Ordinal) && !ReferenceEquals(_values[i], Absent))
            {
                value = _values[i];
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (!ReferenceEquals(_values[i], Absent))
            {
                yield return new KeyValuePair<string, object?>(_names[i], _values[i]);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
