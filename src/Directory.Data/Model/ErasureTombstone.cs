namespace Directory.Data.Model;

/// <summary>
/// What an erasure leaves behind so the person stays erased: the contact's key and a keyed digest of their email
/// address, never the address itself. Imports skip a contact row that matches either, and subject access finds the
/// erased record's trail through the digest.
/// </summary>
public class ErasureTombstone
{
    public long Id { get; set; }

    /// <summary>The erased contact's key, e.g. <c>C00012</c>.</summary>
    public required string ContactKey { get; set; }

    /// <summary>HMAC-SHA256 of the trimmed, lower-cased address (see <see cref="Erasure.PseudonymKeys"/>); null when the contact had none.</summary>
    public string? EmailDigest { get; set; }

    /// <summary>UTC.</summary>
    public DateTime ErasedAt { get; set; }
}
