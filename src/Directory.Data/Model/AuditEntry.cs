namespace Directory.Data.Model;

/// <summary>
/// One line of the append-only audit log: who did what to which entity, and when. Rows are only ever inserted:
/// <see cref="DirectoryDbContext"/> refuses to save a modified or deleted entry and both databases have triggers
/// that reject UPDATE and DELETE on the table.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>UTC. A DateTime rather than DateTimeOffset because SQLite can order and compare only the former.</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The user, or the process (e.g. <c>import</c>), that acted.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, e.g. <c>import</c>, <c>update</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The entity type acted on, e.g. <c>SurveyRound</c>.</summary>
    public required string EntityType { get; set; }

    /// <summary>The natural key of the entity acted on, e.g. <c>STADV-2020</c>.</summary>
    public required string EntityKey { get; set; }

    /// <summary>A JSON document describing the change.</summary>
    public string? Details { get; set; }
}
