using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.4 All Variables Used, following fragments transitively.</summary>
internal static class NoUnusedVariablesRule
{
    public static ValidationRule Instance { get; } = new("NoUnusedVariables", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is OperationDefinitionNode operation && operation.VariableDefinitions.Count > 0)
            {
                var usages = Context.GetRecursiveVariableUsages(operation);
                // Scanning is cheaper for the usual handful of variables; a set keeps huge documents linear.
                HashSet<string>? used = null;
                if (usages.Count * operation.VariableDefinitions.Count > 1024)
                {
                    used = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var usage in usages)
                    {
                        used.Add(usage.Node.Name.Value);
                    }
                }
                foreach (var definition in operation.VariableDefinitions)
                {
                    var name = definition.Variable.Name.Value;
                    if (used is null ? !VariableNames.IsUsed(usages, name) : !used.Contains(name))
                    {
                        Report(
                            operation.Name is { } opName
                                ? $"Variable \"${name}\" is never used in operation \"{opName.Value}\"."
                                : $"Variable \"${name}\" is never used.",
                            definition);
                    }
                }
            }
            return VisitAction.Continue;
        }
    }
}
