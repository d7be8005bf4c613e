using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.4.3 ResolveAbstractType for interfaces and unions (graphql-js abstract-test.ts).</summary>
public sealed class AbstractTypeTests
{
    public sealed record Dog(string Name, bool Woofs);

    public sealed record Cat(string Name, bool Meows);

    public sealed record Human(string Name);

    private const string Sdl = """
        interface Pet { name: String }
        type Dog implements Pet { name: String, woofs: Boolean }
        type Cat implements Pet { name: String, meows: Boolean }
        type Human { name: String }
        union Being = Dog | Cat | Human
        type Query { pets: [Pet], beings: [Being], stranger: Pet }
        """;

    private static GraphQL.Types.Schema CreateSchema(bool bindClrTypes) => BuildSchema(Sdl, b =>
    {
        b.Resolve("Query", "pets", _ => new object[] { new Dog("Odie", true), new Cat("Garfield", false) });
        b.Resolve("Query", "beings", _ => new object[] { new Human("Jon"), new Dog("Odie", true) });
        b.Resolve("Query", "stranger", _ => new Human("Jon"));
        if (bindClrTypes)
        {
            b.BindType<Dog>("Dog").BindType<Cat>("Cat").BindType<Human>("Human");
        }
        else
        {
            b.ResolveType("Pet", v => v.GetType().Name).ResolveType("Being", v => v.GetType().Name);
        }
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Resolves_interface_and_union_members(bool bindClrTypes)
    {
        var json = await ExecuteJsonAsync(
            CreateSchema(bindClrTypes),
            "{ pets { __typename name ... on Dog { woofs } ... on Cat { meows } } beings { __typename ... on Human { name } } }");
        json.ShouldBe(Json(
            "{'data':{'pets':[{'__typename':'Dog','name':'Odie','woofs':true},{'__typename':'Cat','name':'Garfield','meows':false}]," +
            "'beings':[{'__typename':'Human','name':'Jon'},{'__typename':'Dog'}]}}"));
    }

    [Fact]
    public async Task Reports_a_runtime_type_that_is_not_a_possible_type()
    {
        var result = await ExecuteAsync(CreateSchema(bindClrTypes: false), "{ stranger { name } }");
        result.Data!["stranger"].ShouldBeNull();
        result.Errors.Single().Message.ShouldBe("Runtime Object type \"Human\" is not a possible type for \"Pet\".");
        result.Errors.Single().Path.ShouldBe(["stranger"]);
    }

    [Fact]
    public async Task Reports_a_value_whose_type_cannot_be_determined()
    {
        var schema = BuildSchema(Sdl, b => b.Resolve("Query", "stranger", _ => new object()));
        var result = await ExecuteAsync(schema, "{ stranger { name } }");
        result.Errors.Single().Message.ShouldStartWith(
            "Abstract type \"Pet\" must resolve to an Object type at runtime for field \"Query.stranger\".");
    }
}
