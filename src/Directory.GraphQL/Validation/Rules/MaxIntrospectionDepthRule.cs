using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// graphql-js v17 `MaxIntrospectionDepthRule` (in its specifiedRules): an introspection query may nest the
/// list fields `fields`, `interfaces`, `possibleTypes` and `inputFields` at most twice, which stops documents that
/// make introspection produce enormous responses. Fragments are followed, each fragment's outcome per depth memoised.
/// </summary>
internal static class MaxIntrospectionDepthRule
{
    public static ValidationRule Instance { get; } = new("MaxIntrospectionDepth", c => new Visitor(c));

    private const int MaxListsDepth = 3;

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly Dictionary<string, int> _checkedFragments = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _exceededFragments = new(StringComparer.Ordinal);

        internal override void Reset()
        {
            _checkedFragments.Clear();
            _exceededFragments.Clear();
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is FieldNode field && field.Name.Value is "__schema" or "__type")
            {
                var visitedFragments = new Dictionary<string, int>(StringComparer.Ordinal);
                if (CheckDepth(field, visitedFragments, 0))
                {
                    Report("Maximum introspection depth exceeded", field);
                    return VisitAction.SkipChildren;
                }
            }
            return VisitAction.Continue;
        }

        private bool CheckDepth(SyntaxNode node, Dictionary<string, int> visitedFragments, int depth)
        {
            if (node is FragmentSpreadNode spread)
            {
                var fragmentName = spread.Name.Value;
                if (_exceededFragments.TryGetValue(fragmentName, out var exceededDepth) && exceededDepth <= depth)
                {
                    return true;
                }
                if ((visitedFragments.TryGetValue(fragmentName, out var visitedDepth) && visitedDepth >= depth)
                    || (_checkedFragments.TryGetValue(fragmentName, out var checkedDepth) && checkedDepth >= depth))
                {
                    return false;
                }
                if (Context.GetFragment(fragmentName) is not { } fragment)
                {
                    return false;
                }
                visitedFragments[fragmentName] = depth;
                if (CheckDepth(fragment, visitedFragments, depth))
                {
                    _exceededFragments[fragmentName] = depth;
                    return true;
                }
                _checkedFragments[fragmentName] = depth;
                return false;
            }
            if (node is FieldNode field && field.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields")
            {
                depth++;
                if (depth >= MaxListsDepth)
                {
                    return true;
                }
            }
            var selectionSet = node switch
            {
                FieldNode f => f.SelectionSet,
                InlineFragmentNode i => i.SelectionSet,
                FragmentDefinitionNode d => d.SelectionSet,
                _ => null,
            };
            if (selectionSet is not null)
            {
                foreach (var child in selectionSet.Selections)
                {
                    if (CheckDepth(child, visitedFragments, depth))
                    {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
