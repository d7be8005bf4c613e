using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.7.3 Directives Are Unique Per Location (repeatable directives excepted).</summary>
internal static class UniqueDirectivesPerLocationRule
{
    public static ValidationRule Instance { get; } = new("UniqueDirectivesPerLocation", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        // Only type system documents have schema and type directives: made on first use.
        private Dictionary<string, DirectiveNode>? _schemaDirectives;
        private Dictionary<string, Dictionary<string, DirectiveNode>>? _typeDirectives;

        internal override void Reset()
        {
            _schemaDirectives = null;
            _typeDirectives = null;
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            var directives = DirectivesOf(node);
            if (directives is null || directives.Count == 0)
            {
                return VisitAction.Continue;
            }

            // Type definitions and their extensions share one location, as does the schema with its extensions.
            Dictionary<string, DirectiveNode> seen;
            switch (node)
            {
                case SchemaDefinitionNode or SchemaExtensionNode:
                    seen = _schemaDirectives ??= new(StringComparer.Ordinal);
                    break;
                case TypeDefinitionNode or TypeExtensionNode:
                    {
                        var typeName = node is TypeDefinitionNode d ? d.Name.Value : ((TypeExtensionNode)node).Name.Value;
                        _typeDirectives ??= new(StringComparer.Ordinal);
                        if (!_typeDirectives.TryGetValue(typeName, out seen!))
                        {
                            _typeDirectives[typeName] = seen = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
                        }
                        break;
                    }
                default:
                    if (directives.Count == 1)
                    {
                        return VisitAction.Continue;
                    }
                    seen = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
                    break;
            }
            foreach (var directive in directives)
            {
                var name = directive.Name.Value;
                if (Context.Directives.TryGet(name, out var facts) && facts.IsUnique)
                {
                    if (seen.TryGetValue(name, out var first))
                    {
                        Report($"The directive \"@{name}\" can only be used once at this location.", first, directive);
                    }
                    else
                    {
                        seen[name] = directive;
                    }
                }
            }
            return VisitAction.Continue;
        }

        private static IReadOnlyList<DirectiveNode>? DirectivesOf(SyntaxNode node) => node switch
        {
            ExecutableDefinitionNode d => d.Directives,
            SelectionNode s => s.Directives,
            VariableDefinitionNode v => v.Directives,
            SchemaDefinitionNode s => s.Directives,
            SchemaExtensionNode s => s.Directives,
            TypeDefinitionNode t => t.Directives,
            TypeExtensionNode t => t.Directives,
            FieldDefinitionNode f => f.Directives,
            InputValueDefinitionNode i => i.Directives,
            EnumValueDefinitionNode e => e.Directives,
            _ => null,
        };
    }
}
