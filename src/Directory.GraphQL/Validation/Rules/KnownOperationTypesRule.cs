using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.2.1 (working draft): the schema defines a root type for each operation's kind.</summary>
internal static class KnownOperationTypesRule
{
    public static ValidationRule Instance { get; } = new("KnownOperationTypes", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is OperationDefinitionNode operation)
            {
                if (SchemaFacts.GetRootType(Context.Schema, operation.Operation) is null)
                {
                    var kind = operation.Operation.ToString().ToLowerInvariant();
                    Report($"The {kind} operation is not supported by the schema.", operation);
                }
                return VisitAction.SkipChildren;
            }
            return node is FragmentDefinitionNode ? VisitAction.SkipChildren : VisitAction.Continue;
        }
    }
}
