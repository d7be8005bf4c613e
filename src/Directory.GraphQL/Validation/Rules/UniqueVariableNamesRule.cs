using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.1 Variable Uniqueness: one report per repeated name, at every definition of it.</summary>
internal static class UniqueVariableNamesRule
{
    public static ValidationRule Instance { get; } = new("UniqueVariableNames", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is OperationDefinitionNode operation)
            {
                foreach (var group in operation.VariableDefinitions.GroupBy(v => v.Variable.Name.Value, StringComparer.Ordinal))
                {
                    var nodes = group.Select(v => (SyntaxNode?)v.Variable.Name).ToArray();
                    if (nodes.Length > 1)
                    {
                        Report($"There can be only one variable named \"${group.Key}\".", nodes);
                    }
                }
            }
            return VisitAction.Continue;
        }
    }
}
