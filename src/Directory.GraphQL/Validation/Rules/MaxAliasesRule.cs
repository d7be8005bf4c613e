using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Protection: caps the aliased fields in a document (<see cref="ValidationOptions.MaxAliases"/>). Aliases let one
/// small document ask for the same expensive field many times over ("alias overloading"). Reported once, at
/// the first alias over the limit.
/// </summary>
internal static class MaxAliasesRule
{
    public static ValidationRule Instance { get; } = new("MaxAliases", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private int _count;

        internal override void Reset()
        {
            _count = 0;
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            if (Context.Options.MaxAliases is not { } max)
            {
                return VisitAction.SkipChildren;
            }
            if (node is FieldNode { Alias: not null } field && ++_count == max + 1)
            {
                ReportWithCode(
                    ErrorCodes.MaxAliasesExceeded,
                    $"The document uses more than the maximum of {max} aliases.",
                    field);
            }
            return VisitAction.Continue;
        }
    }
}
