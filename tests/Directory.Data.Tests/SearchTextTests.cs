using Directory.Data.Text;

namespace Directory.Data.Tests;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Zoë Ñúñez", "zoe nunez")]
    [InlineData("  JOSÉ   o'Brien ", "jose o'brien")]
    [InlineData("Siân Wałęsa", "sian walesa")]
    [InlineData("Straße Æsir Łódź", "strasse aesir lodz")]
    [InlineData("Zoe\u0308", "zoe")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalises_case_accents_and_spaces(string? input, string expected) =>
        SearchText.Normalize(input).ShouldBe(expected);

    [Fact]
    public void Combines_fields_skipping_empty_ones() =>
        SearchText.Combine("Zoë", null, "", "Officer").ShouldBe("zoe officer");
}
