using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Data;
using Directory.Data.Model;

namespace Directory.Api.Audit;

/// <summary>
/// Writes the audit log. An entry is added to the same DbContext as the change it records, so both are saved in one
/// transaction: there is never a change without its entry, nor an entry for a change that failed.
/// </summary>
public sealed class AuditTrail(AuditOptions options)
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
        return entry;
    }

    /// <summary>
    /// A keyed digest of an email address (trimmed, lower-cased): what an erasure entry keeps so that a later subject
    /// access request by email still finds the person's audit trail, without the log holding the address itself.
    /// </summary>
    public string EmailDigest(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalised = Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant());
        return Convert.ToHexStringLower(HMACSHA256.HashData(options.PseudonymKeyBytes, normalised));
    }
}

/// <summary>The <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The HMAC key for email digests in erasure entries. Set a secret value in production: with the built-in default
    /// the digest is only as strong as a plain hash of the address.
    /// </summary>
    public string PseudonymKey { get; set; } = "commissioning-directory-audit-digest";

    internal byte[] PseudonymKeyBytes => Encoding.UTF8.GetBytes(PseudonymKey);

    public static IServiceCollection AddAuditTrail(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<AuditOptions>() ?? new AuditOptions();
        services.AddSingleton(options);
        services.AddSingleton<AuditTrail>();
        return services;
    }
}
