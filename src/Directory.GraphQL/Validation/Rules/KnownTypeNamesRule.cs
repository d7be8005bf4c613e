using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.2 / §5.8.2: every named type reference names a type of the schema.</summary>
public static class KnownTypeNamesRule
{
    public static ValidationRule Instance { get; } = new("KnownTypeNames", c => new Visitor(c));

    private static readonly string[] StandardTypeNames =
    [
        "String", "Int", "Float", "Boolean", "ID",
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    ];

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private HashSet<string>? _definedTypeNames;

        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is not NamedTypeNode namedType)
            {
                return VisitAction.Continue;
            }
            var typeName = namedType.Name.Value;
            if (Context.Schema.GetType(typeName) is not null)
            {
                return VisitAction.Continue;
            }
            _definedTypeNames ??= Context.Document.Definitions.OfType<TypeDefinitionNode>().Select(d => d.Name.Value).ToHashSet(StringComparer.Ordinal);
            if (_definedTypeNames.Contains(typeName))
            {
                return VisitAction.Continue;
            }

            // Ancestors: the document, then the definition holding the reference.
            var definition = Context.Ancestors.Count > 1 ? Context.Ancestors[1] : Context.Parent;
            var isSdl = definition is TypeSystemDefinitionNode or TypeSystemExtensionNode;
            if (isSdl && StandardTypeNames.Contains(typeName))
            {
                return VisitAction.Continue;
            }
            var suggestions = "";
            if (Context.IncludeSuggestions)
            {
                var names = Context.Schema.Types.Select(t => t.Name).Concat(_definedTypeNames).Distinct(StringComparer.Ordinal);
                suggestions = SuggestionList.DidYouMean(SuggestionList.List(typeName, isSdl ? StandardTypeNames.Concat(names) : names));
            }
            Report($"Unknown type \"{typeName}\"." + suggestions, namedType);
            return VisitAction.Continue;
        }
    }
}
