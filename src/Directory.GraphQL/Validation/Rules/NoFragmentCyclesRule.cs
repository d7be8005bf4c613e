using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.5.2.2 Fragment Spreads Must Not Form Cycles. A depth-first search from each fragment, remembering
/// visited fragments so each cycle is reported once, at the spreads that form it.
/// </summary>
internal static class NoFragmentCyclesRule
{
    public static ValidationRule Instance { get; } = new("NoFragmentCycles", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private readonly List<FragmentSpreadNode> _spreadPath = [];
        private readonly Dictionary<string, int> _spreadPathIndexByName = new(StringComparer.Ordinal);

        internal override void Reset()
        {
            _visited.Clear();
            _spreadPath.Clear();
            _spreadPathIndexByName.Clear();
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case FragmentDefinitionNode fragment:
                    DetectCycle(fragment);
                    return VisitAction.SkipChildren;
                case OperationDefinitionNode:
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }

        private void DetectCycle(FragmentDefinitionNode fragment)
        {
            var fragmentName = fragment.Name.Value;
            if (!_visited.Add(fragmentName))
            {
                return;
            }
            var spreads = Context.GetFragmentSpreads(fragment.SelectionSet);
            if (spreads.Count == 0)
            {
                return;
            }
            _spreadPathIndexByName[fragmentName] = _spreadPath.Count;
            foreach (var spread in spreads)
            {
                var spreadName = spread.Name.Value;
                _spreadPath.Add(spread);
                if (!_spreadPathIndexByName.TryGetValue(spreadName, out var cycleIndex))
                {
                    if (Context.GetFragment(spreadName) is { } target)
                    {
                        DetectCycle(target);
                    }
                }
                else
                {
                    var cyclePath = _spreadPath.Skip(cycleIndex).ToArray();
                    var via = string.Join(", ", cyclePath.Take(cyclePath.Length - 1).Select(s => "\"" + s.Name.Value + "\""));
                    Report(
                        $"Cannot spread fragment \"{spreadName}\" within itself" + (via.Length > 0 ? $" via {via}." : "."),
                        cyclePath);
                }
                _spreadPath.RemoveAt(_spreadPath.Count - 1);
            }
            _spreadPathIndexByName.Remove(fragmentName);
        }
    }
}
