using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// A request whose resolvers all return completed values runs its cached plan inline, without the scheduler's loop
/// or tasks (issue 18 §7). It must answer byte for byte what the loop answers when the same resolvers complete later.
/// </summary>
public sealed class SynchronousCompletionTests
{
    public sealed record Dog(string Name, int Age, bool Woofs);

    public sealed record Cat(string Name, int Age);

    private const string Sdl = """
        interface Pet { name: String!, age: Int }
        type Dog implements Pet { name: String!, age: Int, woofs: Boolean, owner: String! }
        type Cat implements Pet { name: String!, age: Int, mood: String }
        union Animal = Dog | Cat
        type Query {
          pets(first: Int): [Pet!]
          animals: [Animal]
          pet(name: String!): Pet
          failing: String
          count: Int!
          strict: String!
        }
        """;

    private static readonly object[] Pets = [new Dog("Odie", 3, true), new Cat("Garfield", 5), new Dog("Rex", 7, false)];

    /// <summary>The same resolvers, completing either at once or only after a yield to the scheduler.</summary>
    private static GraphQL.Types.Schema CreateSchema(bool later) => BuildSchema(Sdl, b =>
    {
        Resolve(b, later, "Query", "pets", c => c.GetArgument<int?>("first") is { } first ? Pets.Take(first).ToList() : Pets);
        Resolve(b, later, "Query", "animals", _ => Pets.Append(null).ToList());
        Resolve(b, later, "Query", "pet", c => Pets.FirstOrDefault(p => p is Dog d ? d.Name == c.GetArgument<string>("name") : ((Cat)p).Name == c.GetArgument<string>("name")));
        Resolve(b, later, "Query", "failing", _ => throw new InvalidOperationException("Failing on purpose."));
        Resolve(b, later, "Query", "count", _ => Pets.Length);
        Resolve(b, later, "Query", "strict", _ => throw new InvalidOperationException("Strictly failing."));
        Resolve(b, later, "Dog", "owner", c => ((Dog)c.Parent!).Name == "Rex" ? null : "Jon");
        Resolve(b, later, "Cat", "mood", _ => throw new InvalidOperationException("Cats keep their moods to themselves."));
        b.BindType<Dog>("Dog").BindType<Cat>("Cat");
    });

    public static TheoryData<string, string?> Documents => new()
    {
        // Aliases, abstract types, fragments, a non-null error bubbling to a list item and a nullable error.
        { "{ first: pets(first: 2) { __typename name ... on Dog { woofs owner } ... on Cat { mood } } count }", null },
        { "{ pets { name ... on Dog { owner } } failing }", null },
        { "{ animals { __typename ... on Dog { name age } ... on Cat { years: age } } }", null },
        // Variables: in arguments and in @skip/@include.
        { "query Q($name: String!, $withAge: Boolean!) { pet(name: $name) { name age @include(if: $withAge) } }", """{"name":"Garfield","withAge":true}""" },
        { "query Q($name: String!, $withAge: Boolean!) { pet(name: $name) { name age @include(if: $withAge) } }", """{"name":"Odie","withAge":false}""" },
        // A non-null root field's error nulls the whole data.
        { "{ count pets { name } strict }", null },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_warm_request_answers_the_same_bytes_as_one_whose_resolvers_complete_later(string query, string? variables)
    {
        var now = Executor(CreateSchema(later: false));
        var later = Executor(CreateSchema(later: true));
        var expected = await later.ExecuteAsync(Request(query, variables));
        expected.HasData.ShouldBeTrue();

        var cold = await now.ExecuteAsync(Request(query, variables));
        var warm = now.ExecuteAsync(Request(query, variables));

        // The cached plan ran inline: the task is complete when ExecuteAsync returns.
        warm.IsCompletedSuccessfully.ShouldBeTrue();
        cold.ToJson().ShouldBe((await warm).ToJson());
        // Errors are listed in the order they happen, which differs when resolvers complete later; all else is the same.
        Comparable(cold).ShouldBe(Comparable(expected));
    }

    private static string Comparable(ExecutionResult result) =>
        string.Join("\n", result.Errors.Select(e => ExecutionResult.RequestError(e).ToJson()).Order(StringComparer.Ordinal))
        + "\n" + System.Text.Json.JsonSerializer.Serialize(result.Data);

    [Fact]
    public async Task Errors_keep_their_paths_and_locations_on_the_inline_path()
    {
        var executor = Executor(CreateSchema(later: false));
        await executor.ExecuteAsync(Request("{ pets { name ... on Dog { owner } } failing }"));

        var result = await executor.ExecuteAsync(Request("{ pets { name ... on Dog { owner } } failing }"));

        result.ToJson().ShouldBe(Json(
            "{'errors':[" +
            "{'message':'Cannot return null for non-nullable field Dog.owner.','locations':[{'line':1,'column':28}],'path':['pets',2,'owner']}," +
            "{'message':'Failing on purpose.','locations':[{'line':1,'column':38}],'path':['failing'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}]," +
            "'data':{'pets':null,'failing':null}}"));
    }

    [Fact]
    public async Task Operations_and_include_masks_of_one_document_each_get_their_own_plan()
    {
        var executor = Executor(CreateSchema(later: false));
        const string query = "query A($all: Boolean!) { count pets(first: 1) @include(if: $all) { name } } query B { failing }";
        for (var round = 0; round < 2; round++)
        {
            (await executor.ExecuteAsync(Request(query, """{"all":true}""", "A"))).ToJson()
                .ShouldBe(Json("{'data':{'count':3,'pets':[{'name':'Odie'}]}}"));
            (await executor.ExecuteAsync(Request(query, """{"all":false}""", "A"))).ToJson()
                .ShouldBe(Json("{'data':{'count':3}}"));
            (await executor.ExecuteAsync(Request(query, operationName: "B"))).Data!["failing"].ShouldBeNull();
        }
        executor.CachedPlanCount.ShouldBe(3);
    }

    [Fact]
    public async Task A_warm_request_of_a_synchronous_list_allocates_only_its_results_per_item()
    {
        var items = Enumerable.Range(0, 2000).Select(i => new Cat("Cat " + i, i)).ToList();
        var schema = BuildSchema("type Cat { name: String!, age: Int } type Query { cats(first: Int!): [Cat!]! }", b =>
        {
            b.Resolve("Query", "cats", c => items.GetRange(0, c.GetArgument<int>("first")));
            b.BindType<Cat>("Cat");
        });
        var executor = Executor(schema);
        long AllocatedFor(int first) =>
            WarmRequestAllocation(executor, Request("query Q($n: Int!) { cats(first: $n) { name age } }", "{\"n\":" + first + "}"));

        var perItem = (AllocatedFor(2000) - AllocatedFor(1000)) / 1000.0;

        // Per item: the item's result object and its slots (two values, the age boxed), the getRange list's slot;
        // no resolver context, task or closure per field.
        perItem.ShouldBeLessThan(160);
        // And the request itself, a one-field query, stays small.
        (AllocatedFor(1) - perItem).ShouldBeLessThan(2048);
    }
}
