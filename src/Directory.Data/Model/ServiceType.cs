namespace Directory.Data.Model;

/// <summary>One of the questionnaire's service types, e.g. <c>IDVA</c>.</summary>
public class ServiceType : IVersioned
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The questionnaire's grouping, e.g. <c>ADVOCACY</c>; an open list, so a string.</summary>
    public required string Category { get; set; }

    public int Version { get; set; }
}
