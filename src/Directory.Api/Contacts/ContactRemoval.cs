using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Data.Erasure;

namespace Directory.Api.Contacts;

/// <summary>
/// What removing or erasing a person puts into a save, in one place for <c>removeContact</c>/<c>eraseContact</c> and
/// for the <c>reapply-erasures</c> command, so that an erasure re-applied after a restore is as complete as the first.
/// </summary>
internal static class ContactRemoval
{
    /// <summary>
    /// Stages the removal of <paramref name="contact"/> (tracked, with its organisation) in <paramref name="db"/>: the
    /// people they managed lose their manager (each audited), the record is deleted and the removal audited with the
    /// keyed email digest. An erasure also redacts the person wherever other stored text repeats them and leaves a
    /// tombstone (unless an identical one is there already). Nothing is saved here.
    /// </summary>
    public static async Task StageAsync(DirectoryDbContext db, AuditTrail audit, Viewer viewer, Contact contact, bool erase, CancellationToken cancellationToken)
    {
        foreach (var report in await db.Contacts.Include(c => c.Organisation).Where(c => c.ManagerId == contact.Id).ToListAsync(cancellationToken))
        {
            report.ManagerId = null;
            audit.Record(db, viewer, AuditTrail.Actions.Update, "Contact", report.Key, new { organisation = report.Organisation.Code, changed = new[] { "manager" }, because = contact.Key });
        }
        db.Contacts.Remove(contact);
        var emailDigest = contact.Email is null ? null : audit.EmailDigest(contact.Email);
        RedactionCounts? redacted = null;
        if (erase)
        {
            redacted = await PersonalDataRedaction.RedactAsync(db, new ErasedPerson(contact.FullName, contact.Email, contact.Phone), cancellationToken);
            if (!await db.ErasureTombstones.AnyAsync(t => t.ContactKey == contact.Key && t.EmailDigest == emailDigest, cancellationToken))
            {
                db.ErasureTombstones.Add(new ErasureTombstone { ContactKey = contact.Key, EmailDigest = emailDigest, ErasedAt = DateTime.UtcNow });
            }
        }
        audit.Record(db, viewer, erase ? AuditTrail.Actions.Erase : AuditTrail.Actions.Remove, "Contact", contact.Key, new
        {
            organisation = contact.Organisation.Code,
            emailDigest,
            redacted,
        });
    }
}
