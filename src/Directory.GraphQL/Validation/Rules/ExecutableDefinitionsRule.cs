using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.1.1 Executable Definitions: a request document holds only operations and fragments.</summary>
internal static class ExecutableDefinitionsRule
{
    public static ValidationRule Instance { get; } = new("ExecutableDefinitions", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is not DocumentNode document)
            {
                return VisitAction.Continue;
            }
            foreach (var definition in document.Definitions)
            {
                if (definition is ExecutableDefinitionNode)
                {
                    continue;
                }
                var name = definition switch
                {
                    SchemaDefinitionNode or SchemaExtensionNode => "schema",
                    TypeDefinitionNode t => "\"" + t.Name.Value + "\"",
                    TypeExtensionNode t => "\"" + t.Name.Value + "\"",
                    DirectiveDefinitionNode d => "\"" + d.Name.Value + "\"",
                    _ => "schema",
                };
                Report($"The {name} definition is not executable.", definition);
            }
            return VisitAction.SkipChildren;
        }
    }
}
