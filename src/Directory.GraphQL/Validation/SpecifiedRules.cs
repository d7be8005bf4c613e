using Directory.GraphQL.Validation.Rules;

namespace Directory.GraphQL.Validation;

/// <summary>
/// The rule lists. <see cref="All"/> is graphql-js v17's `specifiedRules` in the same order, including the four
/// @defer/@stream rules (they apply by directive name, whether or not the schema declares the directives, as in
/// graphql-js). <see cref="Protection"/> holds the
/// server's own limits, which <see cref="For"/> appends when the options enable them.
/// </summary>
public static class SpecifiedRules
{
    /// <summary>The specification's rules (graphql-js v17 `specifiedRules`, including `MaxIntrospectionDepth`).</summary>
    public static IReadOnlyList<ValidationRule> All { get; } =
    [
        ExecutableDefinitionsRule.Instance,
        KnownOperationTypesRule.Instance,
        UniqueOperationNamesRule.Instance,
        LoneAnonymousOperationRule.Instance,
        SingleFieldSubscriptionsRule.Instance,
        KnownTypeNamesRule.Instance,
        FragmentsOnCompositeTypesRule.Instance,
        VariablesAreInputTypesRule.Instance,
        ScalarLeafsRule.Instance,
        FieldsOnCorrectTypeRule.Instance,
        UniqueFragmentNamesRule.Instance,
        KnownFragmentNamesRule.Instance,
        NoUnusedFragmentsRule.Instance,
        PossibleFragmentSpreadsRule.Instance,
        NoFragmentCyclesRule.Instance,
        UniqueVariableNamesRule.Instance,
        NoUndefinedVariablesRule.Instance,
        NoUnusedVariablesRule.Instance,
        KnownDirectivesRule.Instance,
        UniqueDirectivesPerLocationRule.Instance,
        DeferStreamDirectiveOnRootFieldRule.Instance,
        DeferStreamDirectiveOnValidOperationsRule.Instance,
        DeferStreamDirectiveLabelRule.Instance,
        StreamDirectiveOnListFieldRule.Instance,
        KnownArgumentNamesRule.Instance,
        UniqueArgumentNamesRule.Instance,
        ValuesOfCorrectTypeRule.Instance,
        ProvidedRequiredArgumentsRule.Instance,
        VariablesInAllowedPositionRule.Instance,
        OverlappingFieldsCanBeMergedRule.Instance,
        UniqueInputFieldNamesRule.Instance,
        MaxIntrospectionDepthRule.Instance,
    ];

    /// <summary>The protection rules, each active only when its limit in <see cref="ValidationOptions"/> is set.</summary>
    public static IReadOnlyList<ValidationRule> Protection { get; } =
    [
        IntrospectionDisabledRule.Instance,
        MaxDepthRule.Instance,
        MaxAliasesRule.Instance,
        MaxDirectivesRule.Instance,
        MaxCostRule.Instance,
    ];

    private static readonly Dictionary<(bool, bool, bool, bool, bool), IReadOnlyList<ValidationRule>> ByEnabledProtection = [];
    private static readonly Lock Gate = new();

    /// <summary>The specified rules plus the protection rules the options switch on.</summary>
    public static IReadOnlyList<ValidationRule> For(ValidationOptions options)
    {
        var key = (!options.AllowIntrospection, options.MaxDepth is not null, options.MaxAliases is not null,
            options.MaxDirectives is not null, options.MaxCost is not null);
        lock (Gate)
        {
            if (ByEnabledProtection.TryGetValue(key, out var rules))
            {
                return rules;
            }
            var list = new List<ValidationRule>(All);
            if (key.Item1)
            {
                list.Add(IntrospectionDisabledRule.Instance);
            }
            if (key.Item2)
            {
                list.Add(MaxDepthRule.Instance);
            }
            if (key.Item3)
            {
                list.Add(MaxAliasesRule.Instance);
            }
            if (key.Item4)
            {
                list.Add(MaxDirectivesRule.Instance);
            }
            if (key.Item5)
            {
                list.Add(MaxCostRule.Instance);
            }
            ByEnabledProtection[key] = list;
            return list;
        }
    }
}
