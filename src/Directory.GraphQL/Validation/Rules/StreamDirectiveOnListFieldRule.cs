using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Incremental delivery (graphql-js 17): @stream only on a field whose type is a list (possibly non-null).</summary>
public static class StreamDirectiveOnListFieldRule
{
    public static ValidationRule Instance { get; } = new("StreamDirectiveOnListField", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is DirectiveNode { Name.Value: "stream" } directive
                && Context.FieldDef is { } field
                && Context.ParentType is { } parentType
                && field.Type is not ListType
                && field.Type is not NonNullType { OfType: ListType })
            {
                Report($"Directive \"@stream\" cannot be used on non-list field \"{parentType.Name}.{field.Name}\".", directive);
            }
            return VisitAction.Continue;
        }
    }
}
