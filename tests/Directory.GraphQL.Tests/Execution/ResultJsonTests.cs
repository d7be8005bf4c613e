using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §7.1 "Response Format": key order, absent vs null data, extensions.</summary>
public sealed class ResultJsonTests
{
    private static readonly GraphQL.Types.Schema Schema = BuildSchema(
        "type Query { a: String, n: Float, big: Int, fail: String! }",
        b => b
            .Resolve("Query", "a", _ => "héllo \"quoted\" <tag>")
            .Resolve("Query", "n", _ => 1.5)
            .Resolve("Query", "big", _ => 2147483647L)
            .Resolve("Query", "fail", _ => null));

    [Fact]
    public async Task Writes_errors_first_then_data_then_extensions()
    {
        var result = await ExecuteAsync(Schema, "{ a fail }");
        result.Extensions["cost"] = 3;
        var json = result.ToJson();
        json.IndexOf("\"errors\"", StringComparison.Ordinal).ShouldBe(1);
        json.IndexOf("\"data\"", StringComparison.Ordinal).ShouldBeGreaterThan(json.IndexOf("\"errors\"", StringComparison.Ordinal));
        json.ShouldEndWith(",\"data\":null,\"extensions\":{\"cost\":3}}");
    }

    [Fact]
    public async Task Request_errors_have_no_data_entry()
    {
        var result = await ExecuteAsync(Schema, "query ($x: Int!) { a }");
        result.IsRequestError.ShouldBeTrue();
        var document = JsonDocument.Parse(result.ToJson());
        document.RootElement.TryGetProperty("data", out _).ShouldBeFalse();
        document.RootElement.GetProperty("errors").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Omits_errors_when_there_are_none_and_escapes_strings()
    {
        var json = await ExecuteJsonAsync(Schema, "{ a n big }");
        JsonDocument.Parse(json).RootElement.TryGetProperty("errors", out _).ShouldBeFalse();
        var data = JsonDocument.Parse(json).RootElement.GetProperty("data");
        data.GetProperty("a").GetString().ShouldBe("héllo \"quoted\" <tag>");
        data.GetProperty("n").GetDouble().ShouldBe(1.5);
        data.GetProperty("big").GetInt32().ShouldBe(int.MaxValue);
    }

    [Fact]
    public void Writes_an_error_with_only_the_members_it_has()
    {
        var result = ExecutionResult.RequestError(new GraphQLError("Bad.", code: ErrorCodes.BadUserInput));
        result.ToJson().ShouldBe(Json("{'errors':[{'message':'Bad.','extensions':{'code':'BAD_USER_INPUT'}}]}"));
    }

    [Fact]
    public async Task Result_objects_read_like_dictionaries()
    {
        var result = await ExecuteAsync(Schema, "{ x: a n }");
        result.Data!.Keys.ShouldBe(["x", "n"]);
        result.Data.ContainsKey("a").ShouldBeFalse();
        result.Data["n"].ShouldBe(1.5);
    }
}
