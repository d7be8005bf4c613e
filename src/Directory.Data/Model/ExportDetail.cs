namespace Directory.Data.Model;

/// <summary>
/// What an export's recipient stated: the purpose and the filter, kept apart from the append-only audit log because
/// they are free text that can name a person ("Round table invitation for …", a filter on someone's email). The
/// export's audit entry keeps the rest (who, when, list, format, row count, the contacts disclosed). Rows are only
/// inserted, except that an erasure redacts the erased person's data in them: see <see cref="Erasure.PersonalDataRedaction"/>.
/// </summary>
public class ExportDetail
{
    public long Id { get; set; }

    /// <summary>The export's key, as in its audit entry, e.g. <c>EXP-20261122-101500-3f2a01</c>.</summary>
    public required string ExportKey { get; set; }

    public required string Purpose { get; set; }

    /// <summary>The filter as the caller gave it, as JSON; null for none.</summary>
    public string? Filter { get; set; }
}
