using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// What a cached plan compiles once and a warm request then reuses (issue 18 §7): arguments that read variables as
/// variable lookups, abstract types' sub-plans per resolved type name, one resolver context per request for resolvers
/// that complete synchronously. A warm request must answer byte for byte what the first (cold) request of the same
/// document answers, and what the same resolvers answer when they complete later.
/// </summary>
public sealed class CompiledPlanTests
{
    public sealed record Dog(string Name, int Age, string? Owner);

    public sealed record Cat(string Name, int Age);

    /// <summary>A value whose type resolver answers with a name the schema lacks (or that is not in the union).</summary>
    public sealed record Ghost(string TypeName);

    private const string Sdl = """
        interface Pet { name: String!, age: Int }
        type Dog implements Pet { name: String!, age: Int, owner: String!, tag: Tag }
        type Cat implements Pet { name: String!, age: Int, mood: String }
        type Tag { label: String!, note: String }
        type Plain { x: Int }
        union Animal = Dog | Cat
        input Filter { kind: String, ages: [Int!], min: Int = 0 }
        type Query {
          pets(first: Int, kind: String = "any"): [Pet!]
          animals(withGhosts: Boolean = false): [Animal]
          pet(name: String!): Pet
          echo(text: String!, count: Int = 5, filter: Filter, list: [String]): String
          strict: String!
        }
        """;

    private static readonly object[] Pets = [new Dog("Odie", 3, "Jon"), new Cat("Garfield", 5), new Dog("Rex", 7, null), new Cat("Nermal", 1)];

    private static GraphQL.Types.Schema CreateSchema(bool later) => BuildSchema(Sdl, b =>
    {
        Resolve(b, later, "Query", "pets", c => c.GetArgument<int?>("first") is { } first ? Pets.Take(first).ToList() : Pets);
        Resolve(b, later, "Query", "animals", c => c.GetArgument<bool>("withGhosts")
            ? [Pets[0], new Ghost("Unicorn"), Pets[1], new Ghost("Plain"), Pets[2]]
            : Pets.Append(null).ToList());
        Resolve(b, later, "Query", "pet", c => Array.Find(Pets, p => (p as Dog)?.Name == c.GetArgument<string>("name") || (p as Cat)?.Name == c.GetArgument<string>("name")));
        // The arguments as the resolver sees them, in the map's order, so their coercion shows in the response.
        Resolve(b, later, "Query", "echo", c => string.Join(";", c.Arguments.Select(a => a.Key + "=" + Show(a.Value))));
        Resolve(b, later, "Query", "strict", _ => throw new InvalidOperationException("Strictly failing."));
        Resolve(b, later, "Dog", "owner", c => ((Dog)c.Parent!).Owner);
        Resolve(b, later, "Dog", "tag", c => ((Dog)c.Parent!).Owner is null ? null : new Dictionary<string, object?> { ["label"] = ((Dog)c.Parent!).Name, ["note"] = null });
        Resolve(b, later, "Cat", "mood", c => ((Cat)c.Parent!).Age > 2 ? throw new InvalidOperationException("Cats keep their moods to themselves.") : "calm");
        b.BindType<Dog>("Dog").BindType<Cat>("Cat").BindDictionary("Tag");
        b.ResolveType("Animal", v => v is Ghost g ? g.TypeName : null);
    });

