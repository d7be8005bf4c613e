using Directory.GraphQL.Language;

namespace Directory.GraphQL.Tests.Language;

/// <summary>Spec §2.9.4 BlockStringValue and its printing, held to graphql-js 17.1.0 `blockString.ts` (recorded outputs).</summary>
public sealed class BlockStringTests
{
    /// <summary>Value, then graphql-js printBlockString, printBlockString with minimize, and isPrintableAsBlockString.</summary>
    public static TheoryData<string, string, string, bool> Printing => new()
    {
            { "", "\"\"\"\"\"\"", "\"\"\"\"\"\"", true },
            { " ", "\"\"\" \"\"\"", "\"\"\" \"\"\"", false },
            { "simple", "\"\"\"simple\"\"\"", "\"\"\"simple\"\"\"", true },
            { "  leading space", "\"\"\"  leading space\"\"\"", "\"\"\"  leading space\"\"\"", true },
            { "\tleading tab", "\"\"\"\tleading tab\"\"\"", "\"\"\"\tleading tab\"\"\"", true },
            { "trailing space ", "\"\"\"trailing space \"\"\"", "\"\"\"trailing space \"\"\"", true },
            { "trailing tab\t", "\"\"\"trailing tab\t\"\"\"", "\"\"\"trailing tab\t\"\"\"", true },
            { "ends with \"", "\"\"\"\nends with \"\n\"\"\"", "\"\"\"ends with \"\n\"\"\"", true },
            { "ends with \\", "\"\"\"\nends with \\\n\"\"\"", "\"\"\"ends with \\\n\"\"\"", true },
            { "has \"\"\" triple", "\"\"\"has \\\"\"\" triple\"\"\"", "\"\"\"has \\\"\"\" triple\"\"\"", true },
            { "ends with \"\"\"", "\"\"\"\nends with \\\"\"\"\n\"\"\"", "\"\"\"ends with \\\"\"\"\"\"\"", true },
            { "multi\nline", "\"\"\"\nmulti\nline\n\"\"\"", "\"\"\"multi\nline\"\"\"", true },
            { "multi\n  indented", "\"\"\"\nmulti\n  indented\n\"\"\"", "\"\"\"\nmulti\n  indented\"\"\"", true },
            { "\n  starts with newline", "\"\"\"\n\n  starts with newline\n\"\"\"", "\"\"\"\n\n  starts with newline\"\"\"", false },
            { "\n", "\"\"\"\n\n\n\"\"\"", "\"\"\"\n\n\"\"\"", false },
            { "a\r\nb", "\"\"\"\na\r\nb\n\"\"\"", "\"\"\"a\r\nb\"\"\"", false },
            { "a\rb", "\"\"\"\na\rb\n\"\"\"", "\"\"\"a\rb\"\"\"", false },
            { "\"", "\"\"\"\n\"\n\"\"\"", "\"\"\"\"\n\"\"\"", true },
            { "\\", "\"\"\"\n\\\n\"\"\"", "\"\"\"\\\n\"\"\"", true },
            { "  first\nsecond", "\"\"\"\n  first\nsecond\n\"\"\"", "\"\"\"  first\nsecond\"\"\"", true },
            { "first\n  second\n  third", "\"\"\"\nfirst\n  second\n  third\n\"\"\"", "\"\"\"\nfirst\n  second\n  third\"\"\"", true },
            { "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\"", "\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\"", true },
            { "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "\"\"\"\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\"\"\"", "\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\"", true },
            { "with\u0007bell", "\"\"\"with\u0007bell\"\"\"", "\"\"\"with\u0007bell\"\"\"", false },
            { "line\n\nblank line", "\"\"\"\nline\n\nblank line\n\"\"\"", "\"\"\"line\n\nblank line\"\"\"", true },
            { "trailing newline\n", "\"\"\"\ntrailing newline\n\n\"\"\"", "\"\"\"\ntrailing newline\n\"\"\"", false },
            { "  \n  indented", "\"\"\"\n  \n  indented\n\"\"\"", "\"\"\"\n  \n  indented\"\"\"", false },
            { "\t\n\tx", "\"\"\"\n\t\n\tx\n\"\"\"", "\"\"\"\n\t\n\tx\"\"\"", false },
            { "no\tindent\nat all", "\"\"\"\nno\tindent\nat all\n\"\"\"", "\"\"\"no\tindent\nat all\"\"\"", true },
            { "a\n b\n  c", "\"\"\"\na\n b\n  c\n\"\"\"", "\"\"\"\na\n b\n  c\"\"\"", true },
    };

    /// <summary>Raw lines, then graphql-js dedentBlockStringLines.</summary>
    public static TheoryData<string[], string[]> Dedenting => new()
    {
            { new[] { "" }, new string[0] },
            { new[] { "", " ", "" }, new string[0] },
            { new[] { "  a", "  b" }, new string[] { "  a", "b" } },
            { new[] { "first", "    second", "      third" }, new string[] { "first", "second", "  third" } },
            { new[] { "", "    a", "", "  b", "    ", "" }, new string[] { "  a", "", "b" } },
            { new[] { "\t\tx", "\ty" }, new string[] { "\t\tx", "y" } },
            { new[] { "   ", "  x  ", "   " }, new string[] { "x  " } },
            { new[] { "x", " " }, new string[] { "x" } },
            { new[] { "  only first indented" }, new string[] { "  only first indented" } },
    };

    [Theory]
    [MemberData(nameof(Printing))]
    public void Prints_and_judges_values_like_graphql_js(string value, string printed, string minimized, bool printable)
    {
        BlockString.Print(value).ShouldBe(printed);
        BlockString.Print(value, minimize: true).ShouldBe(minimized);
        BlockString.IsPrintable(value).ShouldBe(printable);
    }

    [Theory]
    [MemberData(nameof(Printing))]
    public void Printable_values_survive_a_round_trip_through_the_lexer(string value, string printed, string minimized, bool printable)
    {
        if (!printable)
        {
            return;
        }
        foreach (var source in new[] { printed, minimized })
        {
            var lexer = new Lexer(source);
            lexer.Advance().ShouldBe(TokenKind.BlockString);
            lexer.Value.ShouldBe(value);
        }
    }

    [Theory]
    [MemberData(nameof(Dedenting))]
    public void Dedents_lines_like_graphql_js(string[] lines, string[] expected)
    {
        BlockString.Dedent(string.Join('\n', lines)).ShouldBe(string.Join('\n', expected));
    }

    [Fact]
    public void Dedent_applies_the_spec_algorithm_to_a_raw_value()
    {
        BlockString.Dedent("\n    Hello,\r\n      World!\r\n\n    Yours,\n      GraphQL.\n  ").ShouldBe("Hello,\n  World!\n\nYours,\n  GraphQL.");
    }
}
