using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Incremental delivery (graphql-js 17): no @defer on fragments and no @stream on fields directly at the root of a
/// mutation or subscription (a mutation's root fields run one after another and their results are what the client
/// waits for; a subscription's root field is the event). Fragments spread at the root are followed; a fragment
/// already checked for an earlier operation is not reported again.
/// </summary>
internal static class DeferStreamDirectiveOnRootFieldRule
{
    public static ValidationRule Instance { get; } = new("DeferStreamDirectiveOnRootField", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : OperationSelectionsVisitor(context)
    {
        protected override bool Check(OperationDefinitionNode operation, HashSet<string> visited)
        {
            if (operation.Operation is not (OperationType.Mutation or OperationType.Subscription)
                || Context.Schema.GetRootType(operation.Operation) is not { } rootType)
            {
                return true;
            }
            var kind = operation.Operation == OperationType.Mutation ? "mutation" : "subscription";
            return Check(operation.SelectionSet, kind, rootType, visited);
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
                        if (!CheckedFragments.Contains(spread.Name.Value))
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
}
