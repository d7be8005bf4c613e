using Directory.GraphQL.Language;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.1 Argument Names: every argument is defined by its field or directive.</summary>
public static class KnownArgumentNamesRule
{
    public static ValidationRule Instance { get; } = new("KnownArgumentNames", c => new Visitor(c));

    private sealed class Visitor : ValidationVisitor
    {
        private readonly Dictionary<string, List<string>> _directiveArguments = new(StringComparer.Ordinal);

        public Visitor(ValidationContext context)
            : base(context)
        {
            foreach (var directive in context.Schema.Directives)
            {
                _directiveArguments[directive.Name] = directive.Arguments.Select(a => a.Name).ToList();
            }
            foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
            {
                _directiveArguments[definition.Name.Value] = definition.Arguments.Select(a => a.Name.Value).ToList();
            }
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case DirectiveNode directive:
                    CheckDirective(directive);

                    // The directive's arguments must not be mistaken for arguments of the enclosing field.
                    return VisitAction.SkipChildren;
                case ArgumentNode argument when Context.Argument is null && Context.FieldDef is { } fieldDef:
                    {
                        var argName = argument.Name.Value;
                        var suggestions = Context.IncludeSuggestions
                            ? SuggestionList.DidYouMean(SuggestionList.List(argName, fieldDef.Arguments.Select(a => a.Name)))
                            : "";
                        Report($"Unknown argument \"{argName}\" on field \"{SchemaFacts.Coordinate(fieldDef)}\"." + suggestions, argument);
                        break;
                    }
            }
            return VisitAction.Continue;
        }

        private void CheckDirective(DirectiveNode directive)
        {
            var directiveName = directive.Name.Value;
            if (!_directiveArguments.TryGetValue(directiveName, out var known))
            {
                return;
            }
            foreach (var argument in directive.Arguments)
            {
                var argName = argument.Name.Value;
                if (!known.Contains(argName))
                {
                    var suggestions = Context.IncludeSuggestions ? SuggestionList.DidYouMean(SuggestionList.List(argName, known)) : "";
                    Report($"Unknown argument \"{argName}\" on directive \"@{directiveName}\"." + suggestions, argument);
                }
            }
        }
    }
}
