using Directory.GraphQL.Language;
using Directory.Testing;

namespace Directory.GraphQL.Tests.Language;

/// <summary>The printer, compared byte for byte with graphql-js 17.1.0 `print`, and the parse/print round trip.</summary>
public sealed class PrinterTests
{
    /// <summary>Source, then what graphql-js 17.1.0 prints for its parsed tree (recorded with Documents/printer-expectations.cjs).</summary>
    public static TheoryData<string, string> Printed => new()
    {
            { "query { id, name }", "{\n  id\n  name\n}" },
            { "query Q { id }", "query Q {\n  id\n}" },
            { "query ($foo: TestType) @testDirective { id, name }", "query ($foo: TestType) @testDirective {\n  id\n  name\n}" },
            { "mutation ($foo: TestType) @testDirective { id, name }", "mutation ($foo: TestType) @testDirective {\n  id\n  name\n}" },
            { "query ($foo: TestType = { a: 123 } @testDirective(if: true) @test) { id }", "query ($foo: TestType = { a: 123 } @testDirective(if: true) @test) {\n  id\n}" },
            { "{ field(arg: \"\"\"\n      multiple lines\n    \"\"\") }", "{\n  field(arg: \"\"\"multiple lines\"\"\")\n}" },
            { "{ field(arg: \"\"\"    leading spaces\"\"\") }", "{\n  field(arg: \"\"\"    leading spaces\"\"\")\n}" },
            { "{ field(arg: \"has \\\"quotes\\\" and a \\u0001 control and a DEL \\u007F and \\u0085\") }", "{\n  field(arg: \"has \\\"quotes\\\" and a \\u0001 control and a DEL \\u007F and \\u0085\")\n}" },
            { "{ a(x: 1, y: 2) @d(z: 3) { b } ... on T @e { c } ...F @f }", "{\n  a(x: 1, y: 2) @d(z: 3) {\n    b\n  }\n  ... on T @e {\n    c\n  }\n  ...F @f\n}" },
            { "{ f(a: \"012345678901234567890123456789012345678901234567890123456789012345678\") }", "{\n  f(a: \"012345678901234567890123456789012345678901234567890123456789012345678\")\n}" },
            { "{ f(a: \"0123456789012345678901234567890123456789012345678901234567890123456789\") }", "{\n  f(a: \"0123456789012345678901234567890123456789012345678901234567890123456789\")\n}" },
            { "{ ff(a: \"012345678901234567890123456789012345678901234567890123456789012345678\") }", "{\n  ff(a: \"012345678901234567890123456789012345678901234567890123456789012345678\")\n}" },
            { "{ f(l: [\"0123456789012345678901234567890123\", \"012345678901234567890123456789012345\"]) }", "{\n  f(\n    l: [\"0123456789012345678901234567890123\", \"012345678901234567890123456789012345\"]\n  )\n}" },
            { "{ f(l: [\"0123456789012345678901234567890123\", \"01234567890123456789012345678901234\"]) }", "{\n  f(\n    l: [\"0123456789012345678901234567890123\", \"01234567890123456789012345678901234\"]\n  )\n}" },
            { "{ f(o: { a: \"012345678901234567890123456789012\", b: \"0123456789012345678901234567890\" }) }", "{\n  f(\n    o: { a: \"012345678901234567890123456789012\", b: \"0123456789012345678901234567890\" }\n  )\n}" },
            { "{ f(o: { a: \"012345678901234567890123456789012\", b: \"012345678901234567890123456789\" }) }", "{\n  f(\n    o: { a: \"012345678901234567890123456789012\", b: \"012345678901234567890123456789\" }\n  )\n}" },
            { "{ f(o: { nested: { deeper: [\"a long string to make it wrap\", \"another long string to wrap\"] } }) }", "{\n  f(\n    o: {\n      nested: { deeper: [\"a long string to make it wrap\", \"another long string to wrap\"] }\n    }\n  )\n}" },
            { "query Q($v: [[Int!]!]! = [[1]], $o: In = {a: [], b: {}}) { f(a: $v) }", "query Q($v: [[Int!]!]! = [[1]], $o: In = { a: [], b: {  } }) {\n  f(a: $v)\n}" },
            { "subscription S @a @b { s }", "subscription S @a @b {\n  s\n}" },
            { "fragment F on T @a(x: [1, 2]) @b { a }", "fragment F on T @a(x: [1, 2]) @b {\n  a\n}" },
            { "{ a { b { c { d { e } } } } }", "{\n  a {\n    b {\n      c {\n        d {\n          e\n        }\n      }\n    }\n  }\n}" },
            { "\"\"\"\n  Operation description\n  on two lines\n\"\"\"\nquery Q { a }", "\"\"\"\nOperation description\non two lines\n\"\"\"\nquery Q {\n  a\n}" },
            { "query Q(\"\"\"Var desc\"\"\" $a: Int, \"other\" $b: Int) { a }", "query Q(\n\"\"\"Var desc\"\"\"\n$a: Int\n\"other\"\n$b: Int\n) {\n  a\n}" },
            { "schema { query: Q }", "schema {\n  query: Q\n}" },
            { "schema @d { query: Q mutation: M subscription: S }", "schema @d {\n  query: Q\n  mutation: M\n  subscription: S\n}" },
            { "\"desc\" schema { query: Q }", "\"desc\"\nschema {\n  query: Q\n}" },
            { "scalar S @a @b(c: 1)", "scalar S @a @b(c: 1)" },
            { "type T implements A & B @d { f(a: Int = 1 @x, b: [String!]! = [\"x\"]): String @y }", "type T implements A & B @d {\n  f(a: Int = 1 @x, b: [String!]! = [\"x\"]): String @y\n}" },
            { "type T { f(\"d\" a: Int, b: Int): Int }", "type T {\n  f(\n    \"d\"\n    a: Int\n    b: Int\n  ): Int\n}" },
            { "type T { \"\"\"\n  block\n  \"\"\"\n  f: Int }", "type T {\n  \"\"\"block\"\"\"\n  f: Int\n}" },
            { "type T", "type T" },
            { "interface I implements J { f: Int }", "interface I implements J {\n  f: Int\n}" },
            { "union U = A | B", "union U = A | B" },
            { "union U @d", "union U @d" },
            { "enum E { A B @d C }", "enum E {\n  A\n  B @d\n  C\n}" },
            { "input I { a: Int = 1, b: [I!] @d }", "input I {\n  a: Int = 1\n  b: [I!] @d\n}" },
            { "directive @d(a: Int) repeatable on FIELD | QUERY", "directive @d(a: Int) repeatable on FIELD | QUERY" },
            { "directive @d on FIELD", "directive @d on FIELD" },
            { "\"described\" directive @d(\"arg\" a: Int = 1) on FIELD", "\"described\"\ndirective @d(\n  \"arg\"\n  a: Int = 1\n) on FIELD" },
            { "extend schema @d", "extend schema @d" },
            { "extend schema { query: Q }", "extend schema {\n  query: Q\n}" },
            { "extend scalar S @d", "extend scalar S @d" },
            { "extend type T implements I @d { f: Int }", "extend type T implements I @d {\n  f: Int\n}" },
            { "extend interface I @d", "extend interface I @d" },
            { "extend union U = C", "extend union U = C" },
            { "extend enum E { D }", "extend enum E {\n  D\n}" },
            { "extend input I { c: Int }", "extend input I {\n  c: Int\n}" },
            { "type Q { f(a: String = \"\"\"\n  x\n  y\n\"\"\" b: Int): Int }", "type Q {\n  f(\n    a: String = \"\"\"\n    x\n    y\n    \"\"\"\n    b: Int\n  ): Int\n}" },
            { "{ f(a: \"\"\"has \\\"\"\" inside\"\"\") }", "{\n  f(a: \"\"\"has \\\"\"\" inside\"\"\")\n}" },
            { "{ f(a: \"\"\"\n\n  after blank line\n\"\"\") }", "{\n  f(a: \"\"\"after blank line\"\"\")\n}" },
            { "type T { \"a\\nb\" f: Int }", "type T {\n  \"a\\nb\"\n  f: Int\n}" },
            { "\"\\u00e9\\t\" scalar S", "\"\u00E9\\t\"\nscalar S" },
            // Either side of the 80-column limits for arguments, lists and objects.
            { "{ f(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }", "{\n  f(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\")\n}" },
            { "{ f(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }", "{\n  f(\n    a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n  )\n}" },
            { "{ f(a: [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]) }", "{\n  f(\n    a: [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]\n  )\n}" },
            { "{ f(a: [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]) }", "{\n  f(\n    a: [\n      \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n    ]\n  )\n}" },
            { "{ f(a: {b: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}) }", "{\n  f(\n    a: { b: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" }\n  )\n}" },
            { "{ f(a: {b: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}) }", "{\n  f(\n    a: {\n      b: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n    }\n  )\n}" },
            { "{ f @d(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }", "{\n  f @d(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\")\n}" },
            { "{ ...F @d(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") }", "{\n  ...F @d(a: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\")\n}" },
    };

    [Theory]
    [MemberData(nameof(Printed))]
    public void Prints_like_graphql_js(string source, string expected)
    {
        Printer.Print(Parser.Parse(source)).ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Printed))]
    public void Printed_output_parses_to_an_equal_tree_and_prints_identically(string source, string expected)
    {
        var original = Parser.Parse(source);
        var printed = Printer.Print(original);

        var reparsed = Parser.Parse(printed);
        AstEquality.Differences(original, reparsed).ShouldBeEmpty();
        Printer.Print(reparsed).ShouldBe(printed);
        printed.ShouldBe(expected);
    }

    [Theory]
    [InlineData("kitchen-sink.graphql")]
    [InlineData("kitchen-sink-schema.graphql")]
    public void Prints_the_kitchen_sinks_like_graphql_js_and_round_trips_them(string name)
    {
        var document = Parser.Parse(File.ReadAllText(DocumentPath(name)));
        var printed = Printer.Print(document);

        Snapshot.Match(printed, Path.ChangeExtension(name, ".printed.graphql"));
        var reparsed = Parser.Parse(printed);
        AstEquality.Differences(document, reparsed).ShouldBeEmpty();
        Printer.Print(reparsed).ShouldBe(printed);
    }

    [Fact]
    public void Prints_nodes_built_in_code_including_ones_the_parser_never_makes()
    {
        var field = new FieldNode { Name = new NameNode("f"), SelectionSet = new SelectionSetNode { Selections = [] } };
        Printer.Print(field).ShouldBe("f {}");
        Printer.Print(new NonNullTypeNode { Type = new ListTypeNode { Type = new NamedTypeNode { Name = new NameNode("T") } } }).ShouldBe("[T]!");
        Printer.Print(new ObjectValueNode { Fields = [] }).ShouldBe("{  }");
        Printer.Print(new ListValueNode { Values = [] }).ShouldBe("[]");
        Printer.Print(new StringValueNode("a\"b\\c\u0000\u009F\u00A0")).ShouldBe("\"a\\\"b\\\\c\\u0000\\u009F\u00A0\"");
    }

    [Fact]
    public void Prints_a_single_value_or_type()
    {
        Printer.Print(Parser.ParseValue("{a:[1,2.5,\"s\",$v,null,true,E]}")).ShouldBe("{ a: [1, 2.5, \"s\", $v, null, true, E] }");
        Printer.Print(Parser.ParseType("[[A!]]!")).ShouldBe("[[A!]]!");
    }

    private static string DocumentPath(string name, [System.Runtime.CompilerServices.CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Documents", name);
}
