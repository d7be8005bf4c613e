using System.Text.Json;

namespace Directory.Api.Audit;

/// <summary>An export that included a person, read back from the export's audit entry and its stated purpose and filter.</summary>
public sealed record Disclosure(
    string ExportKey,
    DateTime ExportedAt,
    string Recipient,
    string Purpose,
    string Format,
    string List,
    JsonElement? Filter,
    int RowCount);

/// <summary>
/// Who received a person's details. Each export writes one <c>export</c> entry (entity <c>Export</c>, key the export's
/// key) and one <c>disclose</c> entry per contact (entity <c>Contact</c>, key the contact's key), so both directions
/// are lookups on the audit log's (entity type, entity key) index, and keep working after the contact is erased.
/// </summary>
public static class Disclosures
{
    public const string ExportEntity = "Export";
    public const string ContactEntity = "Contact";

    /// <summary>The exports that disclosed any of the contacts, newest first, each once.</summary>
    public static async Task<List<Disclosure>> OfContactsAsync(DirectoryDbContext db, IReadOnlyCollection<string> contactKeys, CancellationToken cancellationToken)
    {
        var keys = contactKeys.ToList();
        var disclosed = await db.AuditLog.AsNoTracking()
            .Where(e => e.EntityType == ContactEntity && keys.Contains(e.EntityKey) && e.Action == AuditTrail.Actions.Disclose)
            .Select(e => e.Details)
            .ToListAsync(cancellationToken);
        var exportKeys = disclosed
            .Select(details => details is null ? null : JsonDocument.Parse(details).RootElement.GetProperty("export").GetString())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var exports = await db.AuditLog.AsNoTracking()
            .Where(e => e.EntityType == ExportEntity && exportKeys.Contains(e.EntityKey) && e.Action == AuditTrail.Actions.Export)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .ToListAsync(cancellationToken);
        var stated = await db.ExportDetails.AsNoTracking()
            .Where(d => exportKeys.Contains(d.ExportKey))
            .ToDictionaryAsync(d => d.ExportKey, StringComparer.Ordinal, cancellationToken);
        return [.. exports.Select(e => FromExportEntry(e, stated.GetValueOrDefault(e.EntityKey)))];
    }

    /// <summary>
    /// A disclosure from the export's audit entry (who, when, what) and its stated purpose and filter, kept apart in
    /// <see cref="ExportDetail"/> so that an erasure can redact them.
    /// </summary>
    private static Disclosure FromExportEntry(AuditEntry entry, ExportDetail? stated)
    {
        var details = JsonDocument.Parse(entry.Details ?? "{}").RootElement;
        return new Disclosure(
            entry.EntityKey,
            entry.OccurredAt,
            entry.Actor,
            stated?.Purpose ?? "",
            details.GetProperty("format").GetString() ?? "",
            details.GetProperty("list").GetString() ?? "",
            stated?.Filter is { } filter ? JsonDocument.Parse(filter).RootElement.Clone() : null,
            details.GetProperty("rowCount").GetInt32());
    }
}
