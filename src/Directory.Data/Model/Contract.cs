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

    // Last, as the column the migration added is: the model's column order is the migrated table's.
    /// <summary>
    /// <see cref="EndOn"/> plus the years of every optional extension, kept by <see cref="DirectoryDbContext"/> on
    /// save so that filters, sorts and summaries compare it in SQL (the pattern cannot be summed there portably).
    /// </summary>
    public DateOnly? LatestPossibleEndOn { get; set; }

    /// <summary>The years of the optional extensions: every number of the pattern after the first (the nominal initial term).</summary>
    public static IReadOnlyList<int> ExtensionYears(string? pattern) =>
        string.IsNullOrEmpty(pattern)
            ? []
            : [.. pattern.Split('+').Skip(1).Select(n => int.Parse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The end date with every extension taken; the end date itself without a pattern; null without an end date.</summary>
    public static DateOnly? LatestPossibleEnd(DateOnly? endOn, string? pattern) => endOn?.AddYears(ExtensionYears(pattern).Sum());

    /// <summary>Whether a pattern has the shape the import accepts: numbers of years joined by <c>+</c>.</summary>
    public static bool IsExtensionPattern(string pattern) => Import.SurveyFiles.IsExtensionPattern(pattern);
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
