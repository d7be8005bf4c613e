using System.Text.Json;

namespace Directory.Api.Audit;

/// <summary>
/// A subject access report (UK GDPR article 15) for an email address: the live contact records with that address, the
/// survey consent that governs their sharing, every audit entry about those records (including records removed or
/// erased since, found by the keyed email digest their removal entry and erasure tombstone keep) and every export
/// that disclosed them.
/// </summary>
public static class SubjectAccess
{
    public static async Task<Dictionary<string, object?>> ReportAsync(
        DirectoryDbContext db, AuditTrail auditTrail, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditTrail);
        var address = email.Trim().ToLowerInvariant();
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.Email != null && c.Email.ToLower() == address)
            .OrderBy(c => c.Key)
            .Select(c => new
            {
                c.Key,
                c.FullName,
                c.JobTitle,
                c.Email,
                c.Phone,
                c.PostalAddress,
                Role = c.Role.ToString(),
                Seniority = c.Seniority == null ? null : c.Seniority.ToString(),
                Organisation = new { c.Organisation.Code, c.Organisation.Name },
                Department = c.Department == null ? null : c.Department.Name,
                Manager = c.Manager == null ? null : c.Manager.Key,
                c.LastVerifiedOn,
                c.Note,
                Response = c.Response == null ? null : new
                {
                    c.Response.Key,
                    Survey = c.Response.SurveyRound.Code,
                    Consent = new
                    {
                        Partners = c.Response.ConsentPartners,
                        Government = c.Response.ConsentGovernment,
                        VoluntarySector = c.Response.ConsentVoluntarySector,
                    },
                },
            })
            .ToListAsync(cancellationToken);

        // A removed or erased record is found through the digest its removal entry and tombstone kept (under the
        // current or any previous pseudonym key); the address itself is gone.
        var digests = auditTrail.EmailDigests(address).ToList();
        var removedKeys = new List<string>();
        foreach (var digest in digests)
        {
            removedKeys.AddRange(await db.AuditLog.AsNoTracking()
                .Where(e => (e.Action == AuditTrail.Actions.Erase || e.Action == AuditTrail.Actions.Remove)
                    && e.EntityType == Disclosures.ContactEntity && e.Details != null && e.Details.Contains(digest))
                .Select(e => e.EntityKey)
                .ToListAsync(cancellationToken));
        }
        removedKeys.AddRange(await db.ErasureTombstones.AsNoTracking()
            .Where(t => t.EmailDigest != null && digests.Contains(t.EmailDigest))
            .Select(t => t.ContactKey)
            .ToListAsync(cancellationToken));
        var keys = contacts.Select(c => c.Key).Concat(removedKeys).Distinct(StringComparer.Ordinal).ToList();

        var trail = await db.AuditLog.AsNoTracking()
            .Where(e => e.EntityType == Disclosures.ContactEntity && keys.Contains(e.EntityKey))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var disclosures = await Disclosures.OfContactsAsync(db, keys, cancellationToken);

        return new Dictionary<string, object?>
        {
            ["email"] = address,
            ["generatedAt"] = DateTime.UtcNow,
            ["contacts"] = contacts.Select(c => JsonSerializer.SerializeToElement(c, Json)).ToList(),
            ["auditTrail"] = trail.Select(e => new Dictionary<string, object?>
            {
                ["occurredAt"] = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc),
                ["actor"] = e.Actor,
                ["action"] = e.Action,
                ["entityType"] = e.EntityType,
                ["entityKey"] = e.EntityKey,
                ["details"] = e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone(),
            }).ToList(),
            ["disclosures"] = disclosures.Select(d => JsonSerializer.SerializeToElement(d, Json)).ToList(),
        };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
