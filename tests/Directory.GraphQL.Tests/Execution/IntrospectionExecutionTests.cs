using System.Text.Json;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §4.2 meta-fields executed by the engine: <c>__schema</c>, <c>__type</c>, <c>__typename</c>.</summary>
public sealed class IntrospectionExecutionTests
{
    private static readonly GraphQL.Types.Schema Schema = BuildSchema(
        """
        "The root"
        type Query { item(id: ID!): Item, kinds: [Kind!]! }
        type Item { id: ID!, name: String @deprecated(reason: "use title") }
        enum Kind { A, B }
        """);

    [Fact]
    public async Task Type_meta_field_describes_a_type()
    {
        var json = await ExecuteJsonAsync(
            Schema,
            """{ __type(name: "Item") { kind name fields(includeDeprecated: true) { name isDeprecated deprecationReason type { kind name ofType { kind name } } } } }""");
        json.ShouldBe(Json(
            "{'data':{'__type':{'kind':'OBJECT','name':'Item','fields':[" +
            "{'name':'id','isDeprecated':false,'deprecationReason':null,'type':{'kind':'NON_NULL','name':null,'ofType':{'kind':'SCALAR','name':'ID'}}}," +
            "{'name':'name','isDeprecated':true,'deprecationReason':'use title','type':{'kind':'SCALAR','name':'String','ofType':null}}]}}}"));
    }

    [Fact]
    public async Task Type_meta_field_returns_null_for_an_unknown_type()
    {
        (await ExecuteJsonAsync(Schema, """{ __type(name: "Nope") { name } }""")).ShouldBe(Json("{'data':{'__type':null}}"));
    }

    [Fact]
    public async Task Schema_meta_field_lists_roots_types_and_directives()
    {
        var result = await ExecuteAsync(
            Schema,
            "{ __schema { description queryType { name } mutationType { name } types { name } directives { name } } }");
        result.Errors.ShouldBeEmpty();
        var schema = JsonDocument.Parse(result.ToJson()).RootElement.GetProperty("data").GetProperty("__schema");
        schema.GetProperty("queryType").GetProperty("name").GetString().ShouldBe("Query");
        schema.GetProperty("mutationType").ValueKind.ShouldBe(JsonValueKind.Null);
        var types = schema.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        types.ShouldContain("Item");
        types.ShouldContain("__Schema");
        schema.GetProperty("directives").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldContain("include");
    }

    [Fact]
    public async Task Enum_values_introspect_in_declaration_order()
    {
        (await ExecuteJsonAsync(Schema, """{ __type(name: "Kind") { enumValues { name } } }"""))
            .ShouldBe(Json("{'data':{'__type':{'enumValues':[{'name':'A'},{'name':'B'}]}}}"));
    }
}
