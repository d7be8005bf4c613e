namespace Directory.Data.Model;

/// <summary>A department of an organisation, by the name respondents gave, with its cleaned category.</summary>
public class Department : IVersioned
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    /// <summary>The name as given; unique within the organisation.</summary>
    public required string Name { get; set; }

    /// <summary>Empty until someone (or the import) assigns one.</summary>
    public DepartmentCategory? Category { get; set; }

    public int Version { get; set; }
}
