using System.Globalization;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Protection: estimates what an operation will cost to execute and rejects it above
/// <see cref="ValidationOptions.MaxCost"/>. Each field costs 1; the sub-selection of a field returning a list
/// counts once per expected item: the field's `first` or `last` argument (an integer literal, or a variable's
/// integer default value), else <see cref="ValidationOptions.DefaultListSize"/>. Validation does not see variable
/// values (valid documents are cached independently of them), hence defaults for variables. Introspection
/// subtrees count 1 (MaxIntrospectionDepth bounds them). Fragments are costed once per operation.
/// </summary>
internal static class MaxCostRule
{
    public static ValidationRule Instance { get; } = new("MaxCost", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly Dictionary<string, double> _fragmentCosts = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
        private OperationDefinitionNode? _operation;

        internal override void Reset()
        {
            _fragmentCosts.Clear();
            _inProgress.Clear();
            _operation = null;
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            if (Context.Options.MaxCost is not { } max)
            {
                return VisitAction.SkipChildren;
            }
            switch (node)
            {
                case OperationDefinitionNode operation:
                    {
                        _operation = operation;
                        _fragmentCosts.Clear();
                        var cost = Cost(operation.SelectionSet, Context.Schema.GetRootType(operation.Operation));
                        if (cost > max)
                        {
                            var name = operation.Name is { } n ? $"Operation \"{n.Value}\"" : "The operation";
                            var shown = cost >= long.MaxValue ? long.MaxValue : (long)cost;
                            ReportWithCode(
                                ErrorCodes.MaxCostExceeded,
                                $"{name} has an estimated cost of {shown.ToString(CultureInfo.InvariantCulture)}, more than the maximum of {max}.",
                                operation);
                        }
                        return VisitAction.SkipChildren;
                    }
                case FragmentDefinitionNode:
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }

        private double Cost(SelectionSetNode selectionSet, NamedType? parentType)
        {
            double total = 0;
            foreach (var selection in selectionSet.Selections)
            {
                total += selection switch
                {
                    FieldNode field => FieldCost(field, parentType),
                    InlineFragmentNode inline => Cost(
                        inline.SelectionSet,
                        inline.TypeCondition is { } condition ? Context.Schema.GetType(condition.Name.Value) : parentType),
                    FragmentSpreadNode spread => FragmentCost(spread.Name.Value),
                    _ => 0,
                };
            }
            return total;
        }

        private double FieldCost(FieldNode field, NamedType? parentType)
        {
            if (field.SelectionSet is null || field.Name.Value is "__schema" or "__type")
            {
                return 1;
            }
            var definition = parentType is null ? null : Context.Schema.GetFieldDefinition(parentType, field.Name.Value);
            var childCost = Cost(field.SelectionSet, SchemaFacts.GetNamedType(definition?.Type));
            var multiplier = SchemaFacts.GetNullableType(definition?.Type) is ListType ? ExpectedListSize(field) : 1;
            return 1 + (multiplier * childCost);
        }

        private double ExpectedListSize(FieldNode field)
        {
            foreach (var argument in field.Arguments)
            {
                if (argument.Name.Value is not ("first" or "last"))
                {
                    continue;
                }
                var value = argument.Value;
                if (value is VariableNode variable)
                {
                    value = _operation?.VariableDefinitions.FirstOrDefault(d => d.Variable.Name.Value == variable.Name.Value)?.DefaultValue;
                }
                if (value is IntValueNode literal && long.TryParse(literal.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
                {
                    return Math.Max(0, size);
                }
            }
            return Context.Options.DefaultListSize;
        }

        private double FragmentCost(string name)
        {
            if (_fragmentCosts.TryGetValue(name, out var known))
            {
                return known;
            }
            // A cycle (reported by NoFragmentCycles) adds nothing here.
            if (Context.GetFragment(name) is not { } fragment || !_inProgress.Add(name))
            {
                return 0;
            }
            var cost = Cost(fragment.SelectionSet, Context.Schema.GetType(fragment.TypeCondition.Name.Value));
            _inProgress.Remove(name);
            _fragmentCosts[name] = cost;
            return cost;
        }
    }
}
