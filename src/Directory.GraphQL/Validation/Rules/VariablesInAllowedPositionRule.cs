using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.8.5 All Variable Usages Are Allowed: a variable's type fits every position it is used in (a nullable
/// variable may fill a non-null position only when it or the position has a non-null default), and a variable
/// filling a field of a OneOf input object is non-null.
/// </summary>
internal static class VariablesInAllowedPositionRule
{
    public static ValidationRule Instance { get; } = new("VariablesInAllowedPosition", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override void Leave(SyntaxNode node)
        {
            if (node is not OperationDefinitionNode operation)
            {
                return;
            }
            var definitions = new Dictionary<string, VariableDefinitionNode>(StringComparer.Ordinal);
            foreach (var definition in operation.VariableDefinitions)
            {
                definitions[definition.Variable.Name.Value] = definition;
            }
            if (definitions.Count == 0)
            {
                return;
            }
            foreach (var usage in Context.GetRecursiveVariableUsages(operation))
            {
                var varName = usage.Node.Name.Value;
                if (!definitions.TryGetValue(varName, out var definition) || usage.Type is not { } locationType)
                {
                    continue;
                }
                if (SchemaFacts.TypeFromAst(Context.Schema, definition.Type) is not { } varType)
                {
                    continue;
                }
                if (!IsAllowed(varType, definition.DefaultValue, locationType, usage.DefaultValue))
                {
                    Report(
                        $"Variable \"${varName}\" of type \"{varType}\" used in position expecting type \"{locationType}\".",
                        definition,
                        usage.Node);
                }
                if (usage.ParentType is InputObjectType { IsOneOf: true } oneOf && varType is not NonNullType)
                {
                    Report(
                        $"Variable \"${varName}\" is of type \"{varType}\" but must be non-nullable to be used for OneOf Input Object \"{oneOf.Name}\".",
                        definition,
                        usage.Node);
                }
            }
        }

        private bool IsAllowed(GraphQLType varType, ValueNode? varDefault, GraphQLType locationType, ValueNode? locationDefault)
        {
            if (locationType is NonNullType nonNullLocation && varType is not NonNullType)
            {
                var hasNonNullVariableDefault = varDefault is not null and not NullValueNode;
                if (!hasNonNullVariableDefault && locationDefault is null)
                {
                    return false;
                }
                return SchemaFacts.IsTypeSubTypeOf(Context.Schema, varType, nonNullLocation.OfType);
            }
            return SchemaFacts.IsTypeSubTypeOf(Context.Schema, varType, locationType);
        }
    }
}
