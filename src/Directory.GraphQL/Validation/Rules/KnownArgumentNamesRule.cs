using Directory.GraphQL.Language;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.1 Argument Names: every argument is defined by its field or directive.</summary>
internal static class KnownArgumentNamesRule
{
    public static ValidationRule Instance { get; } = new("KnownArgumentNames", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
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
            if (!Context.Directives.TryGet(directiveName, out var facts))
            {
                return;
            }
            var known = facts.ArgumentNames;
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
