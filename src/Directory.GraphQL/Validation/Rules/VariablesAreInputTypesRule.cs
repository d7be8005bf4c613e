using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.2 Variables Are Input Types.</summary>
public static class VariablesAreInputTypesRule
{
    public static ValidationRule Instance { get; } = new("VariablesAreInputTypes", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is VariableDefinitionNode definition
                && SchemaFacts.TypeFromAst(Context.Schema, definition.Type) is { } type
                && !SchemaFacts.IsInputType(type))
            {
                Report(
                    $"Variable \"${definition.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(definition.Type)}\".",
                    definition.Type);
            }
            return VisitAction.Continue;
        }
    }
}
