namespace Directory.Api.Partnerships;

/// <summary>A contract's status on a date: within its initial term, within an optional extension, or ended.</summary>
public enum ContractStatus
{
    ACTIVE,
    IN_EXTENSION,
    ENDED,
}

/// <summary>One optional extension of a contract: its number (1 = the first), length in years and dates.</summary>
public sealed record ContractExtension(int Number, int Years, DateOnly? StartDate, DateOnly? EndDate);

/// <summary>
/// Renewal arithmetic from a contract's extension pattern ("2+1+1+1": an initial term of 2 years, then three optional
/// 1-year extensions). The first number is the nominal initial term and is not recomputed from the dates (the dates
/// are the initial term), so the latest possible end date is the end date plus the other numbers' years.
/// </summary>
public static class ContractRenewal
{
    /// <summary>The optional extensions after the initial term; none without a pattern.</summary>
    public static IReadOnlyList<ContractExtension> Extensions(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Extensions(contract.EndOn, contract.ExtensionPattern);
    }

    /// <summary>As <see cref="Extensions(Contract)"/> from the two columns it reads (so a resolver can project them alone).</summary>
    public static IReadOnlyList<ContractExtension> Extensions(DateOnly? endOn, string? extensionPattern)
    {
        var years = Contract.ExtensionYears(extensionPattern);
        var extensions = new List<ContractExtension>(years.Count);
        var end = endOn;
        for (var i = 0; i < years.Count; i++)
        {
            var start = end?.AddDays(1);
            end = end?.AddYears(years[i]);
            extensions.Add(new ContractExtension(i + 1, years[i], start, end));
        }
        return extensions;
    }

    /// <summary>The end date with every extension taken; the end date itself without a pattern; null without an end date.</summary>
    public static DateOnly? LatestPossibleEndDate(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Contract.LatestPossibleEnd(contract.EndOn, contract.ExtensionPattern);
    }

    /// <summary>ACTIVE up to the end date (a contract without one runs on), IN_EXTENSION up to the latest possible end date, then ENDED.</summary>
    public static ContractStatus StatusOn(Contract contract, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return StatusOn(contract.EndOn, contract.ExtensionPattern, asOf);
    }

    /// <summary>As <see cref="StatusOn(Contract, DateOnly)"/> from the two columns it reads.</summary>
    public static ContractStatus StatusOn(DateOnly? endOn, string? extensionPattern, DateOnly asOf)
    {
        if (endOn is not { } end || asOf <= end)
        {
            return ContractStatus.ACTIVE;
        }
        return asOf <= Contract.LatestPossibleEnd(endOn, extensionPattern) ? ContractStatus.IN_EXTENSION : ContractStatus.ENDED;
    }

    /// <summary>Whether the contract may still be running on <paramref name="asOf"/>: its latest possible end date is not before it.</summary>
    public static bool IsLive(Contract contract, DateOnly asOf) => StatusOn(contract, asOf) != ContractStatus.ENDED;

    /// <summary>Today, in UTC: the default of every <c>asOf</c> argument.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
