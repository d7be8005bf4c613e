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

    [Fact]
    public void Combines_fields_as_if_joined_by_a_space_and_normalised()
    {
        SearchText.Combine("  Zoë ", "   ", "\u0308", "Ñúñez-Łódź  ", "ß").ShouldBe("zoe nunez-lodz ss");
        SearchText.Combine("Jo", "Æsir").ShouldBe(SearchText.Normalize("Jo Æsir"));
    }

    [Fact]
    public void Folds_text_longer_than_its_stack_buffer()
    {
        var words = Enumerable.Repeat("Straße", 300).ToArray();
        SearchText.Normalize(string.Join("  ", words)).ShouldBe(string.Join(' ', Enumerable.Repeat("strasse", 300)));
        SearchText.Combine(words).ShouldBe(string.Join(' ', Enumerable.Repeat("strasse", 300)));
    }
}
