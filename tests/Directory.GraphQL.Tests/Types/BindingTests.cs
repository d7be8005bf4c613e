using System.Text.Json;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>How C# code attaches to a schema: resolvers, CLR types, dictionaries, abstract type resolution, enums.</summary>
public sealed class BindingTests
{
    private const string Sdl = """
        type Query {
          organisation(id: ID!): Organisation
          organisations: [Organisation!]!
          search(term: String!): [SearchResult!]!
          count: Int!
        }
        interface Node { id: ID! }
        type Organisation implements Node { id: ID! displayName: String! kind: OrgType! }
        type Service implements Node { id: ID! title: String }
        union SearchResult = Organisation | Service
        enum OrgType { LOCAL_AUTHORITY POLICE_AND_CRIME_COMMISSIONER CHARITY }
        """;

    public enum OrgKind
    {
        LocalAuthority,
        PoliceAndCrimeCommissioner,
        Charity,
    }

    public class Organisation
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public OrgKind Kind { get; init; }
    }

    public sealed class RegisteredCharity : Organisation;

    public sealed record Service(string Id, string? Title);

    private static ValueTask<object?> Run(FieldResolver resolver, object? parent = null, Dictionary<string, object?>? args = null, CancellationToken token = default) =>
        resolver(new ResolverContext { Parent = parent, Arguments = args ?? [], CancellationToken = token });

    private static SchemaBuilder Complete() => SchemaBuilder.FromSdl(Sdl)
        .Resolve("Query", "organisation", ctx => new Organisation { Id = (string)ctx.Arguments["id"]! })
        .Resolve("Query", "organisations", async ctx =>
        {
            await Task.Yield();
            return (IReadOnlyList<Organisation>)[new Organisation { Id = "1" }];
        })
        .Resolve("Query", "search", ctx => new ValueTask<IReadOnlyList<object>>([new Service("s1", null)]))
        .Resolve("Query", "count", _ => 2)
        .BindType<Organisation>("Organisation")
        .BindType<Service>("Service")
        .BindEnum<OrgKind>("OrgType");

    [Fact]
    public void Build_names_every_missing_resolver_and_unknown_binding_at_once()
    {
        var builder = SchemaBuilder.FromSdl(Sdl)
            .Resolve("Query", "organisation", _ => null)
            .Resolve("Query", "organisations", _ => Array.Empty<object>())
            .BindType<Organisation>("Organisation")
            .BindType<Service>("Servise");

        var error = Should.Throw<SchemaValidationException>(() => builder.Build());

        error.Errors.Select(e => e.Message).ShouldBe(
        [
            "BindType<Service> names \"Servise\", but the schema has no type \"Servise\".",
            "Field \"Query.search\" has no resolver: give one with Resolve(\"Query\", \"search\", …) or bind a CLR type with BindType.",
            "Field \"Query.count\" has no resolver: give one with Resolve(\"Query\", \"count\", …) or bind a CLR type with BindType.",
            "Field \"Service.id\" has no resolver: give one with Resolve(\"Service\", \"id\", …) or bind a CLR type with BindType.",
            "Field \"Service.title\" has no resolver: give one with Resolve(\"Service\", \"title\", …) or bind a CLR type with BindType.",
        ]);
        error.Message.ShouldContain("Query.search");
        error.Message.ShouldContain("Query.count");
        error.Message.ShouldContain("Servise");
    }

    [Fact]
    public void Build_reports_bindings_to_missing_fields_and_types_and_properties_the_clr_type_lacks()
    {
        var builder = Complete()
            .Resolve("Query", "nope", _ => null)
            .Resolve("Missing", "x", _ => null)
            .ResolveType("Organisation", _ => null)
            .Scalar("Date", serialize: v => v)
            .BindEnum<OrgKind>("Kind")
            .BindType<Service>("Organisation");

        var error = Should.Throw<SchemaValidationException>(() => builder.Build());

        error.Errors.Select(e => e.Message).ShouldBe(
        [
            "Scalar hooks given for \"Date\", but the schema has no custom scalar \"Date\".",
            "BindEnum<OrgKind> names \"Kind\", but the schema has no enum type \"Kind\".",
            "Resolver given for \"Query.nope\", but type \"Query\" has no field \"nope\".",
            "Resolver given for \"Missing.x\", but the schema has no type \"Missing\".",
            "ResolveType given for \"Organisation\", but the schema has no interface or union \"Organisation\".",
            "Field \"Organisation.displayName\" has no resolver, and CLR type Service bound to \"Organisation\" has no readable property \"DisplayName\".",
            "Field \"Organisation.kind\" has no resolver, and CLR type Service bound to \"Organisation\" has no readable property \"Kind\".",
        ]);
    }

    [Fact]
    public void Enum_values_without_a_clr_member_are_build_errors()
    {
        var builder = SchemaBuilder.FromSdl("type Query { k: K } enum K { LOCAL_AUTHORITY PARISH }").Resolve("Query", "k", _ => null).BindEnum<OrgKind>("K");

        Should.Throw<SchemaValidationException>(() => builder.Build()).Message
            .ShouldBe("Enum value \"K.PARISH\" has no member in CLR enum OrgKind (expected one named like \"PARISH\" in PascalCase).");
    }

    [Fact]
    public void Validation_only_builds_need_no_resolvers()
    {
        var schema = SchemaBuilder.FromSdl(Sdl).Build(new BuildOptions { RequireResolvers = false });

        schema.QueryType!.Fields["organisation"]!.Resolver.ShouldBeNull();
        SchemaBuilder.BuildForValidation(Sdl).GetType("Organisation").ShouldNotBeNull();
    }

    [Fact]
    public async Task Sync_task_and_value_task_resolvers_all_produce_values()
    {
        var schema = Complete().Build();
        var query = schema.QueryType!;

        var org = await Run(query.Fields["organisation"]!.Resolver!, args: new() { ["id"] = "42" });
        org.ShouldBeOfType<Organisation>().Id.ShouldBe("42");
        (await Run(query.Fields["organisations"]!.Resolver!)).ShouldBeAssignableTo<IReadOnlyList<Organisation>>()!.Single().Id.ShouldBe("1");
        (await Run(query.Fields["search"]!.Resolver!)).ShouldBeAssignableTo<IReadOnlyList<object>>()!.Single().ShouldBeOfType<Service>();
        (await Run(query.Fields["count"]!.Resolver!)).ShouldBe(2);
    }

    [Fact]
    public void Synchronous_resolvers_complete_inline()
    {
        var schema = Complete().Build();

        Run(schema.QueryType!.Fields["count"]!.Resolver!).IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task Resolvers_see_the_cancellation_token()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        var schema = SchemaBuilder.FromSdl("type Query { slow: Int }")
            .Resolve("Query", "slow", async ctx =>
            {
                seen = ctx.CancellationToken;
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return 1;
            })
            .Build();

        var pending = Run(schema.QueryType!.Fields["slow"]!.Resolver!, token: cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<TaskCanceledException>(async () => await pending);
        seen.ShouldBe(cts.Token);
    }

    [Fact]
    public async Task Bound_clr_types_resolve_fields_from_properties_named_in_pascal_case()
    {
        var schema = Complete().Build();
        var field = ((ObjectType)schema.GetType("Organisation")!).Fields["displayName"]!;
        var org = new Organisation { Id = "7", DisplayName = "Leeds City Council" };

        (await Run(field.Resolver!, org)).ShouldBe("Leeds City Council");
        field.PropertyGetter!(org).ShouldBe("Leeds City Council");
        ((ObjectType)schema.GetType("Service")!).Fields["title"]!.PropertyGetter!(new Service("s", "Refuge")).ShouldBe("Refuge");
        // A subclass of the bound type reads the same properties.
        field.PropertyGetter!(new RegisteredCharity { DisplayName = "Refuge" }).ShouldBe("Refuge");
    }

    [Fact]
    public async Task Dictionary_parents_are_read_by_field_name_when_opted_in()
    {
        var schema = SchemaBuilder.FromSdl("type Query { row: Row } type Row { id: ID! label: String }")
            .Resolve("Query", "row", _ => new Dictionary<string, object?> { ["id"] = "1" })
            .BindDictionary("Row")
            .Build();
        var row = (ObjectType)schema.GetType("Row")!;

        (await Run(row.Fields["id"]!.Resolver!, new Dictionary<string, object?> { ["id"] = "1" })).ShouldBe("1");
        (await Run(row.Fields["label"]!.Resolver!, (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>())).ShouldBeNull();
    }

    [Fact]
    public void Abstract_types_resolve_from_the_bound_clr_type_of_a_value()
    {
        var schema = Complete().Build();
        var node = (InterfaceType)schema.GetType("Node")!;
        var result = (UnionType)schema.GetType("SearchResult")!;

        node.ResolveTypeName(new Organisation()).ShouldBe("Organisation");
        node.ResolveTypeName(new RegisteredCharity()).ShouldBe("Organisation");
        result.ResolveTypeName(new Service("1", null)).ShouldBe("Service");
        result.ResolveTypeName(new Dictionary<string, object?> { ["__typename"] = "Service" }).ShouldBe("Service");
        result.ResolveTypeName("not bound").ShouldBeNull();
    }

    [Fact]
    public void An_explicit_resolve_type_hook_wins_and_falls_back_to_bindings_when_it_returns_null()
    {
        var schema = Complete()
            .ResolveType("SearchResult", value => value is string s ? s : null)
            .Build();
        var result = (UnionType)schema.GetType("SearchResult")!;

        result.ResolveTypeName("Service").ShouldBe("Service");
        result.ResolveTypeName(new Organisation()).ShouldBe("Organisation");
    }

    [Fact]
    public void Bound_enums_coerce_to_and_from_clr_members()
    {
        var schema = Complete().Build();
        var orgType = (EnumType)schema.GetType("OrgType")!;

        orgType.ClrType.ShouldBe(typeof(OrgKind));
        orgType.ParseLiteral(new EnumValueNode("LOCAL_AUTHORITY")).ShouldBe(OrgKind.LocalAuthority);
        orgType.ParseValue("POLICE_AND_CRIME_COMMISSIONER").ShouldBe(OrgKind.PoliceAndCrimeCommissioner);
        using var json = JsonDocument.Parse("\"CHARITY\"");
        orgType.ParseValue(json.RootElement).ShouldBe(OrgKind.Charity);
        orgType.Serialize(OrgKind.PoliceAndCrimeCommissioner).ShouldBe("POLICE_AND_CRIME_COMMISSIONER");
        orgType.Serialize("CHARITY").ShouldBe("CHARITY");
    }

    [Fact]
    public void Unbound_enums_use_names_as_values_and_still_serialize_clr_members_by_convention()
    {
        var orgType = (EnumType)SchemaBuilder.BuildForValidation(Sdl).GetType("OrgType")!;

        orgType.ParseLiteral(new EnumValueNode("CHARITY")).ShouldBe("CHARITY");
        orgType.Serialize("LOCAL_AUTHORITY").ShouldBe("LOCAL_AUTHORITY");
        orgType.Serialize(OrgKind.LocalAuthority).ShouldBe("LOCAL_AUTHORITY");
    }

    [Theory]
    [InlineData("LocalAuthority", "LOCAL_AUTHORITY")]
    [InlineData("ICBArea", "ICB_AREA")]
    [InlineData("Tier2", "TIER2")]
    [InlineData("NonNull", "NON_NULL")]
    [InlineData("A", "A")]
    public void Clr_enum_names_map_to_screaming_snake_case(string clr, string graphql)
    {
        NameConventions.ToEnumValueName(clr).ShouldBe(graphql);
    }
}
