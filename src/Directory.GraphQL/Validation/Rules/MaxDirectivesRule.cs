using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Protection: caps the directives applied in a document (<see cref="ValidationOptions.MaxDirectives"/>), since
/// each one is evaluated per field it sits on. Reported once, at the first directive over the limit.
/// </summary>
internal static class MaxDirectivesRule
{
    public static ValidationRule Instance { get; } = new("MaxDirectives", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private int _count;

        internal override void Reset()
        {
            _count = 0;
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            if (Context.Options.MaxDirectives is not { } max)
            {
                return VisitAction.SkipChildren;
            }
            if (node is DirectiveNode directive && ++_count == max + 1)
            {
                ReportWithCode(
                    ErrorCodes.MaxDirectivesExceeded,
                    $"The document uses more than the maximum of {max} directives.",
                    directive);
            }
            return VisitAction.Continue;
        }
    }
}
