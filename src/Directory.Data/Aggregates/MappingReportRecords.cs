using Directory.Data.Model;

namespace Directory.Data.Aggregates;

// The results of the report's aggregates (MappingReportAggregates). Each record mirrors the GraphQL type of
// schema/directory.graphql with its name and field names, so the API binds every [MappingReportResult] record by name
// and field by field. Enum-valued answers that the contract types as String (option)
// or as an enum with a value the model lacks (DepartmentCategory NOT_LISTED) are the enum value names as strings.

/// <summary>
/// GraphQL <c>Coverage</c>: response coverage of a survey. <see cref="Responses"/> counts the responses of the rows'
/// organisations, so with <see cref="OutOfScopeResponses"/> it is the survey's response count within the report's region.
/// </summary>
[MappingReportResult]
public sealed record Coverage(IReadOnlyList<CoverageRow> Rows, int OutOfScopeResponses, int Responses);

/// <summary>GraphQL <c>CoverageRow</c>: the in-scope organisations of one type by survey status.</summary>
[MappingReportResult]
public sealed record CoverageRow(OrganisationType OrganisationType, int Completed, int AdditionalContact, int NotReceived, int Total);

/// <summary>GraphQL <c>DepartmentShare</c>. <see cref="Category"/> is a DepartmentCategory name or <c>NOT_LISTED</c>.</summary>
[MappingReportResult]
public sealed record DepartmentShare(string Category, int Count, decimal Percent);

/// <summary>GraphQL <c>QuestionBreakdown</c>: how many answered and how often each option was chosen.</summary>
[MappingReportResult]
public sealed record QuestionBreakdown(int Answered, IReadOnlyList<OptionShare> Rows);

/// <summary>GraphQL <c>OptionShare</c>. <see cref="Option"/> is the enum value name, e.g. <c>MARACS</c>.</summary>
[MappingReportResult]
public sealed record OptionShare(string Option, int Count, decimal Percent);

/// <summary>GraphQL <c>Staffing</c>: staff lines per responsibility with the whole-population estimate.</summary>
[MappingReportResult]
public sealed record Staffing(
    IReadOnlyList<StaffingRow> Rows,
    StaffingRow Total,
    int ReportingOrganisations,
    int UnknownCommissioningOrganisations,
    IReadOnlyList<TeamSize> TeamSizes);

/// <summary>GraphQL <c>StaffingRow</c>; <see cref="Responsibility"/> is null on the total row.</summary>
[MappingReportResult]
public sealed record StaffingRow(StaffResponsibility? Responsibility, int Staff, decimal Fte, decimal EstimatedFte);

/// <summary>GraphQL <c>TeamSize</c>: how many reporting organisations had <see cref="Size"/> staff lines.</summary>
[MappingReportResult]
public sealed record TeamSize(int Size, int Organisations, decimal Percent);

/// <summary>
/// GraphQL <c>FtePerHead</c>: the councils with the most and the least DA FTE per 100,000 population, and every council
/// with staff lines (by code), which the dashboard's map colours each council by.
/// </summary>
[MappingReportResult]
public sealed record FtePerHead(IReadOnlyList<FtePerHeadRow> Highest, IReadOnlyList<FtePerHeadRow> Lowest, IReadOnlyList<FtePerHeadRow> Councils);

/// <summary>GraphQL <c>FtePerHeadRow</c>. <see cref="Organisation"/> is loaded untracked.</summary>
[MappingReportResult]
public sealed record FtePerHeadRow(Organisation Organisation, decimal Fte, int Population, decimal FtePer100k);

/// <summary>GraphQL <c>ServiceCommissioningShare</c>: distinct organisations commissioning one service type.</summary>
[MappingReportResult]
public sealed record ServiceCommissioningShare(ServiceType ServiceType, int Sole, int Joint, int WomenOnly);

/// <summary>GraphQL <c>JobTitleGroup</c>. <see cref="Category"/> is a DepartmentCategory name or <c>NOT_LISTED</c>.</summary>
[MappingReportResult]
public sealed record JobTitleGroup(string Category, IReadOnlyList<JobTitleCount> JobTitles);

/// <summary>GraphQL <c>JobTitleCount</c>.</summary>
[MappingReportResult]
public sealed record JobTitleCount(string JobTitle, int Count);

/// <summary>Marks a record the API binds to the GraphQL type of the same name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MappingReportResultAttribute : Attribute;
