using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// Spec §4 introspection: the __ types are ordinary object types with built-in resolvers in every schema, and the
/// meta-fields are available where graphql-js's getFieldDef allows them. Resolvers are called as the executor would.
/// </summary>
public sealed class IntrospectionTypesTests
{
    private static readonly Schema Schema = SchemaBuilder.BuildForValidation("""
        "Directory"
        schema { query: Root }
        type Root {
          org(id: ID!, legacy: Int @deprecated(reason: "gone")): Org
          old: String @deprecated
          search: [Result]
        }
        interface Node { id: ID! }
        type Org implements Node { id: ID! }
        union Result = Org
        enum Kind { A B @deprecated(reason: "use A") }
        input Filter @oneOf { a: Int b: String @deprecated }
        input Paging { first: Int = 10 filter: Filter = { a: 1 } }
        scalar Date @specifiedBy(url: "https://example.com/date")
        directive @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT
        """);

    private static object? Resolve(ObjectType type, string field, object parent, bool includeDeprecated = false)
    {
        var resolver = type.Fields[field]!.Resolver.ShouldNotBeNull();
        var task = resolver(new ResolverContext
        {
            Parent = parent,
            Arguments = new Dictionary<string, object?> { ["includeDeprecated"] = includeDeprecated },
        });
        task.IsCompletedSuccessfully.ShouldBeTrue();
        return task.Result;
    }

    private static IEnumerable<string> Names(object? list) => ((System.Collections.IEnumerable)list!).Cast<IHasName>().Select(x => x.Name);

    private static NamedType T(string name) => Schema.GetType(name)!;

    [Fact]
    public void Every_schema_contains_the_introspection_types()
    {
        foreach (var name in new[] { "__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive", "__TypeKind", "__DirectiveLocation" })
        {
            Schema.GetType(name).ShouldNotBeNull(name);
        }
        Schema.Introspection.Type.Fields.Select(f => f.Name).ShouldBe(
            ["kind", "name", "description", "specifiedByURL", "fields", "interfaces", "possibleTypes", "enumValues", "inputFields", "ofType", "isOneOf"]);
        Schema.Introspection.InputValue.Fields.Select(f => f.Name).ShouldBe(
            ["name", "description", "type", "defaultValue", "isDeprecated", "deprecationReason"]);
    }

    [Fact]
    public void Schema_fields_describe_roots_types_and_directives()
    {
        var intro = Schema.Introspection;

        Resolve(intro.Schema, "description", Schema).ShouldBe("Directory");
        Resolve(intro.Schema, "queryType", Schema).ShouldBeSameAs(T("Root"));
        Resolve(intro.Schema, "mutationType", Schema).ShouldBeNull();
        Names(Resolve(intro.Schema, "types", Schema)).ShouldContain("__Schema");
        Names(Resolve(intro.Schema, "directives", Schema)).ShouldBe(["cached", "include", "skip", "deprecated", "specifiedBy", "oneOf"]);
    }

    [Fact]
    public void Type_fields_hide_deprecated_members_unless_asked()
    {
        var type = Schema.Introspection.Type;

        Names(Resolve(type, "fields", T("Root"))).ShouldBe(["org", "search"]);
        Names(Resolve(type, "fields", T("Root"), includeDeprecated: true)).ShouldBe(["org", "old", "search"]);
        Names(Resolve(type, "enumValues", T("Kind"))).ShouldBe(["A"]);
        Names(Resolve(type, "enumValues", T("Kind"), includeDeprecated: true)).ShouldBe(["A", "B"]);
        Names(Resolve(type, "inputFields", T("Filter"))).ShouldBe(["a"]);
        Names(Resolve(type, "inputFields", T("Filter"), includeDeprecated: true)).ShouldBe(["a", "b"]);
        Names(Resolve(Schema.Introspection.Field, "args", ((ObjectType)T("Root")).Fields["org"]!)).ShouldBe(["id"]);
        Names(Resolve(Schema.Introspection.Field, "args", ((ObjectType)T("Root")).Fields["org"]!, includeDeprecated: true)).ShouldBe(["id", "legacy"]);
        Resolve(type, "fields", T("Kind")).ShouldBeNull();
        Resolve(type, "enumValues", T("Root")).ShouldBeNull();
    }

