using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.2.1 Required Arguments: non-null arguments without a default are given.</summary>
internal static class ProvidedRequiredArgumentsRule
{
    public static ValidationRule Instance { get; } = new("ProvidedRequiredArguments", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
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
                        if (!Context.Directives.TryGet(directiveName, out var facts))
                        {
                            return;
                        }
                        foreach (var (name, type) in facts.Required)
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
