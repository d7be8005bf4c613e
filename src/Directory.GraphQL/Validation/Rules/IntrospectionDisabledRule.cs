using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Protection: when <see cref="ValidationOptions.AllowIntrospection"/> is off (production), selecting `__schema`
/// or `__type` is an error with code INTROSPECTION_DISABLED; `__typename` stays allowed, clients need it.
/// </summary>
internal static class IntrospectionDisabledRule
{
    public static ValidationRule Instance { get; } = new("IntrospectionDisabled", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (Context.Options.AllowIntrospection)
            {
                return VisitAction.SkipChildren;
            }
            if (node is FieldNode field && field.Name.Value is "__schema" or "__type")
            {
                ReportWithCode(
                    ErrorCodes.IntrospectionDisabled,
                    $"GraphQL introspection is not allowed, but the query contained \"{field.Name.Value}\".",
                    field);
                return VisitAction.SkipChildren;
            }
            return VisitAction.Continue;
        }
    }
}
