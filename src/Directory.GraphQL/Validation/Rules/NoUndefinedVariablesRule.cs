using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.3 All Variable Uses Defined, following fragments transitively.</summary>
internal static class NoUndefinedVariablesRule
{
    public static ValidationRule Instance { get; } = new("NoUndefinedVariables", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is OperationDefinitionNode operation)
            {
                foreach (var usage in Context.GetRecursiveVariableUsages(operation))
                {
                    var name = usage.Node.Name.Value;
                    if (!VariableNames.IsDefined(operation, name))
                    {
                        Report(
                            operation.Name is { } opName
                                ? $"Variable \"${name}\" is not defined by operation \"{opName.Value}\"."
                                : $"Variable \"${name}\" is not defined.",
                            usage.Node,
                            operation);
                    }
                }
            }
            return VisitAction.Continue;
        }
    }
}
