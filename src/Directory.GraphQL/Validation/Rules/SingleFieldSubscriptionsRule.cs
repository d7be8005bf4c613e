using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.2.3.1 Single Root Field: a subscription selects exactly one root field, not an introspection field,
/// and (graphql-js v17) without @skip/@include at the top level, since those would make the field depend on
/// variables. Root fields are collected as the executor would, following fragments that apply to the root type.
/// </summary>
internal static class SingleFieldSubscriptionsRule
{
    public static ValidationRule Instance { get; } = new("SingleFieldSubscriptions", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is FragmentDefinitionNode)
            {
                return VisitAction.SkipChildren;
            }
            if (node is not OperationDefinitionNode operation)
            {
                return VisitAction.Continue;
            }
            if (operation.Operation == OperationType.Subscription && Context.Schema.SubscriptionType is { } subscriptionType)
            {
                Check(operation, subscriptionType);
            }
            return VisitAction.SkipChildren;
        }

        private void Check(OperationDefinitionNode operation, ObjectType subscriptionType)
        {
            var subject = operation.Name is { } name ? $"Subscription \"{name.Value}\"" : "Anonymous Subscription";
            var grouped = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
            var order = new List<string>();
            var forbidden = new List<SyntaxNode?>();
            var visitedFragments = new HashSet<string>(StringComparer.Ordinal);
            Collect(operation.SelectionSet, subscriptionType, grouped, order, forbidden, visitedFragments);

            if (forbidden.Count > 0)
            {
                Report($"{subject} must not use `@skip` or `@include` directives in the top level selection.", forbidden.ToArray());
                return;
            }
            if (order.Count == 0)
            {
                Report($"{subject} must select one top level field.", operation.SelectionSet);
            }
            else if (order.Count > 1)
            {
                var extra = order.Skip(1).SelectMany(key => grouped[key]).Select(f => (SyntaxNode?)f).ToArray();
                Report($"{subject} must select only one top level field.", extra);
            }
            foreach (var key in order)
            {
                var fields = grouped[key];
                if (fields[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
                {
                    Report($"{subject} must not select an introspection top level field.", fields.Select(f => (SyntaxNode?)f).ToArray());
                }
            }
        }

        private void Collect(
            SelectionSetNode selectionSet,
            ObjectType rootType,
            Dictionary<string, List<FieldNode>> grouped,
            List<string> order,
            List<SyntaxNode?> forbidden,
            HashSet<string> visitedFragments)
        {
            foreach (var selection in selectionSet.Selections)
            {
                if (HasSkipOrInclude(selection, forbidden))
                {
                    continue;
                }
                switch (selection)
                {
                    case FieldNode field:
                        {
                            var key = field.ResponseName;
                            if (!grouped.TryGetValue(key, out var list))
                            {
                                grouped[key] = list = [];
                                order.Add(key);
                            }
                            list.Add(field);
                            break;
                        }
                    case InlineFragmentNode inline:
                        if (inline.TypeCondition is null || ConditionMatches(inline.TypeCondition, rootType))
                        {
                            Collect(inline.SelectionSet, rootType, grouped, order, forbidden, visitedFragments);
                        }
                        break;
                    case FragmentSpreadNode spread:
                        {
                            var fragment = Context.GetFragment(spread.Name.Value);
                            if (fragment is null || !ConditionMatches(fragment.TypeCondition, rootType) || !visitedFragments.Add(spread.Name.Value))
                            {
                                continue;
                            }
                            Collect(fragment.SelectionSet, rootType, grouped, order, forbidden, visitedFragments);
                            break;
                        }
                }
            }
        }

        private static bool HasSkipOrInclude(SelectionNode selection, List<SyntaxNode?> forbidden)
        {
            var found = false;
            foreach (var name in (ReadOnlySpan<string>)["skip", "include"])
            {
                foreach (var directive in selection.Directives)
                {
                    if (directive.Name.Value == name)
                    {
                        forbidden.Add(directive);
                        found = true;
                        break;
                    }
                }
                if (found)
                {
                    return true;
                }
            }
            return false;
        }

        private bool ConditionMatches(NamedTypeNode condition, ObjectType type)
        {
            var conditionType = Context.Schema.GetType(condition.Name.Value);
            if (ReferenceEquals(conditionType, type))
            {
                return true;
            }
            return conditionType is not null && SchemaFacts.IsAbstractType(conditionType) && Context.Schema.IsSubType(conditionType, type);
        }
    }
}