    private static string Show(object? value) => value switch
    {
        null => "null",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.Select(e => e.Key + ":" + Show(e.Value))) + "}",
        System.Collections.IEnumerable list and not string => "[" + string.Join(",", list.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    // Documents validation would reject still execute (a schema changed under a persisted query): the argument errors
    // of such documents are raised at execution, from the compiled arguments.
    private static readonly ExecutorOptions Unvalidated = new() { ExposeExceptionMessages = true, Validate = (_, _) => [] };

    public static TheoryData<string, string?, string> Documents => new()
    {
        // Aliases, an interface's fragments, a null in a non-null field after part of its object was written
        // (the Dog "Rex" and its owner), an error in a nullable field, and a list of non-null items.
        {
            "{ a: pets(first: 2) { __typename name ... on Dog { years: age tag { label note } } ... on Cat { mood } } b: pets { name ... on Dog { owner } } }",
            null,
            "{'errors':[{'message':'Cats keep their moods to themselves.','locations':[{'line':1,'column':97}],'path':['a',1,'mood'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}},"
            + "{'message':'Cannot return null for non-nullable field Dog.owner.','locations':[{'line':1,'column':134}],'path':['b',2,'owner']}],"
            + "'data':{'a':[{'__typename':'Dog','name':'Odie','years':3,'tag':{'label':'Odie','note':null}},{'__typename':'Cat','name':'Garfield','mood':null}],'b':null}}"
        },
        // A union with a null item, resolved to both of its types, the same fields aliased differently per type.
        {
            "{ animals { __typename ... on Dog { name owner } ... on Cat { n: name age } } }",
            null,
            "{'errors':[{'message':'Cannot return null for non-nullable field Dog.owner.','locations':[{'line':1,'column':42}],'path':['animals',2,'owner']}],"
            + "'data':{'animals':[{'__typename':'Dog','name':'Odie','owner':'Jon'},{'__typename':'Cat','n':'Garfield','age':5},null,{'__typename':'Cat','n':'Nermal','age':1},null]}}"
        },
        // Variables: as an argument, inside an input object and a list literal, omitted (the argument's default) and
        // beside literals; @include reading one.
        {
            "query Q($t: String!, $k: String, $n: Int, $m: Int!, $all: Boolean!) { echo(text: $t, count: $n, filter: { kind: $k, ages: [1, $m], min: 2 }, list: [\"x\", $k]) pets(kind: $k) @include(if: $all) { name } }",
            "{'t':'hi','k':'dog','m':4,'all':true}",
            "{'data':{'echo':'text=hi;count=5;filter={kind:dog,ages:[1,4],min:2};list=[x,dog]','pets':[{'name':'Odie'},{'name':'Garfield'},{'name':'Rex'},{'name':'Nermal'}]}}"
        },
        {
            "query Q($t: String!, $k: String, $n: Int) { echo(text: $t, count: $n, filter: { kind: $k }) }",
            "{'t':'again','k':null,'n':null}",
            "{'data':{'echo':'text=again;count=null;filter={kind:null,min:0}'}}"
        },
        // A non-null root field's error nulls the whole data, after other root fields were written.
        {
            "query Q($name: String!) { pet(name: $name) { name } strict }",
            "{'name':'Rex'}",
            "{'errors':[{'message':'Strictly failing.','locations':[{'line':1,'column':53}],'path':['strict'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],'data':null}"
        },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_warm_request_answers_the_bytes_of_the_cold_one(string query, string? variables, string expected)
    {
        var executor = Executor(CreateSchema(later: false));
        var request = Request(query, variables?.Replace('\'', '"'));

        var cold = (await executor.ExecuteAsync(request)).ToJson();
        var warm = (await executor.ExecuteAsync(request)).ToJson();
        var again = (await executor.ExecuteAsync(request)).ToJson();

        cold.ShouldBe(Json(expected));
        warm.ShouldBe(cold);
        again.ShouldBe(cold);
        executor.CachedPlanCount.ShouldBe(1);
        // The same resolvers completing later (each on its own continuation) give the same response.
        (await Executor(CreateSchema(later: true)).ExecuteAsync(request)).ToJson().ShouldBe(cold);
    }

    public static TheoryData<string, string, string> ArgumentErrors => new()
    {
        // A variable the request left out, for a non-null argument without default.
        {
            "query Q($t: String) { echo(text: $t) }",
            "{}",
            "{'errors':[{'message':'Argument \\u0022text\\u0022 of required type \\u0022String!\\u0022 was provided the variable \\u0022$t\\u0022 which was not provided a runtime value.','locations':[{'line':1,'column':34}],'path':['echo'],'extensions':{'code':'BAD_USER_INPUT'}}],'data':{'echo':null}}"
        },
        // A null variable for a non-null argument.
        {
            "query Q($t: String) { echo(text: $t) }",
            "{'t':null}",
            "{'errors':[{'message':'Argument \\u0022text\\u0022 of non-null type \\u0022String!\\u0022 must not be null.','locations':[{'line':1,'column':34}],'path':['echo'],'extensions':{'code':'BAD_USER_INPUT'}}],'data':{'echo':null}}"
        },
        // A valid variable before an invalid literal: the literal's error, coerced at plan time, is the one reported.
        {
            "query Q($t: String!) { echo(text: $t, count: \"five\") }",
            "{'t':'x'}",
            "{'errors':[{'message':'Argument \\u0022count\\u0022 has invalid value \\u0022five\\u0022.','locations':[{'line':1,'column':46}],'path':['echo'],'extensions':{'code':'BAD_USER_INPUT'}}],'data':{'echo':null}}"
        },
        // A missing variable before an invalid literal: arguments fail in definition order, so the variable's error.
        {
            "query Q($t: String) { echo(count: \"five\", text: $t) }",
            "{}",
            "{'errors':[{'message':'Argument \\u0022text\\u0022 of required type \\u0022String!\\u0022 was provided the variable \\u0022$t\\u0022 which was not provided a runtime value.','locations':[{'line':1,'column':49}],'path':['echo'],'extensions':{'code':'BAD_USER_INPUT'}}],'data':{'echo':null}}"
        },
    };

    [Theory]
    [MemberData(nameof(ArgumentErrors))]
    public async Task Argument_errors_are_the_same_on_every_request_of_a_cached_plan(string query, string variables, string expected)
    {
        var executor = Executor(CreateSchema(later: false), Unvalidated);
        var request = Request(query, variables.Replace('\'', '"'));

        for (var round = 0; round < 3; round++)
        {
            (await executor.ExecuteAsync(request)).ToJson().ShouldBe(Json(expected));
        }
    }

    [Fact]
    public async Task A_type_name_the_schema_lacks_or_the_union_excludes_fails_on_every_request()
    {
        // The sub-plan of each resolved name is remembered per field; names that failed are not, so each request
        // reports them again, between items of types that resolved.
        var executor = Executor(CreateSchema(later: false));
        var request = Request("{ animals(withGhosts: true) { ... on Dog { name } ... on Cat { age } } }");
        var expected = Json(
            "{'errors':[" +
            "{'message':'Abstract type \\u0022Animal\\u0022 was resolved to a type \\u0022Unicorn\\u0022 that does not exist inside the schema.','locations':[{'line':1,'column':3}],'path':['animals',1]}," +
            "{'message':'Runtime Object type \\u0022Plain\\u0022 is not a possible type for \\u0022Animal\\u0022.','locations':[{'line':1,'column':3}],'path':['animals',3]}]," +
            "'data':{'animals':[{'name':'Odie'},null,{'age':5},null,{'name':'Rex'}]}}");

        for (var round = 0; round < 3; round++)
        {
            (await executor.ExecuteAsync(request)).ToJson().ShouldBe(expected);
        }
    }

    [Fact]
    public async Task A_resolver_that_completed_synchronously_sees_only_its_own_call_in_a_reused_context()
    {
        // Each call records what its context says; with one context reused across the request's calls, every
        // recording must still be that call's own parent, arguments, field and path.
        var seen = new List<string>();
        var schema = BuildSchema("type Item { id: Int!, label(prefix: String): String } type Query { items(n: Int!): [Item!]! }", b =>
        {
            b.Resolve("Query", "items", c => Enumerable.Range(1, c.GetArgument<int>("n")).ToList());
            b.Resolve("Item", "id", c => (int)c.Parent!);
            b.Resolve("Item", "label", c =>
            {
                var text = c.GetArgument<string>("prefix") + c.Parent + "@" + string.Join("/", c.Path!.ToList()) + ":" + c.Field!.Name;
                seen.Add(text);
                return text;
            });
        });
        var executor = Executor(schema);
        var request = Request("query Q($p: String) { items(n: 3) { id label(prefix: $p) } }", """{"p":"#"}""");

        var cold = (await executor.ExecuteAsync(request)).ToJson();
        var warm = (await executor.ExecuteAsync(request)).ToJson();

        warm.ShouldBe(cold);
        cold.ShouldBe(Json("{'data':{'items':[{'id':1,'label':'#1@items/0/label:label'},{'id':2,'label':'#2@items/1/label:label'},{'id':3,'label':'#3@items/2/label:label'}]}}"));
        seen.Count.ShouldBe(6);
    }

    [Fact]
    public void A_warm_request_makes_no_resolver_context_per_synchronous_resolver_call()
    {
        var items = Enumerable.Range(0, 2000).Select(i => new Cat("Cat " + i, i)).ToList();
        var schema = BuildSchema("type Cat { name: String!, age: Int } type Query { cats(first: Int!): [Cat!]! }", b =>
        {
            b.Resolve("Query", "cats", c => items.GetRange(0, c.GetArgument<int>("first")));
            // Resolvers, not property bindings: each is called with a context.
            b.Resolve("Cat", "name", c => ((Cat)c.Parent!).Name);
            b.Resolve("Cat", "age", c => ((Cat)c.Parent!).Age);
        });
        var executor = Executor(schema);
        long AllocatedFor(int first) =>
            WarmRequestAllocation(executor, Request("query Q($n: Int!) { cats(first: $n) { name age } }", "{\"n\":" + first + "}"));

        var perItem = (AllocatedFor(2000) - AllocatedFor(1000)) / 1000.0;

        // Per item: its result object and slots (two values, the age boxed) and the list's slot, as for property
        // bindings; a context per call (two per item) would add well over a hundred bytes.
        perItem.ShouldBeLessThan(160);
    }
}
