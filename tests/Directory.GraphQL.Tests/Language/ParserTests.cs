using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.Testing;

namespace Directory.GraphQL.Tests.Language;

/// <summary>Spec §2 (executable documents): structure and locations of what the parser builds.</summary>
public sealed class ParserTests
{
    [Fact]
    public void Parses_the_query_shorthand_with_aliases_arguments_and_nested_selections()
    {
        var document = Parser.Parse("{ me: user(id: 4, tags: [\"a\", B], opts: { x: 1.5, y: null, z: true }) { name } }");

        var operation = document.Definitions.ShouldHaveSingleItem().ShouldBeOfType<OperationDefinitionNode>();
        operation.Operation.ShouldBe(OperationType.Query);
        operation.Name.ShouldBeNull();
        var field = operation.SelectionSet.Selections.ShouldHaveSingleItem().ShouldBeOfType<FieldNode>();
        field.Alias!.Value.ShouldBe("me");
        field.Name.Value.ShouldBe("user");
        field.ResponseName.ShouldBe("me");
        field.Arguments.Count.ShouldBe(3);
        field.Arguments[0].Value.ShouldBeOfType<IntValueNode>().Value.ShouldBe("4");
        var list = field.Arguments[1].Value.ShouldBeOfType<ListValueNode>();
        list.Values[0].ShouldBeOfType<StringValueNode>().Value.ShouldBe("a");
        list.Values[1].ShouldBeOfType<EnumValueNode>().Value.ShouldBe("B");
        var obj = field.Arguments[2].Value.ShouldBeOfType<ObjectValueNode>();
        obj.Fields[0].Value.ShouldBeOfType<FloatValueNode>().Value.ShouldBe("1.5");
        obj.Fields[1].Value.ShouldBeOfType<NullValueNode>();
        obj.Fields[2].Value.ShouldBeOfType<BooleanValueNode>().Value.ShouldBeTrue();
        field.SelectionSet!.Selections.ShouldHaveSingleItem().ShouldBeOfType<FieldNode>().Name.Value.ShouldBe("name");
    }

    [Fact]
    public void Parses_operations_with_variables_defaults_and_directives()
    {
        var document = Parser.Parse("""
            query Q($a: Int = 1 @v, $b: [String!]!) @op { f(a: $a) @skip(if: $b) }
            mutation M { m }
            subscription S { s }
            """);

        var q = document.Definitions[0].ShouldBeOfType<OperationDefinitionNode>();
        q.Name!.Value.ShouldBe("Q");
        q.VariableDefinitions.Count.ShouldBe(2);
        q.VariableDefinitions[0].Variable.Name.Value.ShouldBe("a");
        q.VariableDefinitions[0].Type.ShouldBeOfType<NamedTypeNode>().Name.Value.ShouldBe("Int");
        q.VariableDefinitions[0].DefaultValue.ShouldBeOfType<IntValueNode>().Value.ShouldBe("1");
        q.VariableDefinitions[0].Directives.ShouldHaveSingleItem().Name.Value.ShouldBe("v");
        var b = q.VariableDefinitions[1].Type.ShouldBeOfType<NonNullTypeNode>().Type.ShouldBeOfType<ListTypeNode>();
        b.Type.ShouldBeOfType<NonNullTypeNode>().Type.ShouldBeOfType<NamedTypeNode>().Name.Value.ShouldBe("String");
        q.Directives.ShouldHaveSingleItem().Name.Value.ShouldBe("op");
        var f = q.SelectionSet.Selections[0].ShouldBeOfType<FieldNode>();
        f.Arguments[0].Value.ShouldBeOfType<VariableNode>().Name.Value.ShouldBe("a");
        f.Directives[0].Arguments[0].Value.ShouldBeOfType<VariableNode>().Name.Value.ShouldBe("b");
        document.Definitions[1].ShouldBeOfType<OperationDefinitionNode>().Operation.ShouldBe(OperationType.Mutation);
        document.Definitions[2].ShouldBeOfType<OperationDefinitionNode>().Operation.ShouldBe(OperationType.Subscription);
    }

