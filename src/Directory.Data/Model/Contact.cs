namespace Directory.Data.Model;

/// <summary>A person at an organisation: a commissioner, their manager, a survey filler or another contact.</summary>
public class Contact : IVersioned
{
    public int Id { get; set; }

    /// <summary>Stable natural key from the import, e.g. <c>C00001</c>.</summary>
    public required string Key { get; set; }

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    /// <summary>The survey response that named the person; null for contacts gathered outside the survey.</summary>
    public int? ResponseId { get; set; }

    public SurveyResponse? Response { get; set; }

    public ContactRole Role { get; set; }

    public int? DepartmentId { get; set; }

    public Department? Department { get; set; }

    public Seniority? Seniority { get; set; }

    public int? ManagerId { get; set; }

    public Contact? Manager { get; set; }

    public required string FullName { get; set; }

    public string? JobTitle { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? PostalAddress { get; set; }

    public DateOnly? LastVerifiedOn { get; set; }

    public string? Note { get; set; }

    /// <summary>
    /// Name, job title and email, lower-cased with accents stripped (<see cref="Text.SearchText"/>), maintained on
    /// save, for free-text search.
    /// </summary>
    public string SearchText { get; set; } = "";

    public int Version { get; set; }

    // Declared last: the migration that added it appends the column, and a table created from the model must match.

    /// <summary>
    /// The organisation's name and type and the department's name, normalised like <see cref="SearchText"/>: the
    /// contact's searchable text beyond the person (ranked below it), kept on every save, including a rename of the
    /// organisation or department (see <see cref="Text.SearchTextMaintenance"/>).
    /// </summary>
    public string OrganisationSearchText { get; set; } = "";

    /// <summary>
    /// The organisation's name as it is (not normalised), kept with <see cref="OrganisationSearchText"/>: the contacts
    /// list's default order is by it, then <see cref="FullName"/>, so an index on the contact's own columns gives that
    /// order without sorting every contact joined to its organisation.
    /// </summary>
    public string OrganisationName { get; set; } = "";
}
