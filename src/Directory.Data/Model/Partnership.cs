namespace Directory.Data.Model;

/// <summary>A multi-agency partnership: a local partnership board, community safety partnership or joint group.</summary>
public class Partnership : IVersioned
{
    public int Id { get; set; }

    /// <summary>Natural key, e.g. <c>P0001</c>.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public PartnershipKind Kind { get; set; }

    public int LeadOrganisationId { get; set; }

    public Organisation LeadOrganisation { get; set; } = null!;

    public DateOnly? EstablishedOn { get; set; }

    public List<PartnershipMember> Members { get; set; } = [];

    public int Version { get; set; }
}

/// <summary>An organisation's membership of a partnership, with its role.</summary>
public class PartnershipMember : IVersioned
{
    public int PartnershipId { get; set; }

    public Partnership Partnership { get; set; } = null!;

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    public PartnershipRole Role { get; set; }

    public int Version { get; set; }
}
