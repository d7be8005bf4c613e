namespace Directory.Data.Model;

/// <summary>One round of the national mapping survey, e.g. <c>STADV-2020</c>.</summary>
public class SurveyRound : IVersioned
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Title { get; set; }

    public DateOnly? OpensOn { get; set; }

    public DateOnly? ClosesOn { get; set; }

    public int Version { get; set; }

    public List<SurveyResponse> Responses { get; set; } = [];
}
