using System.Linq.Expressions;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Directory.Data.Erasure;

/// <summary>The personal data of a person being erased that other stored text may repeat.</summary>
public sealed record ErasedPerson(string FullName, string? Email, string? Phone);

/// <summary>How many stored texts an erasure redacted, per kind, for the erasure's audit entry.</summary>
public sealed record RedactionCounts(int Exports, int ContactNotes, int SurveyResponses);

/// <summary>
/// The one sanctioned rewrite of otherwise kept records: an erasure replaces the person's name, email address and
/// phone number with <see cref="Marker"/> wherever stored free text repeats them — export purposes and filters
/// (<see cref="ExportDetail"/>, which nothing else may change), other contacts' notes and survey responses' comments.
/// The changes are made in the caller's context, so they are saved in the erasure's own transaction.
/// </summary>
public static class PersonalDataRedaction
{
    public const string Marker = "[erased]";

    // Filters are stored with the relaxed encoder so that an address or an accented name is stored as written and a
    // database search for it finds it; older filters may hold \u escapes, so those are always read and checked.
    internal static readonly JsonSerializerOptions FilterJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A filter as <see cref="ExportDetail.Filter"/> stores it.</summary>
    public static string? SerializeFilter(object? filter) => filter is null ? null : JsonSerializer.Serialize(filter, FilterJson);

    public static async Task<RedactionCounts> RedactAsync(DirectoryDbContext db, ErasedPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        var terms = Terms(person);
        if (terms.Count == 0)
        {
            return new RedactionCounts(0, 0, 0);
        }
        var pattern = new Regex(
            $"(?<![\\p{{L}}\\p{{N}}]){string.Join('|', terms.Select(t => $"(?:{Regex.Escape(t)})"))}(?![\\p{{L}}\\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        string? Redact(string? text) => text is null ? null : pattern.Replace(text, Marker);

        var exports = 0;
        foreach (var export in await CandidatesAsync(db.ExportDetails, terms, [e => e.Purpose, e => e.Filter], alsoEscaped: e => e.Filter, cancellationToken))
        {
            var purpose = Redact(export.Purpose)!;
            var filter = RedactFilter(export.Filter, Redact);
            if (purpose != export.Purpose || filter != export.Filter)
            {
                db.Redacts(export);
                export.Purpose = purpose;
                export.Filter = filter;
                exports++;
            }
        }

        var notes = 0;
        foreach (var contact in await CandidatesAsync(db.Contacts, terms, [c => c.Note], alsoEscaped: null, cancellationToken))
        {
            if (db.Entry(contact).State == EntityState.Deleted)
            {
                continue; // the person being erased
            }
            var note = Redact(contact.Note);
            if (note != contact.Note)
            {
                contact.Note = note;
                notes++;
            }
        }

        var responses = 0;
        foreach (var response in await CandidatesAsync(db.SurveyResponses, terms, [r => r.Comments, r => r.OtherActivities], alsoEscaped: null, cancellationToken))
        {
            var (comments, other) = (Redact(response.Comments), Redact(response.OtherActivities));
            if (comments != response.Comments || other != response.OtherActivities)
            {
                (response.Comments, response.OtherActivities) = (comments, other);
                responses++;
            }
        }
        return new RedactionCounts(exports, notes, responses);
    }

    /// <summary>The texts to find: email first (it may contain the name), then the name, then the phone number.</summary>
    private static List<string> Terms(ErasedPerson person) =>
        [.. new[] { person.Email, person.FullName, person.Phone }
            .Select(t => t?.Trim())
            .Where(t => !string.IsNullOrEmpty(t) && t.Length >= 3)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Rows whose text columns contain any term, case-insensitively (the database narrows them; the pattern then
    /// decides on word boundaries). Loaded tracked, so the caller's changes are saved with the erasure.
    /// </summary>
    private static async Task<List<TEntity>> CandidatesAsync<TEntity>(
        IQueryable<TEntity> rows, List<string> terms, Expression<Func<TEntity, string?>>[] columns,
        Expression<Func<TEntity, string?>>? alsoEscaped, CancellationToken cancellationToken)
        where TEntity : class
    {
        var row = Expression.Parameter(typeof(TEntity), "row");
        var toLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression ContainsTerm(Expression<Func<TEntity, string?>> column, string term)
        {
            var value = ReplacingExpressionVisitor.Replace(column.Parameters[0], row, column.Body);
            return Expression.AndAlso(
                Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(Expression.Call(value, toLower), contains, Expression.Constant(term.ToLowerInvariant())));
        }
        var conditions = columns.SelectMany(column => terms.Select(term => ContainsTerm(column, term))).ToList();
        if (alsoEscaped is not null)
        {
            conditions.Add(ContainsTerm(alsoEscaped, "\\u"));
        }
        var any = conditions.Aggregate(Expression.OrElse);
        return await rows.Where(Expression.Lambda<Func<TEntity, bool>>(any, row)).ToListAsync(cancellationToken);
    }

    /// <summary>Redacts every string value of a filter's JSON; a value that is the person's data becomes the marker.</summary>
    private static string? RedactFilter(string? filter, Func<string?, string?> redact)
    {
        if (filter is null)
        {
            return null;
        }
        var root = JsonNode.Parse(filter);
        var changed = false;
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj.ToList())
                    {
                        Walk(child);
                    }
                    break;
                case JsonArray array:
                    foreach (var child in array.ToList())
                    {
                        Walk(child);
                    }
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    var text = value.GetValue<string>();
                    var redacted = redact(text)!;
                    if (redacted != text)
                    {
                        value.ReplaceWith(JsonValue.Create(redacted));
                        changed = true;
                    }
                    break;
            }
        }
        Walk(root);
        return changed ? root!.ToJsonString(FilterJson) : filter;
    }
}
