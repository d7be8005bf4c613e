using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.2.1 Required Arguments: non-null arguments without a default are given.</summary>
public static class ProvidedRequiredArgumentsRule
{
    public static ValidationRule Instance { get; } = new("ProvidedRequiredArguments", c => new Visitor(c));

    private sealed class Visitor : ValidationVisitor
    {
        // Per directive: the required arguments' names and printed types.
        private readonly Dictionary<string, List<(string Name, string Type)>> _requiredByDirective = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
            : base(context)
        {
            foreach (var directive in context.Schema.Directives)
            {
                _requiredByDirective[directive.Name] = directive.Arguments
                    .Where(a => a.IsRequired)
                    .Select(a => (a.Name, a.Type.ToString()))
                    .ToList();
            }
            foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _requiredByDirective[definition.Name.Value] = definition.Arguments
                    .Where(a => a.Type is NonNullTypeNode && a.DefaultValue is null)
                    .Select(a => (a.Name.Value, Printer.Print(a.Type)))
                    .ToList();
            }
        }

        public override void Leave(SyntaxNode node)
        {
            switch (node)
            {
                case FieldNode field:
                    {
                        if (Context.FieldDef is not { } fieldDef || fieldDef.Arguments.Count == 0)
                        {
                            return;
                        }
                        foreach (var argDef in fieldDef.Arguments)
                        {
                            if (argDef.IsRequired && !HasArgument(field.Arguments, argDef.Name))
                            {
                                Report(
                                    $"Argument \"{SchemaFacts.Coordinate(fieldDef)}({argDef.Name}:)\" of type \"{argDef.Type}\" is required, but it was not provided.",
                                    field);
                            }
                        }
                        break;
                    }
                case DirectiveNode directive:
                    {
                        var directiveName = directive.Name.Value;
                        if (!_requiredByDirective.TryGetValue(directiveName, out var required))
                        {
                            return;
                        }
                        foreach (var (name, type) in required)
                        {
                            if (!HasArgument(directive.Arguments, name))
                            {
                                Report(
                                    $"Argument \"@{directiveName}({name}:)\" of type \"{type}\" is required, but it was not provided.",
                                    directive);
                            }
                        }
                        break;
                    }
            }
        }

        private static bool HasArgument(IReadOnlyList<ArgumentNode> arguments, string name)
        {
            foreach (var argument in arguments)
            {
                if (argument.Name.Value == name)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
