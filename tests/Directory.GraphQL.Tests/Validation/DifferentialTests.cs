using System.Runtime.CompilerServices;
using System.Text.Json;
using Directory.GraphQL.Language;
using Directory.GraphQL.Validation;

namespace Directory.GraphQL.Tests.Validation;

/// <summary>
/// Differential check against graphql-js 17.1.0: pseudo-random documents over the harness schema
/// (Oracle/differential.json, made by Oracle/generate-differential.mjs) validated with every specified rule must
/// give exactly graphql-js's errors, in its order, with and without suggestions.
/// </summary>
public sealed class DifferentialTests
{
    private static readonly JsonElement Cases = Load();

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.GetArrayLength(); i++)
        {
            data.Add(i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Same_errors_as_graphql_js(int index)
    {
        var testCase = Cases[index];
        var document = testCase.GetProperty("doc").GetString()!;
        var options = ValidationOptions.SpecOnly with
        {
            MaxErrors = 1000,
            IncludeSuggestions = testCase.GetProperty("suggest").GetBoolean(),
        };

        var actual = DocumentValidator.Validate(Harness.Schema, Parser.Parse(document), options)
            .Select(e => e.Message + " @ " + string.Join(" ", e.Locations.Select(l => $"{l.Line}:{l.Column}")))
            .ToList();

        actual.ShouldBe(testCase.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList(), document);
    }

    private static JsonElement Load([CallerFilePath] string sourceFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Oracle", "differential.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }
}
