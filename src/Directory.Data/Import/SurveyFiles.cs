using System.Text.RegularExpressions;
using Directory.Data.Configuration;
using Directory.Data.Model;

namespace Directory.Data.Import;

// The nine files of the import format (data/stadv-2020/README.md), each as a row type and a parse from a CSV record.
// A parse checks what one row can say about itself; references across rows and files are checked by the importer.

internal sealed record ServiceTypeRow(string Code, string Name, string Category);

internal sealed record OrganisationRow(
    string Code, string Name, OrganisationType Type, CouncilTier? Tier, string? ParentCode, string? Region,
    string? PoliceForceAreaCode, int? Population, string? CentralEmail, bool InScope, string? DelegatedToCode,
    string? MergedIntoCode, string? PostalAddress);

internal sealed record ResponseRow(
    string Key, string OrgCode, DateOnly? SubmittedOn, ResponseFocus? Focus, JointCommissioningGroupAnswer? JointGroup,
    List<LeadAnswer> LeadAnswers, string? LeadDepartment, List<CommissioningActivity> Activities, string? OtherActivities,
    string? Comments, bool? ConsentPartners, bool? ConsentGovernment, bool? ConsentVoluntarySector);

internal sealed record ContactRow(
    string Key, string OrgCode, string? ResponseKey, ContactRole Role, string FullName, string? JobTitle, string? Department,
    DepartmentCategory? DepartmentCategory, Seniority? Seniority, string? Email, string? Phone, string? PostalAddress,
    string? ManagerKey, string? Note);

internal sealed record StaffRow(string ResponseKey, int LineNo, StaffResponsibility Responsibility, Seniority? Seniority, decimal Fte);

internal sealed record ServiceRow(string ResponseKey, string ServiceCode, CommissioningArrangement Commissioning, bool WomenOnly);

internal sealed record ContractRow(
    string Key, string Title, string ProviderCode, List<string> ServiceCodes, string LeadCode, List<string> CoCommissionerCodes,
    DateOnly? StartOn, DateOnly? EndOn, decimal? AnnualValue, string? ExtensionPattern, int? RefugeUnits);

internal sealed record PartnershipRow(string Key, string Name, PartnershipKind Kind, string LeadCode, DateOnly? EstablishedOn);

internal sealed record MemberRow(string PartnershipKey, string OrgCode, PartnershipRole Role);

internal sealed record FundingAwardRow(
    string Key, FundingProgramme Programme, string Funder, string RecipientCode, string FinancialYear, decimal Amount,
    string? Purpose, string? Source);

/// <summary>One file of the format: its name, exact columns, natural key and row parse.</summary>
internal sealed record SurveyFile<TRow>(string Name, string[] Columns, string[] KeyColumns, Func<RowReader, TRow> Parse)
    where TRow : class;

internal static partial class SurveyFiles
{
    public static readonly SurveyFile<ServiceTypeRow> ServiceTypes = new(
        "service_types.csv", ["code", "name", "category"], ["code"],
        r => new ServiceTypeRow(r.Required("code"), r.Required("name"), r.Required("category")));

    public static readonly SurveyFile<OrganisationRow> Organisations = new(
        "organisations.csv",
        ["code", "name", "org_type", "la_tier", "parent_code", "region", "police_force_area_code", "population",
         "central_email", "in_scope", "commissioning_delegated_to", "merged_into", "postal_address"],
        ["code"],
        r =>
        {
            var type = r.Enum<OrganisationType>("org_type", required: true);
            var tier = r.Enum<CouncilTier>("la_tier", required: false);
            if (tier is not null && type is not null and not OrganisationType.LOCAL_AUTHORITY)
            {
                r.Problem("la_tier", $"only a LOCAL_AUTHORITY has a council tier, not a {type}");
            }

            var parent = r.Optional("parent_code");
            if (parent is not null && tier is not null and not CouncilTier.DISTRICT)
            {
                r.Problem("parent_code", "only a DISTRICT council has a county");
            }

            return new OrganisationRow(
                r.Required("code"), r.Required("name"), type ?? default, tier, parent, r.Optional("region"),
                r.Optional("police_force_area_code"), r.Integer("population", required: false, 0, int.MaxValue),
                r.Email("central_email"), r.Boolean("in_scope", required: true) ?? false,
                r.Optional("commissioning_delegated_to"), r.Optional("merged_into"), r.Optional("postal_address"));
        });

