namespace Directory.Data.Model;

/// <summary>A completed survey return by one organisation in one survey round.</summary>
public class SurveyResponse : IVersioned
{
    public int Id { get; set; }

    public int SurveyRoundId { get; set; }

    public SurveyRound SurveyRound { get; set; } = null!;

    /// <summary>Natural key within the survey round, e.g. <c>R0001</c>.</summary>
    public required string Key { get; set; }

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    public DateOnly? SubmittedOn { get; set; }

    public ResponseFocus? Focus { get; set; }

    public JointCommissioningGroupAnswer? JointCommissioningGroup { get; set; }

    /// <summary>The set of answers to the lead question (empty = not answered).</summary>
    public List<SurveyResponseLeadAnswer> LeadAnswers { get; set; } = [];

    /// <summary>The lead's department when it differs from the respondent's.</summary>
    public int? LeadDepartmentId { get; set; }

    public Department? LeadDepartment { get; set; }

    /// <summary>The set of activities the commissioner is involved in (empty = not answered).</summary>
    public List<SurveyResponseActivity> Activities { get; set; } = [];

    public string? OtherActivities { get; set; }

    public string? Comments { get; set; }

    /// <summary>Willing for the data to be shared with the LGA, the APCC and local authorities.</summary>
    public bool? ConsentPartners { get; set; }

    /// <summary>Willing for the data to be shared with other government departments.</summary>
    public bool? ConsentGovernment { get; set; }

    /// <summary>Willing for the data to be shared with voluntary-sector organisations.</summary>
    public bool? ConsentVoluntarySector { get; set; }

    public int Version { get; set; }

    public List<StaffLine> StaffLines { get; set; } = [];

    public List<ServiceCommissioned> Services { get; set; } = [];

    public List<Contact> Contacts { get; set; } = [];
}

/// <summary>One member of a response's set of lead answers: a row per (response, answer).</summary>
public class SurveyResponseLeadAnswer
{
    public int ResponseId { get; set; }

    public LeadAnswer Answer { get; set; }
}

/// <summary>One member of a response's set of activities: a row per (response, activity).</summary>
public class SurveyResponseActivity
{
    public int ResponseId { get; set; }

    public CommissioningActivity Activity { get; set; }
}
