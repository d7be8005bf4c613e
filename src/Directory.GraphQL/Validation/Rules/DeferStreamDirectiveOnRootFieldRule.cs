using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Incremental delivery (graphql-js 17): no @defer on fragments and no @stream on fields directly at the root of a
/// mutation or subscription (a mutation's root fields run one after another and their results are what the client
/// waits for; a subscription's root field is the event). Fragments spread at the root are followed; a fragment
/// already checked for an earlier operation is not reported again.
/// </summary>
public static class DeferStreamDirectiveOnRootFieldRule
{
    public static ValidationRule Instance { get; } = new("DeferStreamDirectiveOnRootField", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly HashSet<string> _checkedFragments = new(StringComparer.Ordinal);

        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is not OperationDefinitionNode operation)
            {
                return node is FragmentDefinitionNode ? VisitAction.SkipChildren : VisitAction.Continue;
            }
            if (operation.Operation is OperationType.Mutation or OperationType.Subscription
                && Context.Schema.GetRootType(operation.Operation) is { } rootType)
            {
                var kind = operation.Operation == OperationType.Mutation ? "mutation" : "subscription";
                var visited = new HashSet<string>(StringComparer.Ordinal);
                if (Check(operation.SelectionSet, kind, rootType, visited))
                {
                    _checkedFragments.UnionWith(visited);
                }
            }
            return VisitAction.SkipChildren;
        }

        private bool Check(SelectionSetNode selectionSet, string kind, ObjectType rootType, HashSet<string> visited)
        {
            var valid = true;
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode field when Find(field.Directives, "stream") is { } stream:
                        valid = false;
                        Report($"Stream directive cannot be used on root {kind} type \"{rootType.Name}\".", stream);
                        break;
                    case FragmentSpreadNode spread:
                        if (!visited.Add(spread.Name.Value) || Context.GetFragment(spread.Name.Value) is not { } fragment)
                        {
                            break;
                        }
                        if (Find(spread.Directives, "defer") is { } deferredSpread)
                        {
                            valid = false;
                            Report($"Defer directive cannot be used on root {kind} type \"{rootType.Name}\".", deferredSpread);
                        }
                        if (!_checkedFragments.Contains(spread.Name.Value))
                        {
                            valid = Check(fragment.SelectionSet, kind, rootType, visited) && valid;
                        }
                        break;
                    case InlineFragmentNode inline:
                        if (Find(inline.Directives, "defer") is { } deferredInline)
                        {
                            valid = false;
                            Report($"Defer directive cannot be used on root {kind} type \"{rootType.Name}\".", deferredInline);
                        }
                        valid = Check(inline.SelectionSet, kind, rootType, visited) && valid;
                        break;
                }
            }
            return valid;
        }
    }

    internal static DirectiveNode? Find(IReadOnlyList<DirectiveNode> directives, string name)
    {
        foreach (var directive in directives)
        {
            if (directive.Name.Value == name)
            {
                return directive;
            }
        }
        return null;
    }
}
