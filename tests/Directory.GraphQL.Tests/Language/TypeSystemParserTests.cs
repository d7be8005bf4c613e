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
}
