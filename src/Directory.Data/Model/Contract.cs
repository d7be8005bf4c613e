namespace Directory.Data.Model;

/// <summary>A contract for domestic-abuse services between commissioners and a provider.</summary>
public class Contract : IVersioned
{
    public int Id { get; set; }

    /// <summary>Natural key, e.g. <c>K0001</c>.</summary>
    public required string Key { get; set; }

    public required string Title { get; set; }

    public int ProviderId { get; set; }

    public Organisation Provider { get; set; } = null!;

    public int LeadCommissionerId { get; set; }

    public Organisation LeadCommissioner { get; set; } = null!;

    public List<ContractCoCommissioner> CoCommissioners { get; set; } = [];

    public List<ContractServiceType> ServiceTypes { get; set; } = [];

    public DateOnly? StartOn { get; set; }

    public DateOnly? EndOn { get; set; }

    /// <summary>Annual value in pounds, exact to the penny.</summary>
    public decimal? AnnualValue { get; set; }

    /// <summary>Extension options in years, e.g. <c>2+1+1+1</c>.</summary>
    public string? ExtensionPattern { get; set; }

    public int? RefugeUnits { get; set; }

    public int Version { get; set; }
}

/// <summary>An organisation commissioning a contract jointly with its lead commissioner.</summary>
public class ContractCoCommissioner
{
    public int ContractId { get; set; }

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;
}

/// <summary>A service type a contract provides.</summary>
public class ContractServiceType
{
    public int ContractId { get; set; }

    public int ServiceTypeId { get; set; }

    public ServiceType ServiceType { get; set; } = null!;
}
