using Directory.GraphQL.Language;

namespace Directory.GraphQL.Execution;

/// <summary>
/// One @defer fragment as met while collecting fields (graphql-js 17 "DeferUsage"): its label, the @defer it is
/// nested in, and its directive (the identity a fragment spread is deduplicated by). Part of the cached plan; each
/// request makes a delivery group of it per place in the response.
/// </summary>
internal sealed class DeferUsage
{
    internal DeferUsage(string? label, DeferUsage? parent, DirectiveNode directive)
    {
        Label = label;
        Parent = parent;
        Directive = directive;
    }

    public string? Label { get; }

    public DeferUsage? Parent { get; }

    internal DirectiveNode Directive { get; }

    /// <summary>
    /// The deferred fragments a field has to wait for: none when any of its nodes is not deferred (it is sent at
    /// once), else the fragments it appears in, leaving out those nested in another of them (the outer one sends it).
    /// </summary>
    internal static DeferUsage[] Filter(List<(FieldNode Node, DeferUsage? Defer)> entries)
    {
        var set = new List<DeferUsage>(entries.Count);
        foreach (var (_, defer) in entries)
        {
            if (defer is null)
            {
                return [];
            }
            if (!set.Contains(defer))
            {
                set.Add(defer);
            }
        }
        set.RemoveAll(usage => HasAncestorIn(usage, set));
        return [.. set];
    }

    private static bool HasAncestorIn(DeferUsage usage, List<DeferUsage> set)
    {
        for (var parent = usage.Parent; parent is not null; parent = parent.Parent)
        {
            if (set.Contains(parent))
            {
                return true;
            }
        }
        return false;
    }

    internal static bool SameSet(DeferUsage[] a, DeferUsage[] b) =>
        a.Length == b.Length && Array.TrueForAll(a, usage => Array.IndexOf(b, usage) >= 0);
}

/// <summary>Fields of a selection set that wait for a set of deferred fragments, with their own compiled plan.</summary>
internal sealed class DeferredFields(DeferUsage[] usages, SelectionSetPlan plan)
{
    public DeferUsage[] Usages { get; } = usages;

    public SelectionSetPlan Plan { get; } = plan;
}

/// <summary>Reading the arguments of @defer and @stream.</summary>
internal static class IncrementalDirectives
{
    /// <summary>The static <c>label</c> (validation requires a string literal), or null.</summary>
    public static string? Label(DirectiveNode directive)
    {
        foreach (var argument in directive.Arguments)
        {
            if (argument.Name.Value == "label" && argument.Value is StringValueNode label)
            {
                return label.Value;
            }
        }
        return null;
    }

    /// <summary>The <c>initialCount</c> of @stream (default 0), a literal or a variable.</summary>
    public static int InitialCount(DirectiveNode directive, IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var argument in directive.Arguments)
        {
            if (argument.Name.Value != "initialCount")
            {
                continue;
            }
            var value = argument.Value switch
            {
                IntValueNode i => int.Parse(i.Value, System.Globalization.CultureInfo.InvariantCulture),
                VariableNode v => variables.TryGetValue(v.Name.Value, out var given) ? given : 0,
                _ => 0,
            };
            return value is int count ? count : 0;
        }
        return 0;
    }

    /// <summary>
    /// Whether a document uses @defer or @stream with an <c>if</c> that is not false; <paramref name="isFalse"/> tells
    /// whether a variable was given as false.
    /// </summary>
    public static bool AnyActive(DocumentNode document, Func<string, bool> isFalse)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is ExecutableDefinitionNode executable && AnyActive(executable.SelectionSet, isFalse))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyActive(SelectionSetNode selectionSet, Func<string, bool> isFalse)
    {
        foreach (var selection in selectionSet.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                if (directive.Name.Value is "defer" or "stream" && IncludeConditions.IfValue(directive) switch
                {
                    BooleanValueNode b => b.Value,
                    VariableNode v => !isFalse(v.Name.Value),
                    _ => true,
                })
                {
                    return true;
                }
            }
            var nested = selection switch
            {
                FieldNode field => field.SelectionSet,
                InlineFragmentNode inline => inline.SelectionSet,
                _ => null,
            };
            if (nested is not null && AnyActive(nested, isFalse))
            {
                return true;
            }
        }
        return false;
    }
}
