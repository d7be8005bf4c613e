using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Tests.Language;

/// <summary>Spec §2.1 (source text and lexical tokens), held to graphql-js's lexer.</summary>
public sealed class LexerTests
{
    [Theory]
    [MemberData(nameof(GraphQLJsExpectations.FirstTokens), MemberType = typeof(GraphQLJsExpectations))]
    public void Reads_the_first_token_like_graphql_js(string source, object kind, int start, int end, int line, int column, string? value)
    {
        var lexer = new Lexer(source);
        lexer.Advance();

        lexer.Kind.ShouldBe((TokenKind)kind);
        lexer.Start.ShouldBe(start);
        lexer.End.ShouldBe(end);
        lexer.Line.ShouldBe(line);
        lexer.Column.ShouldBe(column);
        lexer.Value.ShouldBe(value);
    }

    [Theory]
    // Enumerated at run time: some sources hold lone surrogates, which do not survive test-case serialisation.
    [MemberData(nameof(GraphQLJsExpectations.LexErrors), MemberType = typeof(GraphQLJsExpectations), DisableDiscoveryEnumeration = true)]
    public void Rejects_invalid_tokens_with_graphql_js_messages(string source, string message, int line, int column)
    {
        var error = Should.Throw<GraphQLError>(() => LexFirst(source));

        error.Message.ShouldBe(message);
        error.Locations.ShouldBe([new SourceLocation(line, column)]);
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
    }

    [Fact]
    public void Reads_every_token_of_a_line_and_then_stays_at_end_of_file()
    {
        var lexer = new Lexer("query Q($a: [Int!] = [1, -2.5e3]) @d { ...F ... on T { f(s: \"x\", b: \"\"\"y\"\"\") } } | &");
        var kinds = new List<TokenKind>();
        var names = new List<string>();
        while (lexer.Advance() != TokenKind.EndOfFile)
        {
            kinds.Add(lexer.Kind);
            if (lexer.Kind == TokenKind.Name)
            {
                names.Add(lexer.Value!);
            }
        }

        kinds.ShouldBe([
            TokenKind.Name, TokenKind.Name, TokenKind.ParenL, TokenKind.Dollar, TokenKind.Name, TokenKind.Colon,
            TokenKind.BracketL, TokenKind.Name, TokenKind.Bang, TokenKind.BracketR, TokenKind.Equals, TokenKind.BracketL,
            TokenKind.Int, TokenKind.Float, TokenKind.BracketR, TokenKind.ParenR, TokenKind.At, TokenKind.Name,
            TokenKind.BraceL, TokenKind.Spread, TokenKind.Name, TokenKind.Spread, TokenKind.Name, TokenKind.Name,
            TokenKind.BraceL, TokenKind.Name, TokenKind.ParenL, TokenKind.Name, TokenKind.Colon, TokenKind.String,
            TokenKind.Name, TokenKind.Colon, TokenKind.BlockString, TokenKind.ParenR, TokenKind.BraceR, TokenKind.BraceR,
            TokenKind.Pipe, TokenKind.Amp,
        ]);
        names.ShouldBe(["query", "Q", "a", "Int", "d", "F", "on", "T", "f", "s", "b"]);
        lexer.Advance().ShouldBe(TokenKind.EndOfFile);
        lexer.Start.ShouldBe(lexer.Source.Length);
    }

    [Fact]
    public void Tracks_lines_across_block_strings_and_every_line_terminator()
    {
        var lexer = new Lexer("\"\"\"a\r\nb\rc\nd\"\"\"\r\n  x");
        lexer.Advance().ShouldBe(TokenKind.BlockString);
        lexer.Value.ShouldBe("a\nb\nc\nd");
        lexer.Advance().ShouldBe(TokenKind.Name);

        lexer.Line.ShouldBe(5);
        lexer.Column.ShouldBe(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dedents_a_long_block_string_with_characters_outside_the_BMP_and_keeps_counting_lines(bool escapedTripleQuotes)
    {
        // Over 512 characters of value (the dedent's scratch memory then comes from the pool), CRLF line ends, an
        // emoji (a surrogate pair) on every line and, in one case, an escaped triple quote on every line too.
        var middle = escapedTripleQuotes ? " \\\"\"\" " : " ";
        var lines = Enumerable.Range(0, 40).Select(i => $"    line {i} \uD83D\uDE00{middle}end").ToList();
        var source = "\"\"\"\r\n" + string.Concat(lines.Select(line => line + "\r\n")) + "      indented\r\n  \"\"\" name";
        var expected = string.Join('\n', lines.Select(line => line[4..].Replace("\\\"\"\"", "\"\"\"", StringComparison.Ordinal)))
            + "\n  indented";

        var lexer = new Lexer(source);
        lexer.Advance().ShouldBe(TokenKind.BlockString);
        lexer.Value.ShouldBe(expected);
        lexer.Value!.Length.ShouldBeGreaterThan(512);
        lexer.Advance().ShouldBe(TokenKind.Name);

        lexer.Line.ShouldBe(43);
        lexer.Column.ShouldBe(7);
    }

    [Fact]
    public void Matches_keywords_without_allocating_a_value()
    {
        var lexer = new Lexer("fragment fragments");
        lexer.Advance();
        lexer.Is("fragment").ShouldBeTrue();
        lexer.Advance();
        lexer.Is("fragment").ShouldBeFalse();
        lexer.RawSpan.ToString().ShouldBe("fragments");
    }

    [Fact]
    public void A_lexer_error_inside_a_document_points_at_its_line_and_column()
    {
        var error = Should.Throw<GraphQLError>(() => Parser.Parse("{\n  a(x: \"ok\")\n  b(y: 1.) }"));

        error.Message.ShouldBe("Syntax Error: Invalid number, expected digit but got: \")\".");
        error.Locations.ShouldBe([new SourceLocation(3, 10)]);
    }

    private static void LexFirst(string source)
    {
        var lexer = new Lexer(source);
        lexer.Advance();
    }
}
