using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Validation;
using Xunit.Abstractions;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Spec §5 (Validation), checked against graphql-js 17: every document of <c>tests/conformance/validation/corpus.json</c>
/// goes through our parser and validator, and must get graphql-js's verdict — a syntax error or not, valid or not,
/// and the same set of rules firing (graphql-js's set is found by validating with one rule at a time). Messages are
/// compared too, but only reported (in the test output) when they differ.
/// </summary>
public sealed class ValidationAgreementTests(ITestOutputHelper output)
{
    public const string Suite = "validation";

    /// <summary>The specification's rules only, with suggestions, as graphql-js's validate() runs them.</summary>
    public static readonly ValidationOptions Options = ValidationOptions.SpecOnly with { IncludeSuggestions = true };

    private static readonly Dictionary<string, Schema> Schemas = [];
    private static readonly Lock SchemasGate = new();

    public static TheoryData<string> Ids => ConformanceCases.ValidationIds;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Document_gets_the_verdict_graphql_js_gives(string id)
    {
        var reference = (await ConformanceCases.ReferenceValidationAsync())[id];
        var ours = Validate(ConformanceCases.ValidationCase(id));
        var comparison = ValidationComparison.Compare(reference, ours);
        output.WriteLine($"graphql-js: {Describe(reference)}");
        output.WriteLine($"ours:       {Describe(ours)}");
        if (comparison.MessageDifference is not null)
        {
            output.WriteLine(comparison.MessageDifference);
        }
        KnownDifferences.Check(Suite, id, comparison.Disagreement);
    }

    [Fact]
    public async Task Corpus_covers_every_rule_and_the_agreement_count_matches_the_known_differences()
    {
        var references = await ConformanceCases.ReferenceValidationAsync();
        var corpus = ConformanceCases.ValidationCorpus;
        corpus.Count.ShouldBeGreaterThanOrEqualTo(300);
        references.Keys.ShouldBe(corpus.Select(c => c.Id), ignoreOrder: true);

        // Every rule we implement is exercised by at least three documents that graphql-js rejects with it.
        var firing = references.Values.SelectMany(r => r.Rules).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        foreach (var rule in SpecifiedRules.All)
        {
            firing.GetValueOrDefault(rule.Name).ShouldBeGreaterThanOrEqualTo(3, $"documents making {rule.Name} fire");
        }

        var comparisons = corpus.Select(c => (c.Id, Comparison: ValidationComparison.Compare(references[c.Id], Validate(c)))).ToList();
        var disagreeing = comparisons.Where(c => c.Comparison.Disagreement is not null).Select(c => c.Id).ToList();
        var messagesDiffer = comparisons.Count(c => c.Comparison.Disagreement is null && c.Comparison.MessageDifference is not null);
        var summary =
            $"validation: {corpus.Count} documents ({references.Values.Count(r => r.Valid)} valid, " +
            $"{references.Values.Count(r => r.SyntaxError is not null)} syntax errors, " +
            $"{references.Values.Count(r => !r.Valid && r.SyntaxError is null)} invalid); " +
            $"{corpus.Count - disagreeing.Count} agree on verdict and rules, {disagreeing.Count} disagree; " +
            $"{corpus.Count - disagreeing.Count - messagesDiffer} of the agreeing also have identical messages.";
        output.WriteLine(summary);
        ConformanceReport.Write(
            Suite,
            summary,
            disagreeing,
            comparisons.Where(c => c.Comparison.Disagreement is null && c.Comparison.MessageDifference is not null)
                .Select(c => $"{c.Id}\n{c.Comparison.MessageDifference}"));

        var listed = KnownDifferences.All.Where(k => k.Suite == Suite).Select(k => k.Id);
        disagreeing.ShouldBe(listed, ignoreOrder: true, "the disagreeing documents are exactly those in known-differences.json");
    }

    /// <summary>Our verdict in the shape validate.mjs prints graphql-js's.</summary>
    public static ReferenceValidation Validate(ValidationCase testCase)
    {
        DocumentNode document;
        try
        {
            document = Parser.Parse(testCase.Document);
        }
        catch (GraphQLError syntaxError)
        {
            return new ReferenceValidation(testCase.Id, syntaxError.Message, false, [], [syntaxError.Message]);
        }
        var errors = DocumentValidator.Validate(SchemaNamed(testCase.Schema), document, Options);
        var rules = errors
            .Select(e => e.Extensions.GetValueOrDefault(ValidationErrors.RuleExtension) as string)
            .OfType<string>()
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ReferenceValidation(testCase.Id, null, errors.Count == 0, rules, [.. errors.Select(e => e.Message)]);
    }

    private static Schema SchemaNamed(string name)
    {
        lock (SchemasGate)
        {
            if (!Schemas.TryGetValue(name, out var schema))
            {
                schema = ConformanceSchemas.Build(ConformanceCases.SchemaSdl(name));
                Schemas[name] = schema;
            }
            return schema;
        }
    }

    private static string Describe(ReferenceValidation result) =>
        result.SyntaxError is not null
            ? "syntax error: " + result.SyntaxError
            : result.Valid ? "valid" : "invalid, rules " + string.Join(", ", result.Rules);
}

/// <summary>How our verdict on one document differs from graphql-js's.</summary>
public sealed record ValidationComparison(string? Disagreement, string? MessageDifference)
{
    public static ValidationComparison Compare(ReferenceValidation expected, ReferenceValidation actual)
    {
        string? disagreement = null;
        if ((expected.SyntaxError is null) != (actual.SyntaxError is null))
        {
            disagreement = expected.SyntaxError is not null
                ? $"graphql-js reports a syntax error ({expected.SyntaxError}); we parse the document."
                : $"we report a syntax error ({actual.SyntaxError}); graphql-js parses the document.";
        }
        else if (expected.Valid != actual.Valid)
        {
            disagreement = expected.Valid
                ? $"graphql-js finds the document valid; we report: {string.Join(" | ", actual.Messages)}"
                : $"we find the document valid; graphql-js reports: {string.Join(" | ", expected.Messages)}";
        }
        else if (!expected.Rules.Order(StringComparer.Ordinal).SequenceEqual(actual.Rules.Order(StringComparer.Ordinal)))
        {
            disagreement =
                $"rules fired — graphql-js: [{string.Join(", ", expected.Rules)}]; ours: [{string.Join(", ", actual.Rules)}]";
        }

        var expectedMessages = expected.Messages.Order(StringComparer.Ordinal).ToList();
        var actualMessages = actual.Messages.Order(StringComparer.Ordinal).ToList();
        string? messageDifference = null;
        if (!expectedMessages.SequenceEqual(actualMessages))
        {
            var missing = expectedMessages.Except(actualMessages).Select(m => "  - " + m);
            var extra = actualMessages.Except(expectedMessages).Select(m => "  + " + m);
            messageDifference = "messages differ (- graphql-js only, + ours only):\n" +
                string.Join("\n", missing.Concat(extra));
        }
        return new ValidationComparison(disagreement, messageDifference);
    }
}
