using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// The arguments of a field that read variables, compiled once per plan (issue 18 §7): what does not depend on the
/// request — literals, absent arguments' defaults, the errors of invalid literals — is coerced here, and an argument
/// given as a variable becomes a lookup of the (already coerced) variable. A request then walks no argument AST; only
/// a variable nested in a list or object literal is coerced per request, for that argument alone.
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

    private readonly struct Argument(string name, Source source, bool present, object? value, string? variableName, InputValueDefinition[] definition, ArgumentNode[] node)
    {
        public string Name { get; } = name;

        public Source Source { get; } = source;

        /// <summary>For <see cref="Source.Fixed"/>: whether the argument has a value (false: left out of the map).</summary>
        public bool Present { get; } = present;

        public object? Value { get; } = value;

        public string? VariableName { get; } = variableName;

        public bool NonNull => Definition[0].Type is NonNullType;

        // The definition and node as one-element arrays, so the general coercion can take just this argument (for a
        // missing or null variable, and for literals with variables inside) with its own messages and defaults.
        public InputValueDefinition[] Definition { get; } = definition;

        public ArgumentNode[] Node { get; } = node;
    }

    private readonly Argument[] _arguments;
    private readonly SyntaxNode _owner;
    private readonly GraphQLError? _error;

    /// <summary>Compiles the field's arguments; an error a fixed part raises is kept and thrown on every execution.</summary>
    public VariableArguments(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> arguments, FieldNode owner)
    {
        _owner = owner;
        var compiled = new List<Argument>(definitions.Count);
        foreach (var definition in definitions)
        {
            InputValueDefinition[] single = [definition];
            var node = Find(arguments, definition.Name);
            ArgumentNode[] nodes = node is null ? [] : [node];
            if (node?.Value is VariableNode variable)
            {
                compiled.Add(new Argument(definition.Name, Source.Variable, true, null, variable.Name.Value, single, nodes));
                continue;
            }
            if (node is not null && InputCoercion.ContainsVariable(node.Value))
            {
                compiled.Add(new Argument(definition.Name, Source.Literal, true, null, null, single, nodes));
                continue;
            }
            try
            {
                // Exactly what the general coercion does for this argument: a coerced literal, the default, nothing.
                var fixedValue = InputCoercion.CoerceArgumentValues(single, nodes, null, owner);
                var present = fixedValue.TryGetValue(definition.Name, out var value);
                compiled.Add(new Argument(definition.Name, Source.Fixed, present, value, null, single, nodes));
            }
            catch (GraphQLError error)
            {
                // The general coercion stops at the first failing argument in definition order; so does this.
                _error = error;
                break;
            }
        }
        _arguments = [.. compiled];
    }

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
        var coerced = new Dictionary<string, object?>(_arguments.Length, StringComparer.Ordinal);
        foreach (var argument in _arguments)
        {
            switch (argument.Source)
            {
                case Source.Fixed:
                    if (argument.Present)
                    {
                        coerced[argument.Name] = argument.Value;
                    }
                    continue;
                case Source.Variable when variables.TryGetValue(argument.VariableName!, out var value) && (value is not null || !argument.NonNull):
                    coerced[argument.Name] = value;
                    continue;
                default:
                    // A missing or null variable (default, omission or error) and a literal with variables inside.
                    var general = InputCoercion.CoerceArgumentValues(argument.Definition, argument.Node, variables, _owner);
                    if (general.TryGetValue(argument.Name, out var coercedValue))
                    {
                        coerced[argument.Name] = coercedValue;
                    }
                    continue;
            }
        }
        if (_error is not null)
        {
            throw _error;
        }
        return coerced;
    }
}
