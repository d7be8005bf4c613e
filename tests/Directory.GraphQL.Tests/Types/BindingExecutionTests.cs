using System.Text.Json.Nodes;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>Bindings seen through the executor: CLR property resolution, abstract types from CLR types, CLR enums.</summary>
public sealed class BindingExecutionTests
{
    public enum OrgKind
    {
        LocalAuthority,
        Charity,
    }

    public sealed record Org(string Id, string DisplayName, OrgKind Kind);

    public sealed record Svc(string Id, string? Title);

    private static readonly Schema Schema = SchemaBuilder.FromSdl("""
            type Query {
              orgs(kind: OrgKind): [Org!]!
              search: [Result!]!
              row: Row
            }
            interface Node { id: ID! }
            type Org implements Node { id: ID! displayName: String! kind: OrgKind! }
            type Svc implements Node { id: ID! title: String }
            type Row { label: String count: Int }
            union Result = Org | Svc
            enum OrgKind { LOCAL_AUTHORITY CHARITY }
            """)
        .Resolve("Query", "orgs", ctx =>
        {
            Org[] all = [new("1", "Leeds City Council", OrgKind.LocalAuthority), new("2", "Refuge", OrgKind.Charity)];
            return ctx.Arguments.TryGetValue("kind", out var k) && k is OrgKind kind ? all.Where(o => o.Kind == kind).ToArray() : all;
        })
        .Resolve("Query", "search", async ctx =>
        {
            await Task.Yield();
            return new object[] { new Org("1", "Leeds City Council", OrgKind.LocalAuthority), new Svc("s1", "Helpline") };
        })
        .Resolve("Query", "row", _ => new Dictionary<string, object?> { ["label"] = "x", ["count"] = 3 })
        .BindType<Org>("Org")
        .BindType<Svc>("Svc")
        .BindDictionary("Row")
        .BindEnum<OrgKind>("OrgKind")
        .Build();

    private static async Task<JsonNode> Run(string query)
    {
        var result = await new RequestExecutor(Schema).ExecuteAsync(new GraphQLRequest(query));
        return JsonNode.Parse(result.ToJson())!;
    }

    [Fact]
    public async Task Bound_properties_and_enum_arguments_and_results_round_trip()
    {
        var json = await Run("{ orgs(kind: CHARITY) { id displayName kind } all: orgs { kind } }");

        json.ToJsonString().ShouldBe(
            """{"data":{"orgs":[{"id":"2","displayName":"Refuge","kind":"CHARITY"}],"all":[{"kind":"LOCAL_AUTHORITY"},{"kind":"CHARITY"}]}}""");
    }

    [Fact]
    public async Task Abstract_values_resolve_to_the_object_type_bound_to_their_clr_type()
    {
        var json = await Run("{ search { __typename ... on Node { id } ... on Svc { title } } row { label count } }");

        json.ToJsonString().ShouldBe(
            """{"data":{"search":[{"__typename":"Org","id":"1"},{"__typename":"Svc","id":"s1","title":"Helpline"}],"row":{"label":"x","count":3}}}""");
    }
}
