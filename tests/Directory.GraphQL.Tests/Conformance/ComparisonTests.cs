using System.Text.Json.Nodes;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>The comparisons the agreement tests rely on do notice differences (so agreement means something).</summary>
public sealed class ComparisonTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void Identical_responses_agree_even_when_numbers_are_written_differently()
    {
        var comparison = ExecutionComparison.Compare(
            Json("""{"data":{"a":1,"b":[2.5,null]},"errors":[{"message":"m","path":["b",1]}]}"""),
            Json("""{"data":{"a":1.0,"b":[2.50,null]},"errors":[{"message":"m","path":["b",1]}]}"""));
        comparison.Disagreement.ShouldBeNull();
        comparison.MessageDifference.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"data":{"a":2}}""", "data differs")]
    [InlineData("""{"data":{"b":null,"a":1}}""", "data differs")]
    [InlineData("""{"data":{"a":1},"errors":[{"message":"m","path":["a"]}]}""", "error paths differ")]
    [InlineData("""{"errors":[{"message":"m"}]}""", "request error")]
    public void Different_data_key_order_error_paths_or_shape_disagree(string actual, string expectedProblem)
    {
        var comparison = ExecutionComparison.Compare(Json("""{"data":{"a":1,"b":null}}"""), Json(actual));
        comparison.Disagreement.ShouldNotBeNull().ShouldContain(expectedProblem);
    }

    [Fact]
    public void A_different_message_on_the_same_path_is_reported_but_agrees()
    {
        var comparison = ExecutionComparison.Compare(
            Json("""{"data":{"a":null},"errors":[{"message":"one","path":["a"]}]}"""),
            Json("""{"data":{"a":null},"errors":[{"message":"two","path":["a"]}]}"""));
        comparison.Disagreement.ShouldBeNull();
        comparison.MessageDifference.ShouldNotBeNull().ShouldContain("- [\"a\"] one");
    }

    [Fact]
    public void Validation_verdicts_disagree_on_syntax_validity_or_rules()
    {
        var invalid = new ReferenceValidation("x", null, false, ["ScalarLeafs"], ["m"]);
        ValidationComparison.Compare(invalid, invalid with { }).Disagreement.ShouldBeNull();
        ValidationComparison.Compare(invalid, invalid with { Rules = ["ScalarLeafs", "KnownTypeNames"] }).Disagreement
            .ShouldNotBeNull().ShouldContain("rules fired");
        ValidationComparison.Compare(invalid, invalid with { Valid = true, Rules = [], Messages = [] }).Disagreement
            .ShouldNotBeNull().ShouldContain("we find the document valid");
        ValidationComparison.Compare(invalid, invalid with { SyntaxError = "Syntax Error: x", Rules = [] }).Disagreement
            .ShouldNotBeNull().ShouldContain("syntax error");
        ValidationComparison.Compare(invalid, invalid with { Messages = ["other"] }).MessageDifference.ShouldNotBeNull();
    }

    [Fact]
    public void Canonical_json_writes_numbers_as_javascript_and_can_sort_keys()
    {
        CanonicalJson.Write(new Dictionary<string, object?> { ["b"] = 1.0, ["a"] = -0.0, ["c"] = 2.5, ["d"] = 2147483648L })
            .ShouldBe("""{"b":1,"a":0,"c":2.5,"d":2147483648}""");
        CanonicalJson.SortKeys(new Dictionary<string, object?> { ["b"] = new[] { 1, 2 }, ["a"] = "é \"q\"\n\u0001" })
            .ShouldBe("""{"a":"é \"q\"\n\u0001","b":[1,2]}""");
    }
}
