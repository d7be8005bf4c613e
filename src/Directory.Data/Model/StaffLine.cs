namespace Directory.Data.Model;

/// <summary>One employee line of a response's staffing question.</summary>
public class StaffLine : IVersioned
{
    public int Id { get; set; }

    public int ResponseId { get; set; }

    public SurveyResponse Response { get; set; } = null!;

    /// <summary>1 to 10; unique within the response.</summary>
    public int LineNo { get; set; }

    public StaffResponsibility Responsibility { get; set; }

    public Seniority? Seniority { get; set; }

    /// <summary>Full-time equivalent spent on domestic abuse, 0 &lt; FTE ≤ 1, exact to four decimal places.</summary>
    public decimal Fte { get; set; }

    public int Version { get; set; }
}
