using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// A host's check of one selected field's coerced argument values, run before execution (see
/// <see cref="ExecutorOptions.CheckArguments"/>). Throwing a <see cref="GraphQLError"/> refuses the whole request.
/// </summary>
public delegate void ArgumentCheck(FieldDefinition field, IReadOnlyDictionary<string, object?> arguments);

/// <summary>
/// Runs an <see cref="ArgumentCheck"/> over every field of an operation that takes arguments: the operation's own
/// selections and those of every fragment it reaches, whatever @skip/@include say, each field node once. The
/// arguments are coerced with the request's coerced variables, so a value sent as a variable is checked like a
/// literal. This happens before any resolver runs, so a host can bound the work an argument asks for (e.g. the size
/// of a filter) before anything is built from it.
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>The error that refuses the request (located at the field), or null when every check passed.</summary>
    public static GraphQLError? Run(
        Schema schema,
        DocumentNode document,
        OperationDefinitionNode operation,
        ObjectType rootType,
        IReadOnlyDictionary<string, object?> variables,
        ArgumentCheck check)
    {
        var walk = new Walk(schema, document, variables, check);
        try
        {
            walk.Visit(rootType, operation.SelectionSet);
            while (walk.PendingFragments.Count > 0)
            {
                var fragment = walk.PendingFragments.Dequeue();
                if (schema.GetType(fragment.TypeCondition.Name.Value) is { } type)
                {
                    walk.Visit(type, fragment.SelectionSet);
                }
            }
            return null;
        }
        catch (GraphQLError error)
        {
            return error.Locations.Count > 0 || walk.Current?.Location is not { } at
                ? error
                : new GraphQLError(
                    error.Message, [new SourceLocation(at.Line, at.Column)], extensions: error.Extensions, innerException: error.InnerException);
        }
    }

    private sealed class Walk(Schema schema, DocumentNode document, IReadOnlyDictionary<string, object?> variables, ArgumentCheck check)
    {
        private readonly HashSet<string> _reached = new(StringComparer.Ordinal);

        public Queue<FragmentDefinitionNode> PendingFragments { get; } = new();

        /// <summary>The field being checked, so that a refusal can point at it.</summary>
        public FieldNode? Current { get; private set; }

        // Recursion follows the document's own nesting, which the parser and validation already bound.
        public void Visit(NamedType parentType, SelectionSetNode selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        VisitField(parentType, field);
                        break;
                    case InlineFragmentNode inline:
                        var type = inline.TypeCondition is null ? parentType : schema.GetType(inline.TypeCondition.Name.Value);
                        if (type is not null)
                        {
                            Visit(type, inline.SelectionSet);
                        }
                        break;
                    case FragmentSpreadNode spread:
                        if (_reached.Add(spread.Name.Value) && Find(spread.Name.Value) is { } fragment)
                        {
                            PendingFragments.Enqueue(fragment);
                        }
                        break;
                }
            }
        }

        private void VisitField(NamedType parentType, FieldNode node)
        {
            var definition = schema.GetFieldDefinition(parentType, node.Name.Value);
            if (definition is null)
            {
                return;
            }
            if (definition.Arguments.Count > 0)
            {
                IReadOnlyDictionary<string, object?>? arguments = null;
                try
                {
                    arguments = InputCoercion.CoerceArgumentValues(definition.Arguments, node.Arguments, variables, node);
                }
                catch (GraphQLError)
                {
                    // An argument that does not coerce is reported by the field when it executes, as it always was.
                }
                if (arguments is not null)
                {
                    Current = node;
                    check(definition, arguments);
                    Current = null;
                }
            }
            if (node.SelectionSet is not null && TypeHelpers.GetNamedType(definition.Type) is { } fieldType)
            {
                Visit(fieldType, node.SelectionSet);
            }
        }

        private FragmentDefinitionNode? Find(string name)
        {
            foreach (var definition in document.Definitions)
            {
                if (definition is FragmentDefinitionNode fragment && fragment.Name.Value == name)
                {
                    return fragment;
                }
            }
            return null;
        }
    }
}
