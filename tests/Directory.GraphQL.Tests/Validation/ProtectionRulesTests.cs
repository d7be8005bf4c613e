using System.Text;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Validation;
using Directory.GraphQL.Validation.Rules;

namespace Directory.GraphQL.Tests.Validation;

/// <summary>The server's own limits (not in the spec): depth, aliases, directives, cost and introspection.</summary>
public sealed class ProtectionRulesTests
{
    private static IReadOnlyList<GraphQLError> Run(ValidationRule rule, string document, ValidationOptions options) =>
        DocumentValidator.Validate(Harness.Schema, Parser.Parse(document), [rule], options);

    private static void ShouldBeSingle(
        IReadOnlyList<GraphQLError> errors, string code, string rule, string message, int line, int column)
    {
        var error = errors.ShouldHaveSingleItem();
        error.Message.ShouldBe(message);
        error.Locations.ShouldBe([new SourceLocation(line, column)]);
        error.Code.ShouldBe(code);
        error.Extensions["rule"].ShouldBe(rule);
    }

    // ---- MaxDepth

    [Fact]
    public void Depth_over_the_limit_is_reported_at_the_deepest_field()
    {
        const string document = "{ dog { mother { mother { name } } } }";
        ShouldBeSingle(
            Run(MaxDepthRule.Instance, document, ValidationOptions.SpecOnly with { MaxDepth = 3 }),
            ErrorCodes.MaxDepthExceeded,
            "MaxDepth",
            "The operation has a depth of 4, more than the maximum of 3.",
            1,
            27);
        Run(MaxDepthRule.Instance, document, ValidationOptions.SpecOnly with { MaxDepth = 4 }).ShouldBeEmpty();
    }

    [Fact]
    public void Depth_follows_fragments_and_inline_fragments()
    {
        const string document = """
            query Deep { dog { ...F } }
            fragment F on Dog {
              ... on Dog { mother { mother { name } } }
            }
            """;
        ShouldBeSingle(
            Run(MaxDepthRule.Instance, document, ValidationOptions.SpecOnly with { MaxDepth = 3 }),
            ErrorCodes.MaxDepthExceeded,
            "MaxDepth",
            "Operation \"Deep\" has a depth of 4, more than the maximum of 3.",
            3,
            34);
    }

    [Fact]
    public void Depth_is_checked_per_operation()
    {
        const string document = """
            query Shallow { dog { name } }
            query Deep { dog { mother { name } } }
            """;
        var errors = Run(MaxDepthRule.Instance, document, ValidationOptions.SpecOnly with { MaxDepth = 2 });
        errors.ShouldHaveSingleItem().Message.ShouldBe("Operation \"Deep\" has a depth of 3, more than the maximum of 2.");
    }

    [Fact]
    public void Introspection_subtrees_are_left_to_max_introspection_depth()
    {
        Run(MaxDepthRule.Instance, "{ __schema { types { fields { type { ofType { name } } } } } }", ValidationOptions.SpecOnly with { MaxDepth = 1 })
            .ShouldBeEmpty();
    }

    [Fact]
    public void Fragments_spread_exponentially_are_measured_once_each()
    {
        // 40 fragments each spreading the next twice: 2^40 paths if fragments were re-walked.
        var sb = new StringBuilder("{ dog { ...F0 } }\n");
        for (var i = 0; i < 40; i++)
        {
            sb.Append($"fragment F{i} on Dog {{ mother {{ ...F{i + 1} }} father {{ ...F{i + 1} }} }}\n");
        }
        sb.Append("fragment F40 on Dog { name }\n");

        var errors = Run(MaxDepthRule.Instance, sb.ToString(), ValidationOptions.SpecOnly with { MaxDepth = 15 });

        errors.ShouldHaveSingleItem().Message.ShouldBe("The operation has a depth of 42, more than the maximum of 15.");
    }

    [Fact]
    public void Fragment_cycles_do_not_hang_the_depth_check()
    {
        Run(MaxDepthRule.Instance, "{ dog { ...A } } fragment A on Dog { mother { ...A } }", ValidationOptions.SpecOnly with { MaxDepth = 15 })
            .ShouldBeEmpty();
    }

    // ---- MaxAliases

    [Fact]
    public void Aliases_over_the_limit_are_reported_once_at_the_first_alias_too_many()
    {
        const string document = """
            {
              a: dog { n: name }
              b: cat { name }
              c: human { name }
              d: alien { name }
            }
            """;
        ShouldBeSingle(
            Run(MaxAliasesRule.Instance, document, ValidationOptions.SpecOnly with { MaxAliases = 3 }),
            ErrorCodes.MaxAliasesExceeded,
            "MaxAliases",
            "The document uses more than the maximum of 3 aliases.",
            4,
            3);
        Run(MaxAliasesRule.Instance, document, ValidationOptions.SpecOnly with { MaxAliases = 5 }).ShouldBeEmpty();
    }

    // ---- MaxDirectives

