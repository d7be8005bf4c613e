namespace Directory.Data.Model;

/// <summary>A service type a responding organisation commissions, alone or jointly.</summary>
public class ServiceCommissioned : IVersioned
{
    public int Id { get; set; }

    public int ResponseId { get; set; }

    public SurveyResponse Response { get; set; } = null!;

    public int ServiceTypeId { get; set; }

    public ServiceType ServiceType { get; set; } = null!;

    public CommissioningArrangement Commissioning { get; set; }

    public bool WomenOnly { get; set; }

    public int Version { get; set; }
}
