using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.2.1.1 Operation Name Uniqueness.</summary>
internal static class UniqueOperationNamesRule
{
    public static ValidationRule Instance { get; } = new("UniqueOperationNames", c => new Visitor(c));

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
                case OperationDefinitionNode { Name: { } name }:
                    ReportIfRepeated(_known, name, "operation");
                    return VisitAction.SkipChildren;
                case OperationDefinitionNode or FragmentDefinitionNode:
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }
    }
}