    public static readonly SurveyFile<ResponseRow> Responses = new(
        "responses.csv",
        ["response_id", "org_code", "submitted_on", "focus", "joint_commissioning_group", "lead_status", "lead_department",
         "activities", "other_activities", "comments", "consent_partners", "consent_government", "consent_voluntary_sector"],
        ["response_id"],
        r => new ResponseRow(
            r.Required("response_id"), r.Required("org_code"), r.Date("submitted_on"),
            r.Enum<ResponseFocus>("focus", required: false),
            r.Enum<JointCommissioningGroupAnswer>("joint_commissioning_group", required: false),
            r.EnumSet<LeadAnswer>("lead_status"), r.Optional("lead_department"),
            r.EnumSet<CommissioningActivity>("activities"), r.Optional("other_activities"), r.Optional("comments"),
            r.YesNo("consent_partners", required: false), r.YesNo("consent_government", required: false),
            r.YesNo("consent_voluntary_sector", required: false)));

    public static readonly SurveyFile<ContactRow> Contacts = new(
        "contacts.csv",
        ["contact_id", "org_code", "response_id", "role", "full_name", "job_title", "department", "department_category",
         "seniority", "email", "phone", "postal_address", "manager_contact_id", "note"],
        ["contact_id"],
        r =>
        {
            var department = r.Optional("department");
            var category = r.Enum<DepartmentCategory>("department_category", required: false);
            if (category is not null && department is null)
            {
                r.Problem("department_category", "a department category needs a department");
            }

            var key = r.Required("contact_id");
            var manager = r.Optional("manager_contact_id");
            if (manager is not null && manager == key)
            {
                r.Problem("manager_contact_id", "a contact cannot be their own manager");
            }

            return new ContactRow(
                key, r.Required("org_code"), r.Optional("response_id"), r.Enum<ContactRole>("role", required: true) ?? default,
                r.Required("full_name"), r.Optional("job_title"), department, category,
                r.Enum<Seniority>("seniority", required: false), r.Email("email"), r.Optional("phone"),
                r.Optional("postal_address"), manager, r.Optional("note"));
        });

    public static readonly SurveyFile<StaffRow> Staff = new(
        "staff.csv", ["response_id", "line_no", "responsibility", "seniority", "fte"], ["response_id", "line_no"],
        r =>
        {
            var fte = r.Decimal("fte", required: true, ExactDecimal.FteScale);
            if (fte is not null && (fte <= 0m || fte > 1m))
            {
                r.Problem("fte", $"FTE {fte} is outside (0, 1]");
            }

            return new StaffRow(
                r.Required("response_id"), r.Integer("line_no", required: true, 1, 10) ?? 0,
                r.Enum<StaffResponsibility>("responsibility", required: true) ?? default,
                r.Enum<Seniority>("seniority", required: false), fte ?? 0m);
        });

    public static readonly SurveyFile<ServiceRow> Services = new(
        "services.csv", ["response_id", "service_code", "commissioning", "women_only"], ["response_id", "service_code"],
        r => new ServiceRow(
            r.Required("response_id"), r.Required("service_code"),
            r.Enum<CommissioningArrangement>("commissioning", required: true) ?? default,
            r.YesNo("women_only", required: true) ?? false));

