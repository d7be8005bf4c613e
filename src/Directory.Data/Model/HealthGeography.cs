namespace Directory.Data.Model;

/// <summary>
/// A council (lower tier) that a 2020 CCG's area covered, from <c>ccg_to_lad_2020.csv</c>: how many of the CCG's
/// LSOAs lie in the council, and what share of the CCG's LSOAs that is.
/// </summary>
public class CcgCoverage
{
    public int CcgId { get; set; }

    public Organisation Ccg { get; set; } = null!;

    public int CouncilId { get; set; }

    public Organisation Council { get; set; } = null!;

    public int LsoaCount { get; set; }

    /// <summary>The share of the CCG's LSOAs in the council, in [0, 1], exact to four decimal places.</summary>
    public decimal Share { get; set; }
}

/// <summary>
/// Where a 2020 CCG sits in the NHS: its NHS England region (<c>ccg_nhs_region_2020.csv</c>; not an ONS region) and the
/// Integrated Care Board that took its area over in July 2022 (<c>ccg_to_icb_2022.csv</c>; the larger part of a split CCG).
/// </summary>
public class CcgHealthLink
{
    public int CcgId { get; set; }

    public Organisation Ccg { get; set; } = null!;

    public string? NhsRegion { get; set; }

    public int? IntegratedCareBoardId { get; set; }

    public Organisation? IntegratedCareBoard { get; set; }
}
