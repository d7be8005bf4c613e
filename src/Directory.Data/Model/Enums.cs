namespace Directory.Data.Model;

// Enum members are spelled as the CSV format spells them (UPPER_SNAKE_CASE) because they are stored as those
// strings in both databases: the stored value, the import format and the GraphQL enum value are one spelling.
#pragma warning disable CA1707 // Identifiers should not contain underscores: the spelling is the data format's.

public enum OrganisationType
{
    LOCAL_AUTHORITY,
    PCC,
    CCG,
    ICB,
    PROVIDER,
    OTHER,
}

public enum CouncilTier
{
    COUNTY,
    DISTRICT,
    UNITARY,
    METROPOLITAN_DISTRICT,
    LONDON_BOROUGH,
}

public enum DepartmentCategory
{
    COMMUNITY_SAFETY,
    COMMISSIONING_STRATEGY,
    CHILDRENS_SERVICES,
    PUBLIC_HEALTH,
    ADULT_SERVICES,
    HOUSING,
    COMMUNITIES,
    DVA,
    SAFEGUARDING,
    QUALITY,
    NURSING,
    CRIME_AND_POLICING,
    VICTIMS_AND_VULNERABILITY,
    OTHER,
}

public enum ContactRole
{
    COMMISSIONER,
    MANAGER,
    COMPLETED_BY,
    ADDITIONAL_CONTACT,
}

public enum Seniority
{
    DIRECTOR,
    HEAD_OF_SERVICE,
    SENIOR_MANAGER,
    MANAGER,
    OFFICER,
    OTHER,
}

public enum ResponseFocus
{
    DA_ONLY,
    VAWG,
    DA_AND_SEXUAL_VIOLENCE,
}

public enum JointCommissioningGroupAnswer
{
    YES,
    NO,
    UNSURE,
}

public enum LeadAnswer
{
    NO_LEAD,
    RESPONDENT_IS_LEAD,
    LEAD_IN_SAME_DEPARTMENT,
    LEAD_IN_DIFFERENT_DEPARTMENT,
    UNSURE,
}

public enum CommissioningActivity
{
    STRATEGIC_BOARDS,
    CONTRACT_MANAGEMENT,
    POLICY_DEVELOPMENT,
    DA_FORUMS,
    MULTI_AGENCY_MEETINGS,
    MARACS,
    MATACS_PERPETRATOR_PANELS,
}

public enum StaffResponsibility
{
    COMMISSIONING_ONLY,
    COMMISSIONING_AND_DA,
    DA_ACTIVITIES,
    ADMINISTRATION,
    COORDINATOR,
}

public enum CommissioningArrangement
{
    SOLE,
    JOINT,
}

public enum PartnershipKind
{
    LOCAL_PARTNERSHIP_BOARD,
    COMMUNITY_SAFETY_PARTNERSHIP,
    JOINT_COMMISSIONING_GROUP,
}

public enum PartnershipRole
{
    LEAD,
    MEMBER,
}

/// <summary>A funding programme, as <c>funding_awards.csv</c> names it.</summary>
public enum FundingProgramme
{
    PART4_SAFE_ACCOMMODATION_DUTY,
    PART4_TIER2_CAPACITY,
    PUBLIC_HEALTH_GRANT,
    PCC_VICTIM_SERVICES,
}
