using System.Text;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Tests.Language;

/// <summary>Parser limits: hostile documents fail fast with a located error and never exhaust the stack.</summary>
public sealed class LimitsTests
{
    [Theory]
    [InlineData("{ foo }", 3, null, 0, 0)]
    [InlineData("{ foo }", 2, "Syntax Error: Document contains more than 2 tokens. Parsing aborted.", 1, 7)]
    [InlineData("{ foo(bar: \"baz\") }", 8, null, 0, 0)]
    [InlineData("{ foo(bar: \"baz\") }", 7, "Syntax Error: Document contains more than 7 tokens. Parsing aborted.", 1, 19)]
    [InlineData("# c\n{ foo } # c2", 3, null, 0, 0)]
    [InlineData("# c\n{ foo } # c2", 2, "Syntax Error: Document contains more than 2 tokens. Parsing aborted.", 2, 7)]
    [InlineData("{ a }\n{ b }", 5, "Syntax Error: Document contains more than 5 tokens. Parsing aborted.", 2, 5)]
    public void Counts_tokens_like_graphql_js_maxTokens(string source, int maxTokens, string? message, int line, int column)
    {
        var options = new ParserOptions { MaxTokens = maxTokens };
        if (message is null)
        {
            Parser.Parse(source, options).Definitions.ShouldNotBeEmpty();
            return;
        }

        var error = Should.Throw<GraphQLError>(() => Parser.Parse(source, options));

        error.Message.ShouldBe(message);
        error.Locations.ShouldBe([new SourceLocation(line, column)]);
        error.Code.ShouldBe(ErrorCodes.MaxTokensExceeded);
    }

    [Fact]
    public void A_ten_megabyte_document_of_tokens_stops_at_the_default_limit_of_15000()
    {
        var source = "{ " + string.Concat(Enumerable.Repeat("field ", 10 * 1024 * 1024 / 6)) + "}";

        var error = Should.Throw<GraphQLError>(() => Parser.Parse(source));

        error.Code.ShouldBe(ErrorCodes.MaxTokensExceeded);
        error.Message.ShouldBe("Syntax Error: Document contains more than 15000 tokens. Parsing aborted.");
        // The 15001st token is the 15000th field name: offset 2 + 14999 * 6.
        error.Locations.ShouldBe([new SourceLocation(1, 3 + (14999 * 6))]);
    }

    [Fact]
    public void A_ten_megabyte_document_with_few_tokens_parses()
    {
        var big = new string('x', 10 * 1024 * 1024);
        var source = "# " + big + "\n{ f(s: \"" + big + "\", b: \"\"\"" + big + "\"\"\") }";

        var field = (FieldNode)((OperationDefinitionNode)Parser.Parse(source).Definitions[0]).SelectionSet.Selections[0];

        ((StringValueNode)field.Arguments[0].Value).Value.Length.ShouldBe(big.Length);
        ((StringValueNode)field.Arguments[1].Value).Value.Length.ShouldBe(big.Length);
    }

    [Fact]
    public void Selection_sets_may_nest_up_to_the_default_depth_of_128()
    {
        Parser.Parse(NestedSelections(128)).Definitions.Count.ShouldBe(1);

        var error = Should.Throw<GraphQLError>(() => Parser.Parse(NestedSelections(129)));

        error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
        error.Message.ShouldBe("Syntax Error: Document exceeds the maximum nesting depth of 128. Parsing aborted.");
        error.Locations.ShouldBe([new SourceLocation(1, 1 + (128 * 2))]);
    }

    [Theory]
    [InlineData("{ f(a: ", "[", "1", "]", ") }", 9)]
    [InlineData("{ f(a: ", "{a: ", "1", "}", ") }", 9)]
    [InlineData("query ($v: ", "[", "Int", "]", ") { a }", 10)]
    [InlineData("type T { f: ", "[", "Int", "]", " }", 10)]
    public void List_and_object_values_and_list_types_count_towards_the_depth(
        string prefix, string open, string inner, string close, string suffix, int allowed)
    {
        // Values sit inside one selection set, so they get one level fewer than types.
        var options = new ParserOptions { MaxDepth = 10 };
        string Nest(int levels) => prefix + string.Concat(Enumerable.Repeat(open, levels)) + inner + string.Concat(Enumerable.Repeat(close, levels)) + suffix;

        Parser.Parse(Nest(allowed), options).Definitions.Count.ShouldBe(1);
        Should.Throw<GraphQLError>(() => Parser.Parse(Nest(allowed + 1), options)).Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
    }

    [Theory]
    [InlineData("", "{a")]
    [InlineData("{ f(a: ", "[")]
    [InlineData("{ f(a: ", "{b: ")]
    [InlineData("query ($v: ", "[")]
    public void One_hundred_thousand_nested_openers_fail_fast_with_default_limits(string prefix, string unit)
    {
        var source = prefix + string.Concat(Enumerable.Repeat(unit, 100_000));

        var error = Should.Throw<GraphQLError>(() => Parser.Parse(source));

        error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
        error.Message.ShouldBe("Syntax Error: Document exceeds the maximum nesting depth of 128. Parsing aborted.");
    }

    [Theory]
    [InlineData("{a", "")]
    [InlineData("[", "{ f(a: ")]
    [InlineData("[", "query ($v: ")]
    public void Without_limits_deep_nesting_still_fails_cleanly_instead_of_overflowing_the_stack(string unit, string prefix)
    {
        var options = new ParserOptions { MaxDepth = int.MaxValue, MaxTokens = int.MaxValue };
        var builder = new StringBuilder(prefix);
        for (var i = 0; i < 1_000_000; i++)
        {
            builder.Append(unit);
        }

        var error = Should.Throw<GraphQLError>(() => Parser.Parse(builder.ToString(), options));

        error.Code.ShouldBe(ErrorCodes.MaxDepthExceeded);
    }

    private static string NestedSelections(int depth) =>
        string.Concat(Enumerable.Repeat("{a", depth)) + new string('}', depth);
}