    [Fact]
    public void Parses_fragments_spreads_and_inline_fragments()
    {
        var document = Parser.Parse("{ ...F ... on T { a } ... @include(if: true) { b } ... { c } } fragment F on T @d { x }");

        var selections = document.Definitions[0].ShouldBeOfType<OperationDefinitionNode>().SelectionSet.Selections;
        selections[0].ShouldBeOfType<FragmentSpreadNode>().Name.Value.ShouldBe("F");
        selections[1].ShouldBeOfType<InlineFragmentNode>().TypeCondition!.Name.Value.ShouldBe("T");
        var withDirective = selections[2].ShouldBeOfType<InlineFragmentNode>();
        withDirective.TypeCondition.ShouldBeNull();
        withDirective.Directives.ShouldHaveSingleItem().Name.Value.ShouldBe("include");
        selections[3].ShouldBeOfType<InlineFragmentNode>().TypeCondition.ShouldBeNull();
        var fragment = document.Definitions[1].ShouldBeOfType<FragmentDefinitionNode>();
        fragment.Name.Value.ShouldBe("F");
        fragment.TypeCondition.Name.Value.ShouldBe("T");
        fragment.Directives.ShouldHaveSingleItem().Name.Value.ShouldBe("d");
    }

    [Fact]
    public void Every_node_carries_offsets_and_the_line_and_column_of_its_start()
    {
        var document = Parser.Parse("query {\n  requiredField\n}");

        document.Location.ShouldBe(new Location(0, 25, 1, 1));
        var operation = (OperationDefinitionNode)document.Definitions[0];
        operation.Location.ShouldBe(new Location(0, 25, 1, 1));
        operation.SelectionSet.Location.ShouldBe(new Location(6, 25, 1, 7));
        var field = (FieldNode)operation.SelectionSet.Selections[0];
        field.Location.ShouldBe(new Location(10, 23, 2, 3));
        field.Name.Location.ShouldBe(new Location(10, 23, 2, 3));
    }

