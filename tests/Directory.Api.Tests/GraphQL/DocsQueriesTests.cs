using System.Text.Json;
using System.Text.RegularExpressions;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// Every example in docs/queries.md runs against the sample without errors and returns data; every mutation example
/// in docs/writes.md runs with the token it names and comes back without user errors.
/// </summary>
public sealed partial class DocsQueriesTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    [GeneratedRegex("```graphql\\n(?<query>.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();

    public static TheoryData<int> Examples()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Blocks().Count; i++)
        {
            data.Add(i);
        }
        return data;
    }

    private static List<string> Blocks(string document = "queries.md", [System.Runtime.CompilerServices.CallerFilePath] string path = "")
    {
        var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..", "docs", document));
        return [.. GraphQLBlock().Matches(File.ReadAllText(file)).Select(m => m.Groups["query"].Value)];
    }

    public static TheoryData<int> Mutations()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Blocks("writes.md").Count; i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Mutation_example_runs_with_its_token_and_has_no_user_errors(int index)
    {
        var mutation = Blocks("writes.md")[index];
        var role = RoleLine().Match(mutation);
        role.Success.ShouldBeTrue("a mutation example must say which token it needs");

        var body = await api.QueryAsync(mutation, token: api.Token(role.Groups["role"].Value, role.Groups["org"].Success ? role.Groups["org"].Value : null));

        body.TryGetProperty("errors", out var errors).ShouldBeFalse(errors.ValueKind == JsonValueKind.Undefined ? "" : errors.GetRawText());
        var payload = body.GetProperty("data").EnumerateObject().ShouldHaveSingleItem().Value;
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, payload.GetRawText());
    }

    [Fact]
    public void The_document_has_examples_for_each_user()
    {
        Blocks().Count.ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public void Every_example_operation_is_named()
    {
        // Codegen tools reject anonymous operations when a file holds several (issue 16).
        foreach (var block in Blocks())
        {
            var operation = string.Join('\n', block.Split('\n').Where(line => !line.StartsWith('#'))).TrimStart();
            NamedOperation().IsMatch(operation).ShouldBeTrue(operation);
        }
    }

    [GeneratedRegex("^(query|mutation) [A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex NamedOperation();

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_runs_without_errors_and_returns_data(int index)
    {
        var query = Blocks()[index];
        var variables = query.Contains("$code", StringComparison.Ordinal) ? new { code = "E06000001" } : null;
        // "# as: ROLE [ORG]" on the first line: the token the example needs (people are visible only to signed-in roles).
        var role = RoleLine().Match(query);
        var token = role.Success
            ? api.Token(role.Groups["role"].Value, role.Groups["org"].Success ? role.Groups["org"].Value : null)
            : null;

        var body = await api.QueryAsync(query, variables, token: token);

        body.TryGetProperty("errors", out var errors).ShouldBeFalse(errors.ValueKind == JsonValueKind.Undefined ? "" : errors.GetRawText());
        var data = body.GetProperty("data");
        data.EnumerateObject().ShouldNotBeEmpty();
        data.EnumerateObject().ShouldAllBe(p => p.Value.ValueKind != JsonValueKind.Null);
        if (query.Contains("fullName", StringComparison.Ordinal))
        {
            // An example about people must show some to the role it is run as.
            role.Success.ShouldBeTrue("an example that selects people must say which token it needs");
            data.GetRawText().ShouldContain("\"fullName\":\"");
        }
    }

    [GeneratedRegex("^# as: (?<role>[a-z-]+)(?: (?<org>\\S+))?$", RegexOptions.Multiline)]
    private static partial Regex RoleLine();
}
