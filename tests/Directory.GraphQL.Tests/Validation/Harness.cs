using System.Collections.Concurrent;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Validation;

namespace Directory.GraphQL.Tests.Validation;

/// <summary>The shared validation test schema (Oracle/harness.graphql) and helpers to validate documents against it.</summary>
internal static class Harness
{
    private static readonly ConcurrentDictionary<string, Schema> Schemas = new(StringComparer.Ordinal);

    /// <summary>The SDL of Oracle/harness.graphql, embedded in the test assembly.</summary>
    public static string Sdl { get; } = ReadSdl();

    public static Schema Schema { get; } = Build(Sdl);

    private static string ReadSdl()
    {
        using var stream = typeof(Harness).Assembly.GetManifestResourceStream("harness.graphql")
            ?? throw new InvalidOperationException("harness.graphql is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A schema built from SDL for validation only (no resolvers), cached per SDL text.</summary>
    public static Schema Build(string sdl) => Schemas.GetOrAdd(sdl, SchemaBuilder.BuildForValidation);

    public static IReadOnlyList<GraphQLError> Validate(string document, ValidationOptions? options = null) =>
        DocumentValidator.Validate(Schema, Parser.Parse(document), options);

    public static IReadOnlyList<GraphQLError> Validate(ValidationRule rule, string document, ValidationOptions? options = null) =>
        DocumentValidator.Validate(Schema, Parser.Parse(document), [rule], options);
}

/// <summary>An expected validation error: the message and its (line, column) locations.</summary>
public sealed record ExpectedError(string Message, IReadOnlyList<(int Line, int Column)> Locations, string? Rule = null)
{
    public override string ToString() => Message + " @ " + string.Join(" ", Locations.Select(l => $"{l.Line}:{l.Column}"));
}

/// <summary>
/// Per-rule tests in the style of graphql-js's validation harness: validate a document with one rule and compare
/// every error's message and locations, in order, and check each carries the rule's name and the validation code.
/// </summary>
public abstract class RuleTestBase
{
    private static readonly ValidationOptions WithoutSuggestions = ValidationOptions.SpecOnly with { MaxErrors = 1000 };
    private static readonly ValidationOptions WithSuggestions = WithoutSuggestions with { IncludeSuggestions = true };

    /// <summary>The rule under test; null to run every specified rule, as <see cref="DocumentValidator"/> does.</summary>
    private protected abstract ValidationRule? Rule { get; }

    protected static ExpectedError Error(string message, params int[] lineColumns)
    {
        var locations = new List<(int, int)>();
        for (var i = 0; i + 1 < lineColumns.Length; i += 2)
        {
            locations.Add((lineColumns[i], lineColumns[i + 1]));
        }
        return new ExpectedError(message, locations);
    }

    /// <summary>An expected error made by a named rule (for tests running all rules).</summary>
    protected static ExpectedError ErrorFrom(string rule, string message, params int[] lineColumns) =>
        Error(message, lineColumns) with { Rule = rule };

    protected void ExpectValid(string document) => Check(Harness.Schema, document, WithoutSuggestions, []);

    protected void ExpectValidOnSchema(Schema schema, string document) => Check(schema, document, WithoutSuggestions, []);

    protected void ExpectValidWithSuggestions(string document) => Check(Harness.Schema, document, WithSuggestions, []);

    protected void ExpectErrors(string document, params ExpectedError[] expected) =>
        Check(Harness.Schema, document, WithoutSuggestions, expected);

    protected void ExpectErrorsWithSuggestions(string document, params ExpectedError[] expected) =>
        Check(Harness.Schema, document, WithSuggestions, expected);

    protected void ExpectErrorsOnSchema(Schema schema, string document, params ExpectedError[] expected) =>
        Check(schema, document, WithoutSuggestions, expected);

    private void Check(Schema schema, string document, ValidationOptions options, ExpectedError[] expected)
    {
        var parsed = Parser.Parse(document);
        var errors = Rule is null
            ? DocumentValidator.Validate(schema, parsed, SpecifiedRules.All, options)
            : DocumentValidator.Validate(schema, parsed, [Rule], options);
        var actual = errors
            .Select(e => new ExpectedError(e.Message, e.Locations.Select(l => (l.Line, l.Column)).ToList()).ToString())
            .ToList();
        actual.ShouldBe(expected.Select(e => e.ToString()).ToList());
        for (var i = 0; i < errors.Count; i++)
        {
            errors[i].Code.ShouldBe(ErrorCodes.ValidationFailed);
            errors[i].Extensions[ValidationErrors.RuleExtension].ShouldBe(Rule?.Name ?? expected[i].Rule);
        }
    }
}