    [Fact]
    public void Locations_after_a_byte_order_mark_and_a_block_string_with_characters_outside_the_BMP_count_UTF16_code_units()
    {
        // Like graphql-js: the BOM is ignored but counted, and the emoji (a surrogate pair) takes two columns.
        var document = Parser.Parse("\uFEFF{ a(s: \"\"\"\u00E9\uD83D\uDE00\n  x\"\"\") b }");

        var selections = ((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections;
        var a = selections[0].ShouldBeOfType<FieldNode>();
        a.Location.ShouldBe(new Location(3, 22, 1, 4));
        a.Arguments[0].Value.ShouldBeOfType<StringValueNode>().Value.ShouldBe("\u00E9\uD83D\uDE00\nx");
        selections[1].Location.ShouldBe(new Location(23, 24, 2, 9));
    }

    [Fact]
    public void A_node_made_in_code_has_no_location_until_given_one()
    {
        new NameNode("a").Location.ShouldBeNull();
        new NameNode("a") { Location = null }.Location.ShouldBeNull();
        new NameNode("a") { Location = new Location(0, 0, 1, 1) }.Location.ShouldBe(new Location(0, 0, 1, 1));
    }

    [Fact]
    public void NoLocation_leaves_locations_out()
    {
        var document = Parser.Parse("{ a }", new ParserOptions { NoLocation = true });

        document.Location.ShouldBeNull();
        ((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0].Location.ShouldBeNull();
    }

    [Fact]
    public void Errors_are_syntax_errors_with_graphql_js_messages_and_locations()
    {
        var error = Should.Throw<GraphQLError>(() => Parser.Parse("{"));

        error.Message.ShouldBe("Syntax Error: Expected Name, found <EOF>.");
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
        error.Locations.ShouldBe([new SourceLocation(1, 2)]);
    }

    [Theory]
    [MemberData(nameof(GraphQLJsExpectations.ParseErrors), MemberType = typeof(GraphQLJsExpectations))]
    public void Rejects_invalid_documents_with_graphql_js_messages_and_locations(string source, string message, int line, int column)
    {
        var error = Should.Throw<GraphQLError>(() => Parser.Parse(source));

        error.Message.ShouldBe(message);
        error.Locations.ShouldBe([new SourceLocation(line, column)]);
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
    }

    [Theory]
    [MemberData(nameof(GraphQLJsExpectations.ValueAndTypeErrors), MemberType = typeof(GraphQLJsExpectations))]
    public void Rejects_invalid_values_and_types_with_graphql_js_messages(string entry, string source, string message, int line, int column)
    {
        Func<SyntaxNode> parse = entry switch
        {
            "value" => () => Parser.ParseValue(source),
            "const" => () => Parser.ParseConstValue(source),
            _ => () => Parser.ParseType(source),
        };

        var error = Should.Throw<GraphQLError>(() => parse());

        error.Message.ShouldBe(message);
        error.Locations.ShouldBe([new SourceLocation(line, column)]);
    }

    [Theory]
    [InlineData("{ f(x: \"\"\"a\"\"\" y: 1) }")]
    [InlineData("{ f(o: {a: 1, b: [$v]}) }")]
    [InlineData("\"desc\" query { a }")]
    [InlineData("query Foo($x: Boolean = false @bar) { field }")]
    [InlineData("{ field(complex: { a: { b: [ $var ] } }) }")]
    [InlineData("# This comment has a \u0A0A multi-byte character.\n{ field(arg: \"Has a \u0A0A multi-byte character.\") }")]
    public void Accepts_what_graphql_js_accepts(string source)
    {
        Parser.Parse(source).Definitions.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("fragment")]
    [InlineData("query")]
    [InlineData("mutation")]
    [InlineData("subscription")]
    [InlineData("true")]
    [InlineData("false")]
    public void Allows_non_keywords_anywhere_a_name_is_allowed(string keyword)
    {
        var fragmentName = keyword != "on" ? keyword : "a";
        var document = Parser.Parse($$"""
            query {{keyword}} {
              ... {{fragmentName}}
              ... on {{keyword}} { field }
            }
            fragment {{fragmentName}} on Type {
              {{keyword}}({{keyword}}: ${{keyword}}) @{{keyword}}({{keyword}}: {{keyword}})
            }
            """);

        var fragment = document.Definitions[1].ShouldBeOfType<FragmentDefinitionNode>();
        fragment.Name.Value.ShouldBe(fragmentName);
        fragment.SelectionSet.Selections[0].ShouldBeOfType<FieldNode>().Name.Value.ShouldBe(keyword);
    }

    [Fact]
    public void Empty_selection_sets_are_rejected_as_the_spec_grammar_requires_one_selection()
    {
        // graphql-js 17 accepts "{}" (a deprecated option restores the spec's Selection+); we follow the spec.
        var error = Should.Throw<GraphQLError>(() => Parser.Parse("query Q { }"));

        error.Message.ShouldBe("Syntax Error: Expected Name, found \"}\".");
        error.Locations.ShouldBe([new SourceLocation(1, 11)]);
    }

    [Fact]
    public void Descriptions_on_operations_fragments_and_variables_are_kept()
    {
        var document = Parser.Parse("\"op\" query Q(\"var\" $a: Int) { a } \"\"\"frag\"\"\" fragment F on T { b }");

        var operation = document.Definitions[0].ShouldBeOfType<OperationDefinitionNode>();
        operation.Description!.Value.ShouldBe("op");
        operation.VariableDefinitions[0].Description!.Value.ShouldBe("var");
        var fragment = document.Definitions[1].ShouldBeOfType<FragmentDefinitionNode>();
        fragment.Description!.Value.ShouldBe("frag");
        fragment.Description.Block.ShouldBeTrue();
    }

    [Fact]
    public void Parses_values_and_types_on_their_own()
    {
        var list = Parser.ParseValue("[123 \"abc\" $v {a: [B]}]").ShouldBeOfType<ListValueNode>();
        list.Values.Select(v => v.Kind).ShouldBe([SyntaxKind.IntValue, SyntaxKind.StringValue, SyntaxKind.Variable, SyntaxKind.ObjectValue]);
        Parser.ParseConstValue("{a: null}").ShouldBeOfType<ObjectValueNode>().Fields[0].Value.ShouldBeOfType<NullValueNode>();
        var type = Parser.ParseType("[MyType!]").ShouldBeOfType<ListTypeNode>();
        type.Location.ShouldBe(new Location(0, 9, 1, 1));
        type.Type.ShouldBeOfType<NonNullTypeNode>().Location.ShouldBe(new Location(1, 8, 1, 2));
    }

    [Theory]
    [InlineData("kitchen-sink")]
    [InlineData("kitchen-sink-schema")]
    public void Locates_every_node_of_the_kitchen_sinks_exactly_as_graphql_js_does(string name)
    {
        // The snapshot lists graphql-js 17.1.0's nodes (Documents/locations-expectations.cjs): kind, start, end, line, column.
        var document = Parser.Parse(File.ReadAllText(DocumentPath(name + ".graphql")));

        var lines = AstEquality.Descendants(document)
            .Select(n => $"{n.Kind} {n.Location!.Value.Start} {n.Location.Value.End} {n.Location.Value.Line} {n.Location.Value.Column}")
            .Order(StringComparer.Ordinal);

        Snapshooter.Xunit.Snapshot.Match(string.Join("\n", lines), new Snapshooter.SnapshotNameExtension(name));
    }

    private static string DocumentPath(string name, [System.Runtime.CompilerServices.CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Documents", name);
}
