using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>Spec §3.*.extensions, §3.13 directives (@deprecated, @specifiedBy, @oneOf, custom definitions) and descriptions in SDL.</summary>
public sealed class SdlExtensionsAndDirectivesTests
{
    [Fact]
    public void Extensions_add_fields_interfaces_members_values_and_input_fields_in_order()
    {
        var schema = SchemaBuilder.BuildForValidation("""
            type Query { a: Int }
            extend type Query { b: Int }
            interface Node { id: ID! }
            type Org { id: ID! }
            extend type Org implements Node
            type Svc { id: ID! }
            union U = Org
            extend union U = Svc
            enum E { A }
            extend enum E { B }
            input I { x: Int }
            extend input I { y: Int }
            extend input I @oneOf
            scalar S
            extend scalar S @specifiedBy(url: "https://example.com/s")
            """);

        schema.QueryType!.Fields.Select(f => f.Name).ShouldBe(["a", "b"]);
        schema.QueryType.Fields["b"]!.Index.ShouldBe(1);
        schema.QueryType.ExtensionAstNodes.Count.ShouldBe(1);
        ((ObjectType)schema.GetType("Org")!).Interfaces.Select(i => i.Name).ShouldBe(["Node"]);
        ((UnionType)schema.GetType("U")!).Types.Select(t => t.Name).ShouldBe(["Org", "Svc"]);
        ((EnumType)schema.GetType("E")!).Values.Select(v => v.Name).ShouldBe(["A", "B"]);
        var input = (InputObjectType)schema.GetType("I")!;
        input.Fields.Select(f => f.Name).ShouldBe(["x", "y"]);
        input.IsOneOf.ShouldBeTrue();
        ((ScalarType)schema.GetType("S")!).SpecifiedByUrl.ShouldBe("https://example.com/s");
    }

    [Fact]
    public void Schema_extensions_add_root_types()
    {
        var schema = SchemaBuilder.BuildForValidation("""
            schema { query: Q }
            extend schema { mutation: M }
            type Q { a: Int }
            type M { b: Int }
            """);

        schema.QueryType!.Name.ShouldBe("Q");
        schema.MutationType!.Name.ShouldBe("M");
        schema.GetRootType(OperationType.Mutation).ShouldBeSameAs(schema.MutationType);
        schema.ExtensionAstNodes.Count.ShouldBe(1);
    }

    [Fact]
    public void Deprecated_uses_the_given_reason_or_the_default()
    {
        var schema = SchemaBuilder.BuildForValidation("""
            type Query { a(x: Int @deprecated): Int @deprecated(reason: "Use b") b: Int }
            input I { f: Int @deprecated(reason: "") }
            enum E { A @deprecated B }
            """);

        var a = schema.QueryType!.Fields["a"]!;
        a.IsDeprecated.ShouldBeTrue();
        a.DeprecationReason.ShouldBe("Use b");
        a.Arguments["x"]!.DeprecationReason.ShouldBe("No longer supported");
        schema.QueryType.Fields["b"]!.IsDeprecated.ShouldBeFalse();
        ((InputObjectType)schema.GetType("I")!).Fields["f"]!.DeprecationReason.ShouldBe("");
        ((EnumType)schema.GetType("E")!).Values["A"]!.IsDeprecated.ShouldBeTrue();
        ((EnumType)schema.GetType("E")!).Values["B"]!.IsDeprecated.ShouldBeFalse();
    }

    [Fact]
    public void Custom_directive_definitions_keep_arguments_locations_and_repeatability()
    {
        var schema = SchemaBuilder.BuildForValidation("""
            "Caches a field."
            directive @cached(ttl: Int = 60, scope: Scope) repeatable on FIELD_DEFINITION | OBJECT
            enum Scope { PUBLIC PRIVATE }
            type Query @cached { a: Int @cached(ttl: 5) @cached }
            """);

        var cached = schema.GetDirective("cached")!;
        cached.Description.ShouldBe("Caches a field.");
        cached.IsRepeatable.ShouldBeTrue();
        cached.IsBuiltIn.ShouldBeFalse();
        cached.Locations.ShouldBe([DirectiveLocation.FieldDefinition, DirectiveLocation.Object]);
        cached.Arguments.Select(a => a.Name).ShouldBe(["ttl", "scope"]);
        cached.Arguments["ttl"]!.DefaultValue.ShouldBeOfType<IntValueNode>().Value.ShouldBe("60");
        cached.Arguments["scope"]!.Type.ShouldBeSameAs(schema.GetType("Scope"));
        schema.QueryType!.Fields["a"]!.AppliedDirectives.Count.ShouldBe(2);
        schema.QueryType.AppliedDirectives.Single().Name.Value.ShouldBe("cached");
        schema.Directives.Select(d => d.Name).ShouldBe(["cached", "include", "skip", "deprecated", "specifiedBy", "oneOf"]);
    }

    [Fact]
    public void Built_in_directives_match_the_spec()
    {
        var schema = SchemaBuilder.BuildForValidation("type Query { a: Int }");

        SchemaPrinter.PrintDirective(schema.GetDirective("include")!).ShouldBe(
            "\"\"\"\nDirects the executor to include this field or fragment only when the `if` argument is true.\n\"\"\"\n"
            + "directive @include(\n  \"\"\"Included when true.\"\"\"\n  if: Boolean!\n) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT");
        schema.GetDirective("skip")!.Arguments["if"]!.Type.ToString().ShouldBe("Boolean!");
        var deprecated = schema.GetDirective("deprecated")!;
        deprecated.Locations.ShouldBe([DirectiveLocation.FieldDefinition, DirectiveLocation.ArgumentDefinition, DirectiveLocation.InputFieldDefinition, DirectiveLocation.EnumValue]);
        deprecated.Arguments["reason"]!.DefaultValue.ShouldBeOfType<StringValueNode>().Value.ShouldBe("No longer supported");
        schema.GetDirective("specifiedBy")!.Arguments["url"]!.IsRequired.ShouldBeTrue();
        schema.GetDirective("oneOf")!.Locations.ShouldBe([DirectiveLocation.InputObject]);
        schema.GetDirective("oneOf")!.Arguments.Count.ShouldBe(0);
        schema.Directives.ShouldAllBe(d => d.IsBuiltIn);
    }

    [Fact]
    public void Descriptions_come_from_strings_and_block_strings()
    {
        var schema = SchemaBuilder.BuildForValidation("""
            "Root type"
            type Query {
              \"\"\"
              Multi-line
                indented
              \"\"\"
              a("The arg" x: Int): Int
            }
            """.Replace("\\\"", "\"", StringComparison.Ordinal));

        schema.QueryType!.Description.ShouldBe("Root type");
        schema.QueryType.Fields["a"]!.Description.ShouldBe("Multi-line\n  indented");
        schema.QueryType.Fields["a"]!.Arguments["x"]!.Description.ShouldBe("The arg");
    }

    [Fact]
    public void Redefining_a_built_in_scalar_keeps_the_built_in()
    {
        var schema = SchemaBuilder.BuildForValidation("scalar String type Query { a: String }");

        schema.GetType("String").ShouldBeSameAs(BuiltInScalars.String);
        SchemaPrinter.Print(schema).ShouldBe("type Query {\n  a: String\n}");
    }

    [Fact]
    public void Schemas_can_be_built_from_several_documents()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int }")
            .AddSdl("extend type Query { b: Org } type Org { id: ID }")
            .Build(BuildOptions.TypesOnly);

        schema.QueryType!.Fields.Select(f => f.Name).ShouldBe(["a", "b"]);
    }
}
