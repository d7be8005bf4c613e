using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.2 Argument Uniqueness, for fields and directives.</summary>
internal static class UniqueArgumentNamesRule
{
    public static ValidationRule Instance { get; } = new("UniqueArgumentNames", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case FieldNode field:
                    Check(field.Arguments);
                    break;
                case DirectiveNode directive:
                    Check(directive.Arguments);
                    break;
            }
            return VisitAction.Continue;
        }

        private void Check(IReadOnlyList<ArgumentNode> arguments)
        {
            if (arguments.Count < 2)
            {
                return;
            }
            foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
            {
                var nodes = group.Select(a => (SyntaxNode?)a.Name).ToArray();
                if (nodes.Length > 1)
                {
                    Report($"There can be only one argument named \"{group.Key}\".", nodes);
                }
            }
        }
    }
}
