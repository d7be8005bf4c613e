using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.3 Fragments On Composite Types.</summary>
public static class FragmentsOnCompositeTypesRule
{
    public static ValidationRule Instance { get; } = new("FragmentsOnCompositeTypes", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case InlineFragmentNode { TypeCondition: { } condition }:
                    if (SchemaFacts.TypeFromAst(Context.Schema, condition) is { } inlineType && !SchemaFacts.IsCompositeType(inlineType))
                    {
                        Report($"Fragment cannot condition on non composite type \"{Printer.Print(condition)}\".", condition);
                    }
                    break;
                case FragmentDefinitionNode fragment:
                    if (SchemaFacts.TypeFromAst(Context.Schema, fragment.TypeCondition) is { } type && !SchemaFacts.IsCompositeType(type))
                    {
                        Report(
                            $"Fragment \"{fragment.Name.Value}\" cannot condition on non composite type \"{Printer.Print(fragment.TypeCondition)}\".",
                            fragment.TypeCondition);
                    }
                    break;
            }
            return VisitAction.Continue;
        }
    }
}
