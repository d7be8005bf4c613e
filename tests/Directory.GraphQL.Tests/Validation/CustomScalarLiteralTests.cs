using System.Globalization;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Validation;
using Directory.GraphQL.Validation.Rules;

namespace Directory.GraphQL.Tests.Validation;

/// <summary>
/// Spec §5.6.1 with custom scalars: ValuesOfCorrectType applies the scalar's own literal coercion, so a literal
/// the scalar rejects fails validation with the scalar's message (graphql-js v17 validateInputLiteral).
/// </summary>
public sealed class CustomScalarLiteralTests
{
    private const string Sdl = """
        scalar Date
        scalar Fragile
        scalar Lenient
        type Query {
          on(date: Date): String
          fragile(value: Fragile): String
          lenient(value: Lenient): String
          dates(list: [Date!]): String
        }
        """;

    private static readonly Schema Schema = SchemaBuilder.FromSdl(Sdl)
        .Scalar("Date", new ScalarCoercion
        {
            ParseLiteral = node => node is StringValueNode s
                && DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new GraphQLError("Date cannot represent a non ISO-8601 value."),
        })
        .Scalar("Fragile", new ScalarCoercion
        {
            ParseLiteral = node => node is IntValueNode ? 1 : throw new FormatException("not a number"),
        })
        .Build(new BuildOptions { RequireResolvers = false });

    private static IReadOnlyList<GraphQLError> Validate(string document) =>
        DocumentValidator.Validate(Schema, Parser.Parse(document), [ValuesOfCorrectTypeRule.Instance]);

    [Fact]
    public void Literal_accepted_by_the_scalar_is_valid()
    {
        Validate("""{ on(date: "2020-04-01") dates(list: ["2020-01-31", "2021-12-01"]) }""").ShouldBeEmpty();
    }

    [Fact]
    public void Literal_rejected_by_the_scalar_reports_the_scalar_message_at_the_value()
    {
        var errors = Validate("""{ on(date: "1 April") dates(list: ["2020-01-31", 5]) }""");
        errors.Select(e => (e.Message, e.Locations.Single())).ShouldBe(
        [
            ("Date cannot represent a non ISO-8601 value.", new SourceLocation(1, 12)),
            ("Date cannot represent a non ISO-8601 value.", new SourceLocation(1, 50)),
        ]);
        errors.ShouldAllBe(e => e.Code == ErrorCodes.ValidationFailed && (string?)e.Extensions["rule"] == "ValuesOfCorrectType");
    }

    [Fact]
    public void Other_exceptions_from_the_scalar_are_reported_like_graphql_js()
    {
        Validate("{ fragile(value: 1) }").ShouldBeEmpty();
        Validate("""{ fragile(value: "x") }""").ShouldHaveSingleItem().Message
            .ShouldBe("Expected value of type \"Fragile\", but encountered error \"not a number\"; found: \"x\".");
    }

    [Fact]
    public void Scalar_without_literal_hook_accepts_any_constant_literal()
    {
        Validate("""{ lenient(value: { a: [1, "b", true, null] }) }""").ShouldBeEmpty();
    }
}
