using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Incremental delivery (graphql-js 17): a subscription may use @defer or @stream only where they can be turned off,
/// with an <c>if</c> that is false or a variable (each event is one payload). Selections a @skip or @include may
/// leave out are not looked into.
/// </summary>
internal static class DeferStreamDirectiveOnValidOperationsRule
{
    public static ValidationRule Instance { get; } = new("DeferStreamDirectiveOnValidOperations", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : OperationSelectionsVisitor(context)
    {
        protected override bool Check(OperationDefinitionNode operation, HashSet<string> visited) =>
            operation.Operation != OperationType.Subscription || Check(operation.SelectionSet, [], visited);

        private bool Check(SelectionSetNode selectionSet, List<SyntaxNode> spreads, HashSet<string> visited)
        {
            var valid = true;
            foreach (var selection in selectionSet.Selections)
            {
                if (MayBeLeftOut(selection.Directives))
                {
                    continue;
                }
                foreach (var directive in selection.Directives)
                {
                    if (directive.Name.Value is "defer" or "stream" && !IfCanBeFalse(directive))
                    {
                        valid = false;
                        var name = directive.Name.Value == "defer" ? "Defer" : "Stream";
                        Report(
                            $"{name} directive not supported on subscription operations. Disable `@{directive.Name.Value}` by setting the `if` argument to `false`.",
                            [directive, .. Enumerable.Reverse(spreads)]);
                    }
                }
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        if (CheckedFragments.Contains(spread.Name.Value) || !visited.Add(spread.Name.Value)
                            || Context.GetFragment(spread.Name.Value) is not { } fragment)
                        {
                            break;
                        }
                        spreads.Add(spread);
                        valid = Check(fragment.SelectionSet, spreads, visited) && valid;
                        spreads.RemoveAt(spreads.Count - 1);
                        break;
                    case FieldNode { SelectionSet: { } fieldSet }:
                        valid = Check(fieldSet, spreads, visited) && valid;
                        break;
                    case InlineFragmentNode inline:
                        valid = Check(inline.SelectionSet, spreads, visited) && valid;
                        break;
                }
            }
            return valid;
        }

        // @skip without a literal false, or @include without a literal true, may drop the selection.
        private static bool MayBeLeftOut(IReadOnlyList<DirectiveNode> directives)
        {
            if (Find(directives, "skip") is { } skip
                && IncludeConditions.IfValue(skip) is not BooleanValueNode { Value: false })
            {
                return true;
            }
            return Find(directives, "include") is { } include
                && IncludeConditions.IfValue(include) is not null and not BooleanValueNode { Value: true };
        }

        private static bool IfCanBeFalse(DirectiveNode directive) =>
            IncludeConditions.IfValue(directive) is BooleanValueNode { Value: false } or VariableNode;
    }
}
