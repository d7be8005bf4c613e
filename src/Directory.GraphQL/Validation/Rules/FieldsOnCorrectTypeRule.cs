using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.3.1 Field Selections: a selected field exists on the parent type. With suggestions on, the message
/// proposes an inline fragment on types that have the field, else fields with a similar name.
/// </summary>
public static class FieldsOnCorrectTypeRule
{
    public static ValidationRule Instance { get; } = new("FieldsOnCorrectType", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is FieldNode field && Context.ParentType is { } type && Context.FieldDef is null)
            {
                var fieldName = field.Name.Value;
                var suggestion = "";
                if (Context.IncludeSuggestions)
                {
                    suggestion = SuggestionList.DidYouMean("to use an inline fragment on", SuggestedTypeNames(Context.Schema, type, fieldName));
                    if (suggestion.Length == 0)
                    {
                        suggestion = SuggestionList.DidYouMean(SuggestedFieldNames(type, fieldName));
                    }
                }
                Report($"Cannot query field \"{fieldName}\" on type \"{type.Name}\"." + suggestion, field);
            }
            return VisitAction.Continue;
        }
    }

    // Types that have the field, most used first: an interface shared by many possible types is the better hint.
    private static List<string> SuggestedTypeNames(Schema schema, NamedType type, string fieldName)
    {
        if (!SchemaFacts.IsAbstractType(type))
        {
            return [];
        }
        var suggested = new List<ComplexType>();
        var usageCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var possibleType in SchemaFacts.GetPossibleTypes(schema, type))
        {
            if (possibleType.GetField(fieldName) is null)
            {
                continue;
            }
            if (!suggested.Contains(possibleType))
            {
                suggested.Add(possibleType);
            }
            usageCount[possibleType.Name] = 1;
            foreach (var iface in possibleType.Interfaces)
            {
                if (iface.GetField(fieldName) is null)
                {
                    continue;
                }
                if (!suggested.Contains(iface))
                {
                    suggested.Add(iface);
                }
                usageCount[iface.Name] = usageCount.GetValueOrDefault(iface.Name) + 1;
            }
        }
        var ordered = suggested.ToList();
        JsSort.Sort(ordered, (a, b) =>
        {
            var diff = usageCount[b.Name] - usageCount[a.Name];
            if (diff != 0)
            {
                return diff;
            }
            if (a is InterfaceType && SchemaFacts.IsSubType(schema, a, b))
            {
                return -1;
            }
            if (b is InterfaceType && SchemaFacts.IsSubType(schema, b, a))
            {
                return 1;
            }
            return SuggestionList.NaturalCompare(a.Name, b.Name);
        });
        return ordered.Select(t => t.Name).ToList();
    }

    private static IReadOnlyList<string> SuggestedFieldNames(NamedType type, string fieldName) =>
        type is ComplexType complex ? SuggestionList.List(fieldName, complex.Fields.Select(f => f.Name)) : [];
}
