using Directory.Data.Model;

namespace Directory.Data.Aggregates;

#pragma warning disable CA1707 // Identifiers should not contain underscores: spelled as the GraphQL enum values.

/// <summary>An organisation's status in a survey (GraphQL <c>SurveyStatus</c>).</summary>
public enum SurveyStatus
{
    /// <summary>At least one response in the survey.</summary>
    COMPLETED,

    /// <summary>No response, but a contact with role ADDITIONAL_CONTACT.</summary>
    ADDITIONAL_CONTACT,

    /// <summary>Neither.</summary>
    NOT_RECEIVED,
}

#pragma warning restore CA1707

/// <summary>
/// One organisation's status in one survey, as a row of a composable query (<see cref="OrganisationStatusQueries"/>):
/// a class with settable properties rather than a positional record, because EF Core can translate member access on
/// a member-initialised projection in later Where/OrderBy/GroupBy/Skip/Take, but not on a constructor call.
/// </summary>
public sealed class OrganisationSurveyStatus
{
    public int OrganisationId { get; init; }

    /// <summary>
    /// The organisation itself, for queries that list organisations with their status (the national contact list):
    /// reading it from the same row, rather than joining <c>organisations</c> again, lets the database walk an index
    /// in the list's order. Aggregates that never read it never load it.
    /// </summary>
    public Organisation Organisation { get; init; } = null!;

    public OrganisationType OrganisationType { get; init; }

    public CouncilTier? CouncilTier { get; init; }

    public string? Region { get; init; }

    public bool InScope { get; init; }

    public SurveyStatus Status { get; init; }

    /// <summary>The organisation's DA commissioning is delegated to another organisation (a district to its county).</summary>
    public bool CommissionedByCounty { get; init; }
}
