using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Tests.Language;

/// <summary>Spec §3 (type system documents): definitions, descriptions and extensions.</summary>
public sealed class TypeSystemParserTests
{
    [Fact]
    public void Parses_every_type_system_definition()
    {
        var document = Parser.Parse(""""
            "The schema"
            schema @s { query: Query mutation: Mutation }
            scalar Date @specifiedBy(url: "https://example.com")
            """
            Object type
            """
            type Query implements & Node & Entity @key {
              "field description" node(id: ID!, "arg description" first: Int = 10 @deprecated): Node
              list: [[Int!]]!
            }
            interface Node implements Entity { id: ID! }
            union Result = | A | B
            enum Colour { RED "green" GREEN @deprecated(reason: "no") }
            input Filter { name: String = "x", ids: [ID!] = [1, 2] }
            directive @key(fields: String!) repeatable on | OBJECT | INTERFACE
            """");

        var schema = document.Definitions[0].ShouldBeOfType<SchemaDefinitionNode>();
        schema.Description!.Value.ShouldBe("The schema");
        schema.OperationTypes.Select(o => (o.Operation, o.Type.Name.Value))
            .ShouldBe([(OperationType.Query, "Query"), (OperationType.Mutation, "Mutation")]);
        document.Definitions[1].ShouldBeOfType<ScalarTypeDefinitionNode>().Directives[0].Name.Value.ShouldBe("specifiedBy");
        var query = document.Definitions[2].ShouldBeOfType<ObjectTypeDefinitionNode>();
        query.Description!.Value.ShouldBe("Object type");
        query.Description.Block.ShouldBeTrue();
        query.Interfaces.Select(i => i.Name.Value).ShouldBe(["Node", "Entity"]);
        query.Fields[0].Description!.Value.ShouldBe("field description");
        query.Fields[0].Arguments[1].Description!.Value.ShouldBe("arg description");
        query.Fields[0].Arguments[1].DefaultValue.ShouldBeOfType<IntValueNode>().Value.ShouldBe("10");
        query.Fields[1].Type.ShouldBeOfType<NonNullTypeNode>().Type.ShouldBeOfType<ListTypeNode>();
        document.Definitions[3].ShouldBeOfType<InterfaceTypeDefinitionNode>().Interfaces[0].Name.Value.ShouldBe("Entity");
        document.Definitions[4].ShouldBeOfType<UnionTypeDefinitionNode>().Types.Select(t => t.Name.Value).ShouldBe(["A", "B"]);
        var colour = document.Definitions[5].ShouldBeOfType<EnumTypeDefinitionNode>();
        colour.Values.Select(v => v.Name.Value).ShouldBe(["RED", "GREEN"]);
        colour.Values[1].Description!.Value.ShouldBe("green");
        document.Definitions[6].ShouldBeOfType<InputObjectTypeDefinitionNode>().Fields.Count.ShouldBe(2);
        var directive = document.Definitions[7].ShouldBeOfType<DirectiveDefinitionNode>();
        directive.Repeatable.ShouldBeTrue();
        directive.Locations.Select(l => l.Value).ShouldBe(["OBJECT", "INTERFACE"]);
    }

    [Fact]
    public void Parses_every_type_system_extension()
    {
        var document = Parser.Parse("""
            extend schema @a { subscription: S }
            extend scalar Date @b
            extend type Query implements Node { more: Int }
            extend interface Node @c
            extend union Result = C
            extend enum Colour { BLUE }
            extend input Filter { more: Int }
            """);

        document.Definitions.Select(d => d.Kind).ShouldBe([
            SyntaxKind.SchemaExtension, SyntaxKind.ScalarTypeExtension, SyntaxKind.ObjectTypeExtension,
            SyntaxKind.InterfaceTypeExtension, SyntaxKind.UnionTypeExtension, SyntaxKind.EnumTypeExtension,
            SyntaxKind.InputObjectTypeExtension,
        ]);
        document.Definitions[2].ShouldBeOfType<ObjectTypeExtensionNode>().Interfaces[0].Name.Value.ShouldBe("Node");
    }

    /// <summary>Type system documents and what graphql-js 17.1.0 prints after parsing them (Documents/sdl-expectations.cjs).</summary>
    public static TheoryData<string, string> Accepted => new()
    {
            { "type Hello {\n  world: String\n}", "type Hello {\n  world: String\n}" },
            { "\"Description\" type Hello { world: String }", "\"Description\"\ntype Hello {\n  world: String\n}" },
            { "\"\"\"\nDescription\n\"\"\"\n# Even with comments between them\ntype Hello { world: String }", "\"\"\"Description\"\"\"\ntype Hello {\n  world: String\n}" },
            { "extend type Hello { world: String }", "extend type Hello {\n  world: String\n}" },
            { "extend type Hello implements Greeting", "extend type Hello implements Greeting" },
            { "extend interface Hello implements Greeting", "extend interface Hello implements Greeting" },
            { "extend schema @directive", "extend schema @directive" },
            { "extend schema { mutation: Mutation }", "extend schema {\n  mutation: Mutation\n}" },
            { "extend schema @directive { mutation: Mutation }", "extend schema @directive {\n  mutation: Mutation\n}" },
            { "type Hello { world: String! }", "type Hello {\n  world: String!\n}" },
            { "type Hello implements World { field: String }", "type Hello implements World {\n  field: String\n}" },
            { "interface Hello implements World { field: String }", "interface Hello implements World {\n  field: String\n}" },
            { "type Hello implements Wo & rld { field: String }", "type Hello implements Wo & rld {\n  field: String\n}" },
            { "interface Hello implements Wo & rld { field: String }", "interface Hello implements Wo & rld {\n  field: String\n}" },
            { "type Hello implements & Wo & rld { field: String }", "type Hello implements Wo & rld {\n  field: String\n}" },
            { "enum Hello { WORLD }", "enum Hello {\n  WORLD\n}" },
            { "enum Hello { WO, RLD }", "enum Hello {\n  WO\n  RLD\n}" },
            { "interface Hello { world: String }", "interface Hello {\n  world: String\n}" },
            { "type Hello { world(flag: Boolean): String }", "type Hello {\n  world(flag: Boolean): String\n}" },
            { "type Hello { world(flag: Boolean = true): String }", "type Hello {\n  world(flag: Boolean = true): String\n}" },
            { "type Hello { world(things: [String]): String }", "type Hello {\n  world(things: [String]): String\n}" },
            { "type Hello { world(argOne: Boolean, argTwo: Int): String }", "type Hello {\n  world(argOne: Boolean, argTwo: Int): String\n}" },
            { "union Hello = World", "union Hello = World" },
            { "union Hello = Wo | Rld", "union Hello = Wo | Rld" },
            { "union Hello = | Wo | Rld", "union Hello = Wo | Rld" },
            { "scalar Hello", "scalar Hello" },
            { "input Hello { world: String }", "input Hello {\n  world: String\n}" },
            { "directive @foo on OBJECT | INTERFACE", "directive @foo on OBJECT | INTERFACE" },
            { "directive @foo repeatable on OBJECT | INTERFACE", "directive @foo repeatable on OBJECT | INTERFACE" },
            { "directive @foo @bar on FIELD", "directive @foo @bar on FIELD" },
            { "directive @foo on | FIELD", "directive @foo on FIELD" },
            { "schema { query: Query mutation: Mutation }", "schema {\n  query: Query\n  mutation: Mutation\n}" },
            { "schema @a { query: Query }", "schema @a {\n  query: Query\n}" },
            { "\"schema description\" schema { query: Query }", "\"schema description\"\nschema {\n  query: Query\n}" },
            { "schema { query: Query, query: Other }", "schema {\n  query: Query\n  query: Other\n}" },
            { "type Hello { \"description\" world: String }", "type Hello {\n  \"description\"\n  world: String\n}" },
            { "type Hello { world(\"arg description\" arg: Int): String }", "type Hello {\n  world(\n    \"arg description\"\n    arg: Int\n  ): String\n}" },
            { "type Hello { world(arg: Int = 1.5e10 @a @b): [[String!]!] }", "type Hello {\n  world(arg: Int = 1.5e10 @a @b): [[String!]!]\n}" },
            { "enum Hello { \"a\" A \"b\" B @d }", "enum Hello {\n  \"a\"\n  A\n  \"b\"\n  B @d\n}" },
            { "input Hello { \"d\" a: Int = null, b: [Int] = [1 2 3], c: In = { x: { y: ENUM } } }", "input Hello {\n  \"d\"\n  a: Int = null\n  b: [Int] = [1, 2, 3]\n  c: In = { x: { y: ENUM } }\n}" },
            { "type A { f: Int } type B { g: Int } extend type A { h: Int }", "type A {\n  f: Int\n}\n\ntype B {\n  g: Int\n}\n\nextend type A {\n  h: Int\n}" },
            { "union Hello @d = A", "union Hello @d = A" },
    };

    /// <summary>Type system documents graphql-js 17.1.0 rejects, with its message, line and column.</summary>
    public static TheoryData<string, string, int, int> Rejected => new()
    {
            { "extend type Hello", "Syntax Error: Unexpected <EOF>.", 1, 18 },
            { "extend interface Hello", "Syntax Error: Unexpected <EOF>.", 1, 23 },
            { "extend union Hello", "Syntax Error: Unexpected <EOF>.", 1, 19 },
            { "extend enum Hello", "Syntax Error: Unexpected <EOF>.", 1, 18 },
            { "extend input Hello", "Syntax Error: Unexpected <EOF>.", 1, 19 },
            { "\"Description\" extend type Hello { world: String }", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1 },
            { "\"Description\" extend \"Another\" type Hello { world: String }", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1 },
            { "\"Description\" extend schema { query: Query }", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1 },
            { "\"Description\" extend scalar Date @d", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1 },
            { "extend schema", "Syntax Error: Unexpected <EOF>.", 1, 14 },
            { "type Hello implements Wo rld { field: String }", "Syntax Error: Unexpected Name \"rld\".", 1, 26 },
            { "type Hello implements Wo, rld { field: String }", "Syntax Error: Unexpected Name \"rld\".", 1, 27 },
            { "union Hello = || Wo | Rld", "Syntax Error: Expected Name, found \"|\".", 1, 16 },
            { "union Hello = Wo || Rld", "Syntax Error: Expected Name, found \"|\".", 1, 19 },
            { "union Hello = | Wo | Rld |", "Syntax Error: Expected Name, found <EOF>.", 1, 27 },
            { "union Hello = |", "Syntax Error: Expected Name, found <EOF>.", 1, 16 },
            { "input Hello { world(foo: Int): String }", "Syntax Error: Expected \":\", found \"(\".", 1, 20 },
            { "directive @foo on FIELD | INCORRECT_LOCATION", "Syntax Error: Unexpected Name \"INCORRECT_LOCATION\".", 1, 27 },
            { "directive @foo on FIELD |", "Syntax Error: Expected Name, found <EOF>.", 1, 26 },
            { "directive @foo on", "Syntax Error: Expected Name, found <EOF>.", 1, 18 },
            { "directive @foo repeatable repeatable on FIELD", "Syntax Error: Expected \"on\", found Name \"repeatable\".", 1, 27 },
            { "type Hello { world: String @deprecated(reason: $r) }", "Syntax Error: Unexpected variable \"$r\" in constant value.", 1, 48 },
            { "type Query { f(a: Int = $v): Int }", "Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 25 },
            { "type Query { f: Int @d(a: [$v]) }", "Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 28 },
            { "type Hello { world: String", "Syntax Error: Expected Name, found <EOF>.", 1, 27 },
            { "type Hello { world String }", "Syntax Error: Expected \":\", found Name \"String\".", 1, 20 },
            { "type Hello { (a: Int): String }", "Syntax Error: Expected Name, found \"(\".", 1, 14 },
            { "type Hello implements { world: String }", "Syntax Error: Expected Name, found \"{\".", 1, 23 },
            { "interface Hello implements & { world: String }", "Syntax Error: Expected Name, found \"{\".", 1, 30 },
            { "enum Hello { A B \"c\" }", "Syntax Error: Expected Name, found \"}\".", 1, 22 },
            { "enum Hello { A, \"B\" }", "Syntax Error: Expected Name, found \"}\".", 1, 21 },
            { "input Hello { a: Int = }", "Syntax Error: Unexpected \"}\".", 1, 24 },
            { "scalar Hello @", "Syntax Error: Expected Name, found <EOF>.", 1, 15 },
            { "union Hello = A @d", "Syntax Error: Unexpected \"@\".", 1, 17 },
            { "type Hello @d implements A { f: Int }", "Syntax Error: Unexpected Name \"implements\".", 1, 15 },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parses_type_system_documents_into_the_tree_graphql_js_builds(string source, string printedByGraphQLJs)
    {
        var document = Parser.Parse(source);

        Printer.Print(document).ShouldBe(printedByGraphQLJs);
        document.Definitions.ShouldAllBe(d => d is TypeSystemDefinitionNode || d is TypeSystemExtensionNode);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_invalid_type_system_documents_like_graphql_js(string source, string message, int line, int column)
    {
        var error = Should.Throw<GraphQLError>(() => Parser.Parse(source));

        error.Message.ShouldBe(message);
        error.Locations.ShouldBe([new SourceLocation(line, column)]);
        error.Code.ShouldBe(ErrorCodes.SyntaxError);
    }

    [Fact]
    public void Locates_type_system_nodes()
    {
        var document = Parser.Parse("type Hello {\n  world: String\n}");

        var type = document.Definitions[0].ShouldBeOfType<ObjectTypeDefinitionNode>();
        type.Location.ShouldBe(new Location(0, 30, 1, 1));
        type.Name.Location.ShouldBe(new Location(5, 10, 1, 6));
        var field = type.Fields[0];
        field.Location.ShouldBe(new Location(15, 28, 2, 3));
        field.Type.Location.ShouldBe(new Location(22, 28, 2, 10));
    }

    [Fact]
    public void Keeps_directives_applied_to_a_directive_definition()
    {
        var directive = Parser.Parse("directive @foo @bar(x: 1) on FIELD").Definitions[0].ShouldBeOfType<DirectiveDefinitionNode>();

        directive.Directives.Select(d => d.Name.Value).ShouldBe(["bar"]);
        directive.Locations.ShouldHaveSingleItem().Value.ShouldBe("FIELD");
    }
}
