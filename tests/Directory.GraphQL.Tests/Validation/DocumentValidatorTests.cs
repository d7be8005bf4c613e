using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Utilities;
using Directory.GraphQL.Validation;
using Directory.GraphQL.Validation.Rules;

namespace Directory.GraphQL.Tests.Validation;

/// <summary>Spec §5 (validation as a whole): the one-pass walker, TypeInfo ordering, error cap, suggestions, rule lists.</summary>
public sealed class DocumentValidatorTests
{
    private const string ValidDocument = """
        query Q($id: ID) {
          human(id: $id) { name ...H pets { ... on Dog { barkVolume } } }
        }
        fragment H on Human { relatives { name } }
        """;

    [Fact]
    public void Valid_document_has_no_errors_under_every_preset()
    {
        foreach (var options in new[] { ValidationOptions.Default, ValidationOptions.Production, ValidationOptions.Development, ValidationOptions.SpecOnly })
        {
            Harness.Validate(ValidDocument, options).ShouldBeEmpty();
        }
        DocumentValidator.Validate(Harness.Schema, Parser.Parse(ValidDocument)).ShouldBeEmpty();
    }

    [Fact]
    public void Specified_rules_are_graphql_js_v17_specified_rules_including_defer_and_stream()
    {
        SpecifiedRules.All.Select(r => r.Name).ShouldBe(
        [
            "ExecutableDefinitions", "KnownOperationTypes", "UniqueOperationNames", "LoneAnonymousOperation",
            "SingleFieldSubscriptions", "KnownTypeNames", "FragmentsOnCompositeTypes", "VariablesAreInputTypes",
            "ScalarLeafs", "FieldsOnCorrectType", "UniqueFragmentNames", "KnownFragmentNames", "NoUnusedFragments",
            "PossibleFragmentSpreads", "NoFragmentCycles", "UniqueVariableNames", "NoUndefinedVariables",
            "NoUnusedVariables", "KnownDirectives", "UniqueDirectivesPerLocation", "DeferStreamDirectiveOnRootField",
            "DeferStreamDirectiveOnValidOperations", "DeferStreamDirectiveLabel", "StreamDirectiveOnListField", "KnownArgumentNames",
            "UniqueArgumentNames", "ValuesOfCorrectType", "ProvidedRequiredArguments", "VariablesInAllowedPosition",
            "OverlappingFieldsCanBeMerged", "UniqueInputFieldNames", "MaxIntrospectionDepth",
        ]);
    }

    [Fact]
    public void Protection_rules_follow_the_options()
    {
        SpecifiedRules.For(ValidationOptions.SpecOnly).ShouldBe(SpecifiedRules.All);
        SpecifiedRules.For(ValidationOptions.Default).Skip(SpecifiedRules.All.Count).Select(r => r.Name)
            .ShouldBe(["MaxDepth", "MaxAliases", "MaxDirectives", "MaxCost"]);
        SpecifiedRules.For(ValidationOptions.Production).Skip(SpecifiedRules.All.Count).Select(r => r.Name)
            .ShouldBe(["IntrospectionDisabled", "MaxDepth", "MaxAliases", "MaxDirectives", "MaxCost"]);
        SpecifiedRules.For(ValidationOptions.Default with { MaxCost = null, MaxAliases = null }).Skip(SpecifiedRules.All.Count).Select(r => r.Name)
            .ShouldBe(["MaxDepth", "MaxDirectives"]);
    }

    [Fact]
    public void Every_node_is_visited_once_with_type_info_entered_before_and_left_after_the_rules()
    {
        var log = new List<string>();
        var rule = new ValidationRule("Recorder", c => new Recorder(c, log));
        var errors = DocumentValidator.Validate(Harness.Schema, Parser.Parse("{ dog { name } }"), [rule]);

        errors.ShouldBeEmpty();
        log.ShouldBe(
        [
            "enter Document", "enter OperationDefinition type=QueryRoot", "enter SelectionSet parent=QueryRoot",
            "enter Field field=QueryRoot.dog type=Dog", "enter SelectionSet parent=Dog",
            "enter Field field=Dog.name type=String", "leave Field field=Dog.name type=String",
            "leave SelectionSet parent=Dog", "leave Field field=QueryRoot.dog type=Dog",
            "leave SelectionSet parent=QueryRoot", "leave OperationDefinition type=QueryRoot", "leave Document",
        ]);
    }