    public static readonly SurveyFile<ContractRow> Contracts = new(
        "contracts.csv",
        ["contract_id", "title", "provider_code", "service_codes", "lead_commissioner_code", "co_commissioner_codes",
         "start_date", "end_date", "annual_value_gbp", "extension_pattern", "refuge_units"],
        ["contract_id"],
        r =>
        {
            var start = r.Date("start_date");
            var end = r.Date("end_date");
            if (start is not null && end is not null && end < start)
            {
                r.Problem("end_date", $"ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
            }

            var extension = r.Optional("extension_pattern");
            if (extension is not null && !ExtensionPattern().IsMatch(extension))
            {
                r.Problem("extension_pattern", $"'{extension}' is not a pattern of years such as 2+1+1");
            }

            var lead = r.Required("lead_commissioner_code");
            var coCommissioners = r.Codes("co_commissioner_codes");
            if (coCommissioners.Contains(lead))
            {
                r.Problem("co_commissioner_codes", $"the lead commissioner {lead} is also listed as a co-commissioner");
            }

            return new ContractRow(
                r.Required("contract_id"), r.Required("title"), r.Required("provider_code"), r.Codes("service_codes"),
                lead, coCommissioners, start, end,
                r.Decimal("annual_value_gbp", required: false, ExactDecimal.MoneyScale), extension,
                r.Integer("refuge_units", required: false, 0, 100_000));
        });

    public static readonly SurveyFile<PartnershipRow> Partnerships = new(
        "partnerships.csv", ["partnership_id", "name", "kind", "lead_org_code", "established_on"], ["partnership_id"],
        r => new PartnershipRow(
            r.Required("partnership_id"), r.Required("name"), r.Enum<PartnershipKind>("kind", required: true) ?? default,
            r.Required("lead_org_code"), r.Date("established_on")));

    public static readonly SurveyFile<MemberRow> Members = new(
        "partnership_members.csv", ["partnership_id", "org_code", "role"], ["partnership_id", "org_code"],
        r => new MemberRow(
            r.Required("partnership_id"), r.Required("org_code"), r.Enum<PartnershipRole>("role", required: true) ?? default));

    /// <summary>
    /// Funding awards (data/funding/README.md): optional in a survey folder, or imported on its own
    /// (<see cref="SurveyImporter.ImportFundingAsync"/>). Directory-wide, like contracts.
    /// </summary>
    public static readonly SurveyFile<FundingAwardRow> FundingAwards = new(
        "funding_awards.csv",
        ["award_id", "programme", "funder", "recipient_code", "financial_year", "amount_gbp", "purpose", "source"],
        ["award_id"],
        r =>
        {
            var year = r.Required("financial_year");
            if (year.Length > 0 && !IsFinancialYear(year))
            {
                r.Problem("financial_year", $"'{year}' is not a financial year such as 2021-22");
            }

            return new FundingAwardRow(
                r.Required("award_id"), r.Enum<FundingProgramme>("programme", required: true) ?? default, r.Required("funder"),
                r.Required("recipient_code"), year, r.Decimal("amount_gbp", required: true, ExactDecimal.MoneyScale) ?? 0m,
                r.Optional("purpose"), r.Optional("source"));
        });

    // "2021-22": April 2021 to March 2022, the second year its last two digits.
    private static bool IsFinancialYear(string year) =>
        FinancialYearPattern().IsMatch(year)
        && (int.Parse(year.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) + 1) % 100
            == int.Parse(year.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>All nine file names, for listing what a folder must contain.</summary>
    public static readonly string[] AllNames =
    [
        ServiceTypes.Name, Organisations.Name, Responses.Name, Contacts.Name, Staff.Name, Services.Name,
        Contracts.Name, Partnerships.Name, Members.Name,
    ];

    /// <summary>Whether a contract's extension pattern is numbers of years joined by <c>+</c>, e.g. <c>2+1+1</c>.</summary>
    public static bool IsExtensionPattern(string pattern) => ExtensionPattern().IsMatch(pattern);

    [GeneratedRegex(@"^[0-9]+(\+[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex FinancialYearPattern();
}
