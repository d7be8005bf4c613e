using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Directory.Data.Configuration;

/// <summary>
/// Exact decimals stored as integers of a fixed fraction. SQLite has no decimal type (EF would store TEXT, which
/// SUM() would add as floating point), so FTE is stored as ten-thousandths and money as pence in an integer column
/// on both providers: SUM/GROUP BY in plain SQL stay exact, and both databases hold and return the same values.
/// </summary>
internal static class ExactDecimal
{
    /// <summary>FTE to four decimal places, as ten-thousandths.</summary>
    public const int FteScale = 4;

    /// <summary>Money to the penny.</summary>
    public const int MoneyScale = 2;

    public static readonly ValueConverter<decimal, int> FteAsTenThousandths = new(
        value => (int)(value * 10_000m),
        stored => stored / 10_000m);

    public static readonly ValueConverter<decimal, long> MoneyAsPence = new(
        value => (long)(value * 100m),
        stored => stored / 100m);
}
