using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// Fields read from a property run the execution compiled for their kind (issue 18 §7, <see cref="FieldExecutions"/>:
/// leaf, object, list, other) instead of the general resolver path. The response — values, nulls propagated from
/// non-null fields mid-object, errors with their paths and locations — must be the one the same fields give through
/// resolvers, completing at once or later.
/// </summary>
public sealed class FieldExecutionTests
{
    public enum Size
    {
        Small,
        Large,
    }

    public interface IPet
    {
        string Name { get; }
    }

    public sealed record Dog(string Name) : IPet;

    public sealed class Box(string? label, Box? inner = null, IReadOnlyList<Box>? items = null, bool broken = false, object? tags = null, IPet? pet = null)
    {
        public string? Label { get; } = label;

        public int Count => Items?.Count ?? 0;

        public Size Size => Count > 1 ? Size.Large : Size.Small;

        public Box? Inner { get; } = inner;

        public IReadOnlyList<Box>? Items { get; } = items;

        public object? Tags { get; } = tags;

        public IPet? Pet { get; } = pet;

        public string Fragile => broken ? throw new InvalidOperationException("The box broke.") : "intact";
    }

    private const string Sdl = """
        enum Size { SMALL, LARGE }
        interface Pet { name: String }
        type Dog implements Pet { name: String }
        type Box { label: String!, count: Int, size: Size!, inner: Box, strictInner: Box!, items: [Box!], tags: [[String]], pet: Pet, fragile: String! }
        type Query { box: Box, boxes: [Box] }
        """;

    private static readonly string[] BoxFields = ["label", "count", "size", "inner", "strictInner", "items", "tags", "pet", "fragile"];

    private static readonly Box Root = new(
        "root",
        inner: new Box("inner", tags: new[] { new[] { "a", null }, null }),
        items: [new Box("one", pet: new Dog("Rex")), new Box(null), new Box("three", broken: true)],
        tags: 5);

    private static GraphQL.Types.Schema CreateSchema(bool resolvers, bool later) => BuildSchema(Sdl, b =>
    {
        Resolve(b, later, "Query", "box", _ => Root);
        Resolve(b, later, "Query", "boxes", _ => new[] { Root, Root.Inner, null });
        if (resolvers)
        {
            // The same values through resolvers: the general path.
            foreach (var field in BoxFields)
            {
                var property = typeof(Box).GetProperty(field == "strictInner" ? "Inner" : char.ToUpperInvariant(field[0]) + field[1..])!;
                Resolve(b, later, "Box", field, c =>
                {
                    try
                    {
                        return property.GetValue(c.Parent);
                    }
                    catch (System.Reflection.TargetInvocationException e)
                    {
                        throw e.InnerException!;
                    }
                });
            }
            Resolve(b, later, "Dog", "name", c => ((Dog)c.Parent!).Name);
        }
        else
        {
            b.Resolve("Box", "strictInner", c => ((Box)c.Parent!).Inner);
        }
        b.BindType<Box>("Box").BindType<Dog>("Dog");
    });

    public static TheoryData<string> Documents =>
    [
        // Leaves (String, Int, enum), a null in a non-null leaf mid-object, a getter's error in a non-null field.
        "{ box { label count size items { label size fragile } } }",
        // Objects: nested, aliased, a non-null object resolved to null (nulls its parent), fragments.
        "{ box { a: inner { label } inner { label inner { label } } ... on Box { count } } boxes { label strictInner { label } } }",
        // Lists of lists (with nulls), a value that is not a list, an interface read from a property.
        "{ box { tags inner { tags } items { pet { __typename name ... on Dog { name } } } } }",
        "{ boxes { __typename label inner { __typename count } } }",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Property_fields_answer_what_resolvers_answer(string query)
    {
        var properties = Executor(CreateSchema(resolvers: false, later: false));
        var resolved = Executor(CreateSchema(resolvers: true, later: false));
        var resolvedLater = Executor(CreateSchema(resolvers: true, later: true));

        var expected = (await resolved.ExecuteAsync(Request(query))).ToJson();
        var cold = (await properties.ExecuteAsync(Request(query))).ToJson();
        var warm = (await properties.ExecuteAsync(Request(query))).ToJson();
        var later = await resolvedLater.ExecuteAsync(Request(query));

        cold.ShouldBe(expected);
        warm.ShouldBe(expected);
        // Completing later may reorder the errors, never the data.
        later.Errors.Select(e => e.Message + string.Join(".", e.Path ?? [])).Order()
            .ShouldBe((await properties.ExecuteAsync(Request(query))).Errors.Select(e => e.Message + string.Join(".", e.Path ?? [])).Order());
    }

    [Fact]
    public async Task Property_fields_null_what_they_must_and_report_where()
    {
        // The null label of the second item nulls the list (its items are non-null), so the third item's broken
        // field is never read; the value that is not a list fails its own field.
        var executor = Executor(CreateSchema(resolvers: false, later: false));

        var json = (await executor.ExecuteAsync(Request("{ box { label items { label fragile } tags } }"))).ToJson();

        json.ShouldBe(Json("{'errors':["
            + "{'message':'Cannot return null for non-nullable field Box.label.','locations':[{'line':1,'column':23}],'path':['box','items',1,'label']},"
            + "{'message':'Expected Iterable, but did not find one for field \\u0022Box.tags\\u0022.','locations':[{'line':1,'column':39}],'path':['box','tags']}],"
            + "'data':{'box':{'label':'root','items':null,'tags':null}}}"));
    }

    [Fact]
    public void Each_selection_is_compiled_to_the_execution_of_its_kind()
    {
        var executor = Executor(CreateSchema(resolvers: false, later: false));
        var schema = executor.Schema;
        var document = GraphQL.Language.Parser.Parse("{ box { __typename label inner { label } items { label } pet { name } strictInner { label } } }");
        var operation = (GraphQL.Language.OperationDefinitionNode)document.Definitions[0];
        var plan = new OperationPlan(schema, document, operation, schema.QueryType!, new Dictionary<string, object?>(), [], 0);
        var box = plan.Root.Selections[0];
        var fields = box.SelectionsFor((GraphQL.Types.ObjectType)schema.GetType("Box")!);

        var executions = fields.Select(f => f.Execute).ToList();

        // Resolver fields share one execution; each kind of property field has its own.
        executions[0].ShouldNotBe(box.Execute);
        executions.Distinct().Count().ShouldBe(6);
        fields[5].Execute.ShouldBe(box.Execute);
    }
}
