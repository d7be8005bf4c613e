using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.1 Fragment Name Uniqueness.</summary>
internal static class UniqueFragmentNamesRule
{
    public static ValidationRule Instance { get; } = new("UniqueFragmentNames", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly Dictionary<string, NameNode> _known = new(StringComparer.Ordinal);

        internal override void Reset()
        {
            _known.Clear();
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case FragmentDefinitionNode fragment:
                    ReportIfRepeated(_known, fragment.Name, "fragment");
                    return VisitAction.SkipChildren;
                case OperationDefinitionNode:
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }
    }
}