    [Fact]
    public void Directives_over_the_limit_are_reported_once()
    {
        const string document = """
            query Q @onQuery {
              dog @include(if: true) { name @skip(if: false) }
              cat @onField { name @onField }
            }
            """;
        ShouldBeSingle(
            Run(MaxDirectivesRule.Instance, document, ValidationOptions.SpecOnly with { MaxDirectives = 3 }),
            ErrorCodes.MaxDirectivesExceeded,
            "MaxDirectives",
            "The document uses more than the maximum of 3 directives.",
            3,
            7);
        Run(MaxDirectivesRule.Instance, document, ValidationOptions.SpecOnly with { MaxDirectives = 5 }).ShouldBeEmpty();
    }

    // ---- MaxCost

    [Theory]
    [InlineData("{ humans(first: 10) { name } }", 11)]
    [InlineData("{ humans(last: 2) { name iq } }", 5)]
    [InlineData("{ humans { relatives { name } } }", 651)]
    [InlineData("query Q($n: Int = 3) { humans(first: $n) { name } }", 4)]
    [InlineData("query Q($n: Int) { humans(first: $n) { name } }", 26)]
    [InlineData("{ humans(first: 2) { ...F } } fragment F on Human { name pets { name } }", 55)]
    [InlineData("{ people(first: 5) { nodes { name } totalCount } }", 28)]
    [InlineData("{ __schema { types { fields { name } } } }", 1)]
    [InlineData("{ dog { name } cat { name } }", 4)]
    public void Cost_is_fields_times_expected_list_sizes(string document, int cost)
    {
        Run(MaxCostRule.Instance, document, ValidationOptions.SpecOnly with { MaxCost = cost }).ShouldBeEmpty();

        var error = Run(MaxCostRule.Instance, document, ValidationOptions.SpecOnly with { MaxCost = cost - 1 }).ShouldHaveSingleItem();
        error.Message.ShouldEndWith($"has an estimated cost of {cost}, more than the maximum of {cost - 1}.");
        error.Code.ShouldBe(ErrorCodes.MaxCostExceeded);
        error.Extensions["rule"].ShouldBe("MaxCost");
        error.Locations.ShouldBe([new SourceLocation(1, 1)]);
    }

    [Fact]
    public void Default_list_size_is_configurable()
    {
        var options = ValidationOptions.SpecOnly with { MaxCost = 1000, DefaultListSize = 2 };
        // humans: 1 + 2 * (relatives: 1 + 2 * name) = 7
        Run(MaxCostRule.Instance, "{ humans { relatives { name } } }", options with { MaxCost = 7 }).ShouldBeEmpty();
        Run(MaxCostRule.Instance, "{ humans { relatives { name } } }", options with { MaxCost = 6 }).Count.ShouldBe(1);
    }

    [Fact]
    public void Default_cost_limit_rejects_deeply_nested_lists()
    {
        // humans: 1 + 25 * (1 + 25 * (1 + 25 * (1 + 25 * 1))) = 406901
        var errors = Harness.Validate("{ humans { relatives { relatives { relatives { name } } } } }", ValidationOptions.Default);
        var error = errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.MaxCostExceeded);
        error.Message.ShouldBe("The operation has an estimated cost of 406901, more than the maximum of 50000.");
    }

    // ---- IntrospectionDisabled

    [Fact]
    public void Production_rejects_schema_and_type_but_allows_typename()
    {
        Harness.Validate("{ __typename dog { __typename name } }", ValidationOptions.Production).ShouldBeEmpty();

        var errors = Harness.Validate("""{ __schema { queryType { name } } __type(name: "Dog") { name } }""", ValidationOptions.Production);

        errors.Select(e => (e.Message, e.Code, e.Extensions["rule"], e.Locations.Single())).ShouldBe(
        [
            ("GraphQL introspection is not allowed, but the query contained \"__schema\".", ErrorCodes.IntrospectionDisabled, (object?)"IntrospectionDisabled", new SourceLocation(1, 3)),
            ("GraphQL introspection is not allowed, but the query contained \"__type\".", ErrorCodes.IntrospectionDisabled, "IntrospectionDisabled", new SourceLocation(1, 35)),
        ]);
    }

    [Fact]
    public void Introspection_query_is_rejected_only_by_the_introspection_switch_in_production()
    {
        var errors = Harness.Validate(DocumentValidatorTests.IntrospectionQuery, ValidationOptions.Production);
        errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.IntrospectionDisabled);
        Harness.Validate(DocumentValidatorTests.IntrospectionQuery, ValidationOptions.Production with { AllowIntrospection = true })
            .ShouldBeEmpty();
    }

    [Fact]
    public void Disabled_limits_report_nothing_even_when_the_rule_is_run()
    {
        const string document = "{ a: humans { b: relatives { c: relatives { d: relatives { e: name @skip(if: false) } } } } }";
        var off = ValidationOptions.SpecOnly;
        Run(MaxDepthRule.Instance, document, off).ShouldBeEmpty();
        Run(MaxAliasesRule.Instance, document, off).ShouldBeEmpty();
        Run(MaxDirectivesRule.Instance, document, off).ShouldBeEmpty();
        Run(MaxCostRule.Instance, document, off).ShouldBeEmpty();
        Run(IntrospectionDisabledRule.Instance, "{ __schema { queryType { name } } }", off).ShouldBeEmpty();
        Harness.Validate(document, off).ShouldBeEmpty();
    }
}
