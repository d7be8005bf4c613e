using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.2.3 Fragment Spread Is Possible: the fragment's type and the parent type can overlap.</summary>
internal static class PossibleFragmentSpreadsRule
{
    public static ValidationRule Instance { get; } = new("PossibleFragmentSpreads", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case InlineFragmentNode inline:
                    {
                        if (Context.Type is NamedType fragType && SchemaFacts.IsCompositeType(fragType)
                            && Context.ParentType is { } parentType && SchemaFacts.IsCompositeType(parentType)
                            && !SchemaFacts.DoTypesOverlap(Context.Schema, fragType, parentType))
                        {
                            Report(
                                $"Fragment cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".",
                                inline);
                        }
                        break;
                    }
                case FragmentSpreadNode spread:
                    {
                        var fragName = spread.Name.Value;
                        if (FragmentType(fragName) is { } fragType
                            && Context.ParentType is { } parentType
                            && !SchemaFacts.DoTypesOverlap(Context.Schema, fragType, parentType))
                        {
                            Report(
                                $"Fragment \"{fragName}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragType.Name}\".",
                                spread);
                        }
                        break;
                    }
            }
            return VisitAction.Continue;
        }

        private NamedType? FragmentType(string name) =>
            Context.GetFragment(name) is { } fragment
            && SchemaFacts.TypeFromAst(Context.Schema, fragment.TypeCondition) is NamedType type
            && SchemaFacts.IsCompositeType(type)
                ? type
                : null;
    }
}
