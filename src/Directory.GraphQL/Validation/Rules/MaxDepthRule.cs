using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Protection: caps how deeply an operation nests fields (<see cref="ValidationOptions.MaxDepth"/>; root fields
/// are at depth 1), following fragment spreads. Each fragment's depth is computed once, so fragments spreading
/// fragments cannot blow the check up. Introspection subtrees (`__schema`, `__type`) are left to
/// MaxIntrospectionDepth. Reported once per operation, at the deepest field.
/// </summary>
internal static class MaxDepthRule
{
    public static ValidationRule Instance { get; } = new("MaxDepth", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        // Per fragment: the depth of its deepest field relative to the spread, and that field.
        private readonly Dictionary<string, (int Depth, FieldNode? Deepest)> _fragmentDepths = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

        internal override void Reset()
        {
            _fragmentDepths.Clear();
            _inProgress.Clear();
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            if (Context.Options.MaxDepth is not { } max)
            {
                return VisitAction.SkipChildren;
            }
            switch (node)
            {
                case OperationDefinitionNode operation:
                    {
                        var (depth, deepest) = Measure(operation.SelectionSet);
                        if (depth > max)
                        {
                            var name = operation.Name is { } n ? $"Operation \"{n.Value}\"" : "The operation";
                            ReportWithCode(
                                ErrorCodes.MaxDepthExceeded,
                                $"{name} has a depth of {depth}, more than the maximum of {max}.",
                                deepest ?? (SyntaxNode)operation);
                        }
                        return VisitAction.SkipChildren;
                    }
                case FragmentDefinitionNode:
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }

        private (int Depth, FieldNode? Deepest) Measure(SelectionSetNode selectionSet)
        {
            var best = (Depth: 0, Deepest: (FieldNode?)null);
            foreach (var selection in selectionSet.Selections)
            {
                var candidate = selection switch
                {
                    FieldNode field => MeasureField(field),
                    InlineFragmentNode inline => Measure(inline.SelectionSet),
                    FragmentSpreadNode spread => MeasureFragment(spread.Name.Value),
                    _ => (0, null),
                };
                if (candidate.Depth > best.Depth)
                {
                    best = candidate;
                }
            }
            return best;
        }

        private (int Depth, FieldNode? Deepest) MeasureField(FieldNode field)
        {
            if (field.SelectionSet is null || field.Name.Value is "__schema" or "__type")
            {
                return (1, field);
            }
            var (depth, deepest) = Measure(field.SelectionSet);
            return (depth + 1, deepest ?? field);
        }

        private (int Depth, FieldNode? Deepest) MeasureFragment(string name)
        {
            if (_fragmentDepths.TryGetValue(name, out var known))
            {
                return known;
            }
            // A cycle (reported by NoFragmentCycles) adds no depth here.
            if (Context.GetFragment(name) is not { } fragment || !_inProgress.Add(name))
            {
                return (0, null);
            }
            var measured = Measure(fragment.SelectionSet);
            _inProgress.Remove(name);
            _fragmentDepths[name] = measured;
            return measured;
        }
    }
}
