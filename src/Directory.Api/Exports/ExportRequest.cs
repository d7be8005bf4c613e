using System.Text.Json;
using Directory.Api.Paging;
using Microsoft.Extensions.Primitives;

namespace Directory.Api.Exports;

/// <summary>
/// The query string of an export, checked: a purpose, and the list's own filters. <c>where</c> and <c>order</c> are
/// JSON, coerced against the input types of the matching GraphQL argument, so an export accepts exactly the filters
/// the query does and reports mistakes in the same words.
/// </summary>
public sealed class ExportRequest
{
    public const int MinPurposeLength = 5;
    public const int MaxPurposeLength = 500;

    private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
    {
        [ExportEndpoints.ContactsList] = ["purpose", "search", "where", "order"],
        [ExportEndpoints.NationalList] = ["purpose", "survey", "where"],
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        [ExportEndpoints.ContactsList] = "contacts",
        [ExportEndpoints.NationalList] = "nationalContactList",
    };

    public string Purpose { get; private set; } = "";

    public string? Search { get; private set; }

    public string Survey { get; private set; } = "STADV-2020";

    public IReadOnlyDictionary<string, object?>? Where { get; private set; }

    public IReadOnlyList<object?>? Order { get; private set; }

    /// <summary>The filter as the caller gave it, for the audit log and the file's manifest.</summary>
    public Dictionary<string, object?> Filter { get; } = new(StringComparer.Ordinal);

    public List<string> Problems { get; } = [];

    public static ExportRequest Parse(IQueryCollection query, string list, Schema schema, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(limits);
        var request = new ExportRequest();
        var allowed = Parameters[list];
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                request.Problems.Add($"Unknown parameter '{name}': this export takes {string.Join(", ", allowed)}.");
            }
            else if (values.Count != 1)
            {
                request.Problems.Add($"Parameter '{name}' is given {values.Count} times; give it once.");
            }
        }
        if (request.Problems.Count > 0)
        {
            return request;
        }

        request.Purpose = (Single(query, "purpose") ?? "").Trim();
        if (request.Purpose.Length is < MinPurposeLength or > MaxPurposeLength)
        {
            request.Problems.Add($"Parameter 'purpose' is required: say why you need these contacts ({MinPurposeLength} to {MaxPurposeLength} characters).");
        }
        else if (request.Purpose.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            // The purpose is shown in the audit log, on the XLSX terms sheet and to the person in a subject access
            // report: invisible characters would make it unreadable there (five NULs were once a valid purpose).
            request.Problems.Add("Parameter 'purpose' must not contain control or invisible formatting characters.");
        }
        else if (request.Purpose.Count(char.IsLetterOrDigit) < MinPurposeLength)
        {
            request.Problems.Add($"Parameter 'purpose' must say why in words: at least {MinPurposeLength} letters or digits.");
        }
        if (Single(query, "search") is { } search)
        {
            request.Search = search;
            request.Filter["search"] = search;
        }
        if (Single(query, "survey") is { } survey)
        {
            request.Survey = survey;
        }
        if (list == ExportEndpoints.NationalList)
        {
            request.Filter["survey"] = request.Survey;
        }

        var field = schema.QueryType!.Fields[Fields[list]]!;
        request.Where = request.Coerce(query, "where", field) as IReadOnlyDictionary<string, object?>;
        request.Order = request.Coerce(query, "order", field) as IReadOnlyList<object?>;
        if (request.Problems.Count == 0)
        {
            request.CheckLimits(field, limits);
        }
        return request;
    }

    // The same limits as the GraphQL field's arguments, so an export cannot ask for more work than the query may.
    private void CheckLimits(FieldDefinition field, InputLimits limits)
    {
        try
        {
            limits.Check(field, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["search"] = Search,
                ["where"] = Where,
                ["order"] = Order,
            });
        }
        catch (GraphQLError error)
        {
            Problems.Add(error.Message);
        }
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values[0] : null;

    private object? Coerce(IQueryCollection query, string name, FieldDefinition field)
    {
        if (Single(query, name) is not { } text || !field.Arguments.TryGet(name, out var argument))
        {
            return null;
        }
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Problems.Add($"Parameter '{name}' is not valid JSON: {e.Message}");
            return null;
        }
        Filter[name] = json;
        var problems = Problems.Count;
        var value = InputCoercion.CoerceInputValue(json, argument.Type, (path, _, message) =>
            Problems.Add($"Parameter '{name}'{(path.Count == 0 ? "" : " at " + string.Join('.', path))}: {message}"));
        return Problems.Count == problems ? value : null;
    }
}
