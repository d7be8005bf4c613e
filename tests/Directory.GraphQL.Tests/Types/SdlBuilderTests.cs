using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>Spec §3 type system definitions and extensions, built from SDL (graphql-js buildASTSchema/extendSchema).</summary>
public sealed class SdlBuilderTests
{
    [Fact]
    public void Builds_every_kind_of_type_with_fields_in_declaration_order()
    {
        var schema = SchemaBuilder.BuildForValidation("""
            "The root"
            type Query {
              organisation(id: ID!): Organisation
              search(term: String = "x", kinds: [OrgType!]): [SearchResult!]!
              node(id: ID!): Node
            }
            interface Node { id: ID! }
            type Organisation implements Node { id: ID! name: String! kind: OrgType }
            type Service implements Node { id: ID! title: String }
            union SearchResult = Organisation | Service
            enum OrgType { LOCAL_AUTHORITY CHARITY }
            input Filter { name: String kind: OrgType = CHARITY }
            scalar Date
            """);

        schema.QueryType!.Name.ShouldBe("Query");
        schema.QueryType.Description.ShouldBe("The root");
        schema.QueryType.Fields.Select(f => f.Name).ShouldBe(["organisation", "search", "node"]);
        schema.QueryType.Fields["search"]!.Type.ToString().ShouldBe("[SearchResult!]!");
        schema.QueryType.Fields["search"]!.Arguments["term"]!.DefaultValue.ShouldBeOfType<StringValueNode>().Value.ShouldBe("x");
        schema.QueryType.Fields["search"]!.Index.ShouldBe(1);
        schema.QueryType.Fields["search"]!.DeclaringType.ShouldBeSameAs(schema.QueryType);
        schema.GetType("Organisation").ShouldBeOfType<ObjectType>().Interfaces.Single().Name.ShouldBe("Node");
        schema.GetType("SearchResult").ShouldBeOfType<UnionType>().Types.Select(t => t.Name).ShouldBe(["Organisation", "Service"]);
        schema.GetType("OrgType").ShouldBeOfType<EnumType>().Values.Select(v => v.Name).ShouldBe(["LOCAL_AUTHORITY", "CHARITY"]);
        schema.GetType("Filter").ShouldBeOfType<InputObjectType>().Fields["kind"]!.HasDefaultValue.ShouldBeTrue();
        schema.GetType("Date").ShouldBeOfType<ScalarType>().IsBuiltIn.ShouldBeFalse();
        schema.GetType("String").ShouldBeSameAs(BuiltInScalars.String);
        schema.GetPossibleTypes((NamedType)schema.GetType("Node")!).Select(t => t.Name).ShouldBe(["Organisation", "Service"]);
        schema.MutationType.ShouldBeNull();
    }

    [Fact]
    public void Type_map_order_matches_graphql_js()
    {
        var schema = SchemaBuilder.BuildForValidation("type Query{a:Foo b: Int} type Foo{x:String, y: Float} enum E {A}");

        // graphql-js 17.1.0: Object.keys(buildSchema(sdl).getTypeMap())
        string.Join(" ", schema.Types.Select(t => t.Name)).ShouldBe(
            "Query Int Foo String Float E Boolean __Schema __Type __TypeKind __Field __InputValue __EnumValue __Directive __DirectiveLocation");
    }
}
