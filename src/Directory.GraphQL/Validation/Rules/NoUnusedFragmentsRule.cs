using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.4 Fragments Must Be Used: every fragment is reachable from some operation.</summary>
internal static class NoUnusedFragmentsRule
{
    public static ValidationRule Instance { get; } = new("NoUnusedFragments", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly List<OperationDefinitionNode> _operations = [];
        private readonly List<FragmentDefinitionNode> _fragments = [];

        internal override void Reset()
        {
            _operations.Clear();
            _fragments.Clear();
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case OperationDefinitionNode operation:
                    _operations.Add(operation);
                    return VisitAction.SkipChildren;
                case FragmentDefinitionNode fragment:
                    _fragments.Add(fragment);
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }

        public override void Leave(SyntaxNode node)
        {
            if (node is not DocumentNode || _fragments.Count == 0)
            {
                return;
            }
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operation in _operations)
            {
                foreach (var fragment in Context.GetRecursivelyReferencedFragments(operation))
                {
                    used.Add(fragment.Name.Value);
                }
            }
            foreach (var fragment in _fragments)
            {
                if (!used.Contains(fragment.Name.Value))
                {
                    Report($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
                }
            }
        }
    }
}
