namespace Directory.Data.Model;

/// <summary>A council, Police and Crime Commissioner, CCG, ICB, service provider or other organisation.</summary>
public class Organisation : IVersioned
{
    public int Id { get; set; }

    /// <summary>Stable natural key: GSS code, police force area code, CCG/ICB code, or <c>X-…</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public OrganisationType Type { get; set; }

    /// <summary>Councils only.</summary>
    public CouncilTier? CouncilTier { get; set; }

    /// <summary>For a district council, its county council.</summary>
    public int? CountyId { get; set; }

    public Organisation? County { get; set; }

    /// <summary>The police force area (the PCC's organisation) this organisation sits in.</summary>
    public int? PoliceForceAreaId { get; set; }

    public Organisation? PoliceForceArea { get; set; }

    public string? Region { get; set; }

    public int? Population { get; set; }

    /// <summary>The organisation's central mailbox (not personal data).</summary>
    public string? CentralEmail { get; set; }

    public string? PostalAddress { get; set; }

    /// <summary>Part of the survey population.</summary>
    public bool InScope { get; set; }

    /// <summary>The organisation that commissions domestic-abuse services on this one's behalf.</summary>
    public int? CommissioningDelegatedToId { get; set; }

    public Organisation? CommissioningDelegatedTo { get; set; }

    /// <summary>After a merger, the organisation this one became part of.</summary>
    public int? SuccessorId { get; set; }

    public Organisation? Successor { get; set; }

    public int Version { get; set; }

    // Declared after the version: the migration that added it appends the column, and a table created from the model must match.

    /// <summary>
    /// Code, name and alternative names (<see cref="Text.OrganisationNames"/>), normalised like
    /// <see cref="Contact.SearchText"/> and kept on every save: what organisation search matches.
    /// </summary>
    public string SearchText { get; set; } = "";

    public List<Department> Departments { get; set; } = [];

    public List<Contact> Contacts { get; set; } = [];

    public List<SurveyResponse> Responses { get; set; } = [];
}
