using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.2.1 Fragment Spread Target Defined.</summary>
internal static class KnownFragmentNamesRule
{
    public static ValidationRule Instance { get; } = new("KnownFragmentNames", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is FragmentSpreadNode spread && Context.GetFragment(spread.Name.Value) is null)
            {
                Report($"Unknown fragment \"{spread.Name.Value}\".", spread.Name);
            }
            return VisitAction.Continue;
        }
    }
}
