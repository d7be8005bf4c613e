using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.3.3 Leaf Field Selections: leaves have no selection set, composites must have one.</summary>
internal static class ScalarLeafsRule
{
    public static ValidationRule Instance { get; } = new("ScalarLeafs", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is FieldNode field && Context.Type is { } type)
            {
                var fieldName = field.Name.Value;
                if (SchemaFacts.IsLeafType(SchemaFacts.GetNamedType(type)))
                {
                    if (field.SelectionSet is { } selectionSet)
                    {
                        Report($"Field \"{fieldName}\" must not have a selection since type \"{type}\" has no subfields.", selectionSet);
                    }
                }
                else if (field.SelectionSet is null)
                {
                    Report($"Field \"{fieldName}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{fieldName} {{ ... }}\"?", field);
                }
            }
            return VisitAction.Continue;
        }
    }
}