    [Fact]
    public void A_rule_skipping_a_subtree_does_not_hide_it_from_the_other_rules()
    {
        var skipperLog = new List<string>();
        var recorderLog = new List<string>();
        var skipper = new ValidationRule("Skipper", c => new Recorder(c, skipperLog, skipFields: true));
        var recorder = new ValidationRule("Recorder", c => new Recorder(c, recorderLog));

        DocumentValidator.Validate(Harness.Schema, Parser.Parse("{ dog { name } }"), [skipper, recorder]);

        // The skipper sees the field it skips but neither its children nor its leave.
        skipperLog.Count(e => e.StartsWith("enter Field", StringComparison.Ordinal)).ShouldBe(1);
        skipperLog.ShouldNotContain(e => e.StartsWith("leave Field", StringComparison.Ordinal));
        recorderLog.Count(e => e.StartsWith("enter Field", StringComparison.Ordinal)).ShouldBe(2);
        recorderLog.Count(e => e.StartsWith("leave Field", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public void Errors_carry_the_validation_code_and_the_rule_name()
    {
        var errors = Harness.Validate("{ dog { unknown } }");
        var error = errors.ShouldHaveSingleItem();
        error.Message.ShouldBe("Cannot query field \"unknown\" on type \"Dog\".");
        error.Locations.ShouldBe([new SourceLocation(1, 9)]);
        error.Code.ShouldBe(ErrorCodes.ValidationFailed);
        error.Extensions["rule"].ShouldBe("FieldsOnCorrectType");
        error.Path.ShouldBeNull();
    }

    [Fact]
    public void Validation_stops_after_max_errors_with_graphql_js_message()
    {
        const string document = "{ a b c d e }";
        Harness.Validate(document).Count.ShouldBe(5);

        var errors = Harness.Validate(document, ValidationOptions.Default with { MaxErrors = 2 });

        errors.Select(e => e.Message).ShouldBe(
        [
            "Cannot query field \"a\" on type \"QueryRoot\".",
            "Cannot query field \"b\" on type \"QueryRoot\".",
            "Too many validation errors, error limit reached. Validation aborted.",
        ]);
        errors[^1].Locations.ShouldBeEmpty();
        errors[^1].Code.ShouldBe(ErrorCodes.ValidationFailed);
    }

    [Fact]
    public void Suggestions_only_when_enabled()
    {
        const string document = "{ dog { nam } }";
        Harness.Validate(document).ShouldHaveSingleItem().Message.ShouldBe("Cannot query field \"nam\" on type \"Dog\".");
        Harness.Validate(document, ValidationOptions.Production).ShouldHaveSingleItem().Message
            .ShouldBe("Cannot query field \"nam\" on type \"Dog\".");
        Harness.Validate(document, ValidationOptions.Development).ShouldHaveSingleItem().Message
            .ShouldBe("Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?");
    }

    [Fact]
    public void Standard_introspection_query_passes_the_default_limits()
    {
        Harness.Validate(IntrospectionQuery, ValidationOptions.Default).ShouldBeEmpty();
    }

    [Fact]
    public void Validation_is_repeatable_on_the_same_document()
    {
        var document = Parser.Parse("query ($a: Int) { dog { name } cat { nickname: meows } }");
        var first = DocumentValidator.Validate(Harness.Schema, document).Select(e => e.Message).ToList();
        var second = DocumentValidator.Validate(Harness.Schema, document).Select(e => e.Message).ToList();
        first.ShouldNotBeEmpty();
        second.ShouldBe(first);
    }

    [Fact]
    public void Suggestion_list_matches_graphql_js_ranking()
    {
        SuggestionList.List("ab", ["ab", "AB", "abc", "b", "xyz"]).ShouldBe(["ab", "AB", "abc", "b"]);
        SuggestionList.List("foo", ["f10", "f2", "fooo"]).ShouldBe(["fooo", "f2", "f10"]);
        // The schema builder's hints go through the same list: an option offered twice is suggested once.
        SuggestionList.List("ab", ["abc", "abc", "ab"]).ShouldBe(["ab", "abc"]);
        SuggestionList.DidYouMean(["a", "b", "c", "d", "e", "f"]).ShouldBe(" Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?");
        SuggestionList.DidYouMean(["a", "b"]).ShouldBe(" Did you mean \"a\" or \"b\"?");
        SuggestionList.DidYouMean([]).ShouldBe("");
        SuggestionList.NaturalCompare("a2", "a10").ShouldBeLessThan(0);
    }

    // graphql-js getIntrospectionQuery() shape, with the nesting of its TypeRef fragment.
    internal const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) {
            name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;

    private sealed class Recorder(ValidationContext context, List<string> log, bool skipFields = false) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            log.Add("enter " + Describe(node));
            return skipFields && node is FieldNode ? VisitAction.SkipChildren : VisitAction.Continue;
        }

        public override void Leave(SyntaxNode node) => log.Add("leave " + Describe(node));

        private string Describe(SyntaxNode node) => node switch
        {
            OperationDefinitionNode => $"{node.Kind} type={Context.Type}",
            SelectionSetNode => $"{node.Kind} parent={Context.ParentType}",
            FieldNode => $"{node.Kind} field={Context.FieldDef} type={Context.Type}",
            _ => node.Kind.ToString(),
        };
    }
}
