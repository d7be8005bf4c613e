using System.Collections;
using Directory.Data.Text;

namespace Directory.Api.Paging;

/// <summary>
/// Bounds on every argument that grows the work of a request: a predicate (<c>where</c>, <c>search</c>), a sort
/// (<c>order</c>), an IN list or a batch (<c>nodes(ids:)</c>, any list in a mutation input). Without them one
/// anonymous request could ask EF Core for an expression tree deep enough to overflow the stack, which ends the
/// process. Checked on the coerced values (variables included) before any resolver runs, by the executor's
/// <see cref="Directory.GraphQL.Execution.ExecutorOptions.CheckArguments"/> hook and by the export endpoints; a value
/// over a limit is refused with <c>BAD_USER_INPUT</c> naming the setting and its value. Settings under
/// <c>GraphQL:</c>; see docs/security.md ("Limits").
/// </summary>
public sealed class InputLimits
{
    /// <summary>Nodes of one <c>where</c>: every field given at any depth and every and/or branch count one.</summary>
    public int MaxFilterNodes { get; init; } = 1000;

    /// <summary>Levels of nested input objects in one <c>where</c> (and/or nesting and relation filters).</summary>
    public int MaxFilterDepth { get; init; } = 10;

    /// <summary>Items in any list of any argument: <c>in</c>/<c>nin</c>, <c>and</c>/<c>or</c>, mutation input lists.</summary>
    public int MaxListItems { get; init; } = 1000;

    /// <summary>Words of a <c>search</c>; each one is a condition over five columns.</summary>
    public int MaxSearchWords { get; init; } = 32;

    /// <summary>Characters of a <c>search</c>.</summary>
    public int MaxSearchLength { get; init; } = 500;

    /// <summary>Sort keys in one <c>order</c>.</summary>
    public int MaxOrderFields { get; init; } = 10;

    /// <summary>IDs in one <c>nodes(ids:)</c>.</summary>
    public int MaxNodeIds { get; init; } = 100;

    /// <summary>The limits configured under <c>GraphQL:</c>, each defaulting to the value above.</summary>
    public static InputLimits From(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new InputLimits();
        return new InputLimits
        {
            MaxFilterNodes = section.GetValue(nameof(MaxFilterNodes), defaults.MaxFilterNodes),
            MaxFilterDepth = section.GetValue(nameof(MaxFilterDepth), defaults.MaxFilterDepth),
            MaxListItems = section.GetValue(nameof(MaxListItems), defaults.MaxListItems),
            MaxSearchWords = section.GetValue(nameof(MaxSearchWords), defaults.MaxSearchWords),
            MaxSearchLength = section.GetValue(nameof(MaxSearchLength), defaults.MaxSearchLength),
            MaxOrderFields = section.GetValue(nameof(MaxOrderFields), defaults.MaxOrderFields),
            MaxNodeIds = section.GetValue(nameof(MaxNodeIds), defaults.MaxNodeIds),
        };
    }

    /// <summary>
    /// Refuses a field's coerced arguments when one is over a limit (throws <see cref="GraphQLError"/>). Every list in
    /// every argument is bounded; <c>where</c>, <c>order</c>, <c>search</c> and <c>nodes(ids:)</c> also by their own limits.
    /// </summary>
    public void Check(FieldDefinition field, IReadOnlyDictionary<string, object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var (name, value) in arguments)
        {
            switch (value)
            {
                case null:
                    continue;
                case IList ids when name == "ids" && field.Name == "nodes":
                    Require(ids.Count <= MaxNodeIds, name, nameof(MaxNodeIds), MaxNodeIds, $"{ids.Count} IDs");
                    break;
                case IReadOnlyDictionary<string, object?> filter when name == "where":
                    CheckFilter(filter);
                    break;
                case IList order when name == "order":
                    CheckOrder(order);
                    break;
                case string search when name == "search":
                    CheckSearch(search);
                    break;
            }
            CheckLists(value, name);
        }
    }

    private void CheckFilter(IReadOnlyDictionary<string, object?> filter)
    {
        var nodes = 0;
        CountFilter(filter, 1, ref nodes);
    }

    // Stops at the first limit crossed, so a filter 100 times too large costs no more to refuse than one just over.
    private void CountFilter(object? value, int depth, ref int nodes)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> fields:
                Require(depth <= MaxFilterDepth, "where", nameof(MaxFilterDepth), MaxFilterDepth, $"more than {MaxFilterDepth} levels");
                foreach (var (_, inner) in fields)
                {
                    if (inner is null)
                    {
                        continue;
                    }
                    nodes++;
                    Require(nodes <= MaxFilterNodes, "where", nameof(MaxFilterNodes), MaxFilterNodes, $"more than {MaxFilterNodes} nodes");
                    CountFilter(inner, depth + 1, ref nodes);
                }
                break;
            case IList items:
                Require(items.Count <= MaxListItems, "where", nameof(MaxListItems), MaxListItems, $"a list of {items.Count} items");
                // An and/or branch counts one; the values of an in/nin list do not, being one query parameter.
                foreach (var item in items)
                {
                    if (item is IReadOnlyDictionary<string, object?>)
                    {
                        nodes++;
                        Require(nodes <= MaxFilterNodes, "where", nameof(MaxFilterNodes), MaxFilterNodes, $"more than {MaxFilterNodes} nodes");
                        CountFilter(item, depth, ref nodes);
                    }
                }
                break;
        }
    }

    private void CheckOrder(IList order)
    {
        var keys = 0;
        foreach (var entry in order)
        {
            keys += SortKeys(entry);
        }
        Require(keys <= MaxOrderFields, "order", nameof(MaxOrderFields), MaxOrderFields, $"{keys} sort keys");
    }

    // A sort entry's keys; a relation's (e.g. organisation: { name: ASC }) are counted at the leaves.
    private static int SortKeys(object? entry)
    {
        if (entry is not IReadOnlyDictionary<string, object?> fields)
        {
            return entry is null ? 0 : 1;
        }
        var keys = 0;
        foreach (var (_, value) in fields)
        {
            keys += SortKeys(value);
        }
        return keys;
    }

    private void CheckSearch(string search)
    {
        var words = SearchWords(search).Length;
        Require(words <= MaxSearchWords, "search", nameof(MaxSearchWords), MaxSearchWords, $"{words} words");
        Require(search.Length <= MaxSearchLength, "search", nameof(MaxSearchLength), MaxSearchLength, $"{search.Length} characters");
    }

    /// <summary>The words a search matches one by one (normalised as the search column is).</summary>
    public static string[] SearchWords(string? search) =>
        SearchText.Normalize(search).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private void CheckLists(object? value, string argument)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> fields:
                foreach (var (_, inner) in fields)
                {
                    CheckLists(inner, argument);
                }
                break;
            case IList items:
                Require(items.Count <= MaxListItems, argument, nameof(MaxListItems), MaxListItems, $"a list of {items.Count} items");
                foreach (var item in items)
                {
                    CheckLists(item, argument);
                }
                break;
        }
    }

    private static void Require(bool withinLimit, string argument, string setting, int limit, string found)
    {
        if (!withinLimit)
        {
            throw new GraphQLError(
                $"Argument \"{argument}\" is too large ({found}): the limit is GraphQL:{setting} = {limit}.",
                code: ErrorCodes.BadUserInput,
                extensions: new Dictionary<string, object?> { ["limit"] = $"GraphQL:{setting}", ["max"] = limit });
        }
    }
}
