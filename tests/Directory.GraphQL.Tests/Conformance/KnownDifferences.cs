using System.Text.Json;
using System.Text.Json.Serialization;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// The cases where our engine currently disagrees with graphql-js, from <c>tests/conformance/known-differences.json</c>:
/// <c>[{ "suite": "validation" | "execution" | "introspection", "id": "...", "reason": "..." }]</c>. The agreement
/// tests require every other case to agree and every listed case to still disagree, so a fix forces its entry out.
/// </summary>
public static class KnownDifferences
{
    private static readonly Lazy<IReadOnlyList<KnownDifference>> Entries = new(Load);

    public static IReadOnlyList<KnownDifference> All => Entries.Value;

    public static KnownDifference? Find(string suite, string id) =>
        All.FirstOrDefault(e => e.Suite == suite && e.Id == id);

    /// <summary>
    /// Asserts the case's outcome against the list: agreement unless listed, disagreement if listed.
    /// <paramref name="disagreement"/> describes how the engines differ, or is null when they agree.
    /// </summary>
    public static void Check(string suite, string id, string? disagreement)
    {
        var known = Find(suite, id);
        if (known is null)
        {
            if (disagreement is not null)
            {
                Assert.Fail($"[{suite}] {id} disagrees with graphql-js:\n{disagreement}");
            }
            return;
        }
        if (disagreement is null)
        {
            Assert.Fail(
                $"[{suite}] {id} now agrees with graphql-js, but known-differences.json still lists it " +
                $"(\"{known.Reason}\"): remove the entry.");
        }
    }

    private static List<KnownDifference> Load()
    {
        var path = NodeHarness.HarnessFile("known-differences.json");
        return JsonSerializer.Deserialize<List<KnownDifference>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is not a JSON array.");
    }
}

public sealed record KnownDifference(
    [property: JsonPropertyName("suite")] string Suite,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reason")] string Reason);
