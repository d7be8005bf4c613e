using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.6.3 Input Object Field Uniqueness.</summary>
internal static class UniqueInputFieldNamesRule
{
    public static ValidationRule Instance { get; } = new("UniqueInputFieldNames", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is ObjectValueNode obj && obj.Fields.Count > 1)
            {
                var known = new Dictionary<string, NameNode>(StringComparer.Ordinal);
                foreach (var field in obj.Fields)
                {
                    ReportIfRepeated(known, field.Name, "input field");
                }
            }
            return VisitAction.Continue;
        }
    }
}