    [Fact]
    public void Type_fields_describe_kinds_wrappers_and_abstract_types()
    {
        var type = Schema.Introspection.Type;
        var orgField = ((ObjectType)T("Root")).Fields["org"]!;
        var idType = orgField.Arguments["id"]!.Type;

        Schema.Introspection.TypeKind.Serialize(Resolve(type, "kind", idType)!).ShouldBe("NON_NULL");
        Schema.Introspection.TypeKind.Serialize(Resolve(type, "kind", T("Filter"))!).ShouldBe("INPUT_OBJECT");
        Resolve(type, "ofType", idType).ShouldBeSameAs(BuiltInScalars.ID);
        Resolve(type, "name", idType).ShouldBeNull();
        Names(Resolve(type, "possibleTypes", T("Node"))).ShouldBe(["Org"]);
        Names(Resolve(type, "possibleTypes", T("Result"))).ShouldBe(["Org"]);
        Resolve(type, "possibleTypes", T("Org")).ShouldBeNull();
        Names(Resolve(type, "interfaces", T("Org"))).ShouldBe(["Node"]);
        Resolve(type, "interfaces", T("Kind")).ShouldBeNull();
        Resolve(type, "specifiedByURL", T("Date")).ShouldBe("https://example.com/date");
        Resolve(type, "isOneOf", T("Filter")).ShouldBe(true);
        Resolve(type, "isOneOf", T("Paging")).ShouldBe(false);
        Resolve(type, "isOneOf", T("Org")).ShouldBeNull();
    }

    [Fact]
    public void Input_values_print_default_values_and_report_deprecation()
    {
        var inputValue = Schema.Introspection.InputValue;
        var paging = (InputObjectType)T("Paging");

        Resolve(inputValue, "defaultValue", paging.Fields["first"]!).ShouldBe("10");
        Resolve(inputValue, "defaultValue", paging.Fields["filter"]!).ShouldBe("{ a: 1 }");
        var legacy = ((ObjectType)T("Root")).Fields["org"]!.Arguments["legacy"]!;
        Resolve(inputValue, "isDeprecated", legacy).ShouldBe(true);
        Resolve(inputValue, "deprecationReason", legacy).ShouldBe("gone");
    }

    [Fact]
    public void Directives_report_locations_repeatability_and_arguments()
    {
        var directive = Schema.Introspection.Directive;
        var cached = Schema.GetDirective("cached")!;

        Resolve(directive, "isRepeatable", cached).ShouldBe(true);
        ((IEnumerable<DirectiveLocation>)Resolve(directive, "locations", cached)!)
            .Select(l => Schema.Introspection.DirectiveLocation.Serialize(l)).ShouldBe(["FIELD_DEFINITION", "OBJECT"]);
        Names(Resolve(directive, "args", cached)).ShouldBe(["ttl"]);
    }

    [Fact]
    public async Task Meta_fields_are_available_where_graphql_js_allows_them()
    {
        Schema.GetFieldDefinition(T("Root"), "__schema").ShouldBeSameAs(Schema.SchemaMetaField);
        Schema.GetFieldDefinition(T("Root"), "__type").ShouldBeSameAs(Schema.TypeMetaField);
        Schema.GetFieldDefinition(T("Org"), "__schema").ShouldBeNull();
        Schema.GetFieldDefinition(T("Result"), "__typename").ShouldBeSameAs(Schema.TypeNameMetaField);
        Schema.GetFieldDefinition(T("Kind"), "__typename").ShouldBeNull();
        Schema.GetFieldDefinition(T("Org"), "id").ShouldBe(((ObjectType)T("Org")).Fields["id"]);
        Schema.TypeMetaField.Arguments["name"]!.Type.ToString().ShouldBe("String!");

        (await Schema.SchemaMetaField.Resolver!(new ResolverContext())).ShouldBeSameAs(Schema);
        (await Schema.TypeMetaField.Resolver!(new ResolverContext { Arguments = new Dictionary<string, object?> { ["name"] = "Org" } }))
            .ShouldBeSameAs(T("Org"));
        (await Schema.TypeMetaField.Resolver!(new ResolverContext { Arguments = new Dictionary<string, object?> { ["name"] = "Nope" } }))
            .ShouldBeNull();
    }

    [Fact]
    public void Introspection_types_are_pre_bound_so_resolver_checks_ignore_them()
    {
        var schema = SchemaBuilder.FromSdl("type Query { a: Int }").Resolve("Query", "a", _ => 1).Build();

        schema.Introspection.Schema.Fields.ShouldAllBe(f => f.Resolver != null);
        schema.Introspection.Type.Fields.ShouldAllBe(f => f.Resolver != null);
    }
}
