using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.7.1 Directives Are Defined and §5.7.2 Directives Are In Valid Locations.</summary>
internal static class KnownDirectivesRule
{
    public static ValidationRule Instance { get; } = new("KnownDirectives", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is not DirectiveNode directive)
            {
                return VisitAction.Continue;
            }
            var name = directive.Name.Value;
            if (!Context.Directives.TryGet(name, out var facts))
            {
                Report($"Unknown directive \"@{name}\".", directive);
                return VisitAction.Continue;
            }
            if (LocationOf(Context.Ancestors) is { } candidate && !facts.Locations.Contains(candidate))
            {
                Report($"Directive \"@{name}\" may not be used on {candidate}.", directive);
            }
            return VisitAction.Continue;
        }
    }

    /// <summary>The directive location of the node a directive is applied to (the last ancestor).</summary>
    private static string? LocationOf(IReadOnlyList<SyntaxNode> ancestors)
    {
        if (ancestors.Count == 0)
        {
            return null;
        }
        var appliedTo = ancestors[^1];
        DirectiveLocation? location = appliedTo switch
        {
            OperationDefinitionNode { Operation: OperationType.Query } => DirectiveLocation.Query,
            OperationDefinitionNode { Operation: OperationType.Mutation } => DirectiveLocation.Mutation,
            OperationDefinitionNode { Operation: OperationType.Subscription } => DirectiveLocation.Subscription,
            FieldNode => DirectiveLocation.Field,
            FragmentSpreadNode => DirectiveLocation.FragmentSpread,
            InlineFragmentNode => DirectiveLocation.InlineFragment,
            FragmentDefinitionNode => DirectiveLocation.FragmentDefinition,
            VariableDefinitionNode => DirectiveLocation.VariableDefinition,
            SchemaDefinitionNode or SchemaExtensionNode => DirectiveLocation.Schema,
            ScalarTypeDefinitionNode or ScalarTypeExtensionNode => DirectiveLocation.Scalar,
            ObjectTypeDefinitionNode or ObjectTypeExtensionNode => DirectiveLocation.Object,
            FieldDefinitionNode => DirectiveLocation.FieldDefinition,
            InterfaceTypeDefinitionNode or InterfaceTypeExtensionNode => DirectiveLocation.Interface,
            UnionTypeDefinitionNode or UnionTypeExtensionNode => DirectiveLocation.Union,
            EnumTypeDefinitionNode or EnumTypeExtensionNode => DirectiveLocation.Enum,
            EnumValueDefinitionNode => DirectiveLocation.EnumValue,
            InputObjectTypeDefinitionNode or InputObjectTypeExtensionNode => DirectiveLocation.InputObject,
            InputValueDefinitionNode => ancestors.Count > 1 && ancestors[^2] is InputObjectTypeDefinitionNode or InputObjectTypeExtensionNode
                ? DirectiveLocation.InputFieldDefinition
                : DirectiveLocation.ArgumentDefinition,
            _ => null,
        };
        return location?.ToSpecName();
    }
}
