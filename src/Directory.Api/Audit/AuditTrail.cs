using System.Text.Json;
using Directory.Api.Auth;
using Directory.Data.Erasure;

namespace Directory.Api.Audit;

/// <summary>
/// Writes the audit log. An entry is added to the same DbContext as the change it records, so both are saved in one
/// transaction: there is never a change without its entry, nor an entry for a change that failed.
/// </summary>
public sealed class AuditTrail(PseudonymKeys keys)
{
    /// <summary>The actions the log records.</summary>
    public static class Actions
    {
        public const string Create = "create";
        public const string Update = "update";
        public const string Verify = "verify";
        public const string Remove = "remove";
        public const string Submit = "submit";
        public const string ChangeConsent = "consent";

        /// <summary>Right to erasure: the entry keeps the contact's key and an email digest, never the personal data.</summary>
        public const string Erase = "erase";

        /// <summary>An export: who, purpose, filter, row count and the keys of the contacts disclosed.</summary>
        public const string Export = "export";

        /// <summary>One per contact included in an export, so a person's disclosures are an indexed lookup.</summary>
        public const string Disclose = "disclose";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private AuditEntry? _lastChange;

    /// <summary>
    /// The change this process recorded last (its id is set once saved): a hint of what the next search after a
    /// write will find in the log, so that its page's command can count the organisation it names
    /// (<see cref="Paging.TotalCountCache.RecountHint"/>). Only a hint: whatever it says, the log read in that command
    /// decides (the save may have failed, or another instance written since).
    /// </summary>
    public AuditEntry? LastChangeRecorded => Volatile.Read(ref _lastChange);

    public AuditEntry Record(DirectoryDbContext db, Viewer viewer, string action, string entityType, string entityKey, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        var entry = new AuditEntry
        {
            OccurredAt = DateTime.UtcNow,
            Actor = viewer.Actor,
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            Details = details is null ? null : JsonSerializer.Serialize(details, Json),
        };
        db.AuditLog.Add(entry);
        if (!Mapping.MappingReportCache.ReadingActions.Contains(action))
        {
            Volatile.Write(ref _lastChange, entry);
        }
        return entry;
    }

    /// <summary>
    /// A keyed digest of an email address (trimmed, lower-cased) under the current pseudonym key: what removal and
    /// erasure entries and tombstones keep so that a later subject access request by email still finds the person's
    /// audit trail, without the log holding the address itself.
    /// </summary>
    public string EmailDigest(string email) => keys.Digest(email);

    /// <summary>The address's digest under the current and every previous key, for look-ups.</summary>
    public IReadOnlyList<string> EmailDigests(string email) => keys.AllDigests(email);
}
