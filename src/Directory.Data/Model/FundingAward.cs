namespace Directory.Data.Model;

/// <summary>
/// Money a funder awarded an organisation for domestic abuse work in one financial year (<c>funding_awards.csv</c>).
/// Directory-wide like contracts, not part of a survey round.
/// </summary>
public class FundingAward
{
    public int Id { get; set; }

    /// <summary>Natural key, e.g. <c>F0001</c>.</summary>
    public required string Key { get; set; }

    public FundingProgramme Programme { get; set; }

    /// <summary>The awarding body's name.</summary>
    public required string Funder { get; set; }

    public int RecipientId { get; set; }

    public Organisation Recipient { get; set; } = null!;

    /// <summary>April to March, written as <c>2021-22</c>.</summary>
    public required string FinancialYear { get; set; }

    /// <summary>The amount in pounds, exact to the penny.</summary>
    public decimal Amount { get; set; }

    public string? Purpose { get; set; }

    /// <summary>Where the figure comes from: <c>seed</c> (published by the recipient) or <c>synthetic</c> (invented).</summary>
    public string? Source { get; set; }
}
