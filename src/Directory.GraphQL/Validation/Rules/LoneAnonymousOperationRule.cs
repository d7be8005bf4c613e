using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.2.2.1 Lone Anonymous Operation.</summary>
internal static class LoneAnonymousOperationRule
{
    public static ValidationRule Instance { get; } = new("LoneAnonymousOperation", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private int _operationCount;

        internal override void Reset()
        {
            _operationCount = 0;
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case DocumentNode document:
                    _operationCount = document.Definitions.Count(d => d is OperationDefinitionNode);
                    return VisitAction.Continue;
                case OperationDefinitionNode operation:
                    if (operation.Name is null && _operationCount > 1)
                    {
                        Report("This anonymous operation must be the only defined operation.", operation);
                    }
                    return VisitAction.SkipChildren;
                case FragmentDefinitionNode:
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }
    }
}
