using System.Collections;
using System.Globalization;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// Objects and lists whose sub-tree completes synchronously are written straight to JSON from the plan (issue 18 §7,
/// <c>RequestContext.DirectJson.cs</c>). The response must be the result tree's byte for byte — nulls, errors with
/// their paths and locations, null propagation — and a value the writer stops at must not make any getter run twice.
/// Each test runs the same executor's schema with direct writing on and off (<see cref="ExecutorOptions.WriteJsonDirectly"/>).
/// </summary>
public sealed class DirectJsonTests
{
    public enum ItemSize
    {
        Small,
        Large,
    }

    public interface INamed
    {
        string? Name { get; }
    }

    /// <summary>Counts every property read, so a test can see that no getter ran twice.</summary>
    public sealed class Reads
    {
        private readonly Dictionary<string, int> _counts = [];

        public void Count(string what) => _counts[what] = _counts.GetValueOrDefault(what) + 1;

        public IReadOnlyDictionary<string, int> Counts => _counts;
    }

    public sealed class Item(Reads reads, string id, string? name) : INamed
    {
        public string? Name => Read(name);

        public ItemSize Size { get => Read(_size); init => _size = value; }

        private readonly ItemSize _size;

        public double Weight => Read(1.5);

        public int Count => Read(Children?.Count ?? 0);

        public bool On => Read(true);

        public IReadOnlyList<string>? Tags { get => Read(_tags); init => _tags = value; }

        private readonly IReadOnlyList<string>? _tags;

        public bool Broken { get; init; }

        /// <summary>Non-null in the schema: a broken item's read fails.</summary>
        public string Fragile => Read(Broken, "intact", $"Item {id} broke.");

        /// <summary>Nullable in the schema: a broken item's read fails.</summary>
        public string? Risky => Read(Broken, "fine", $"Item {id} is risky.");

        public Item? Child { get => Read(_child); init => _child = value; }

        private readonly Item? _child;

        public IReadOnlyList<Item?>? Children { get => Read(_children); init => _children = value; }

        private readonly IReadOnlyList<Item?>? _children;

        public INamed? Pal { get => Read(_pal); init => _pal = value; }

        private readonly INamed? _pal;

        private T Read<T>(T value, [System.Runtime.CompilerServices.CallerMemberName] string property = "")
        {
            reads.Count(id + "." + property);
            return value;
        }

        private string Read(bool fails, string value, string error, [System.Runtime.CompilerServices.CallerMemberName] string property = "")
        {
            reads.Count(id + "." + property);
            return fails ? throw new InvalidOperationException(error) : value;
        }
    }

    /// <summary>A second type of the interface, all leaves.</summary>
    public sealed class Label(string name) : INamed
    {
        public string? Name => name;
    }

    private const string Sdl = """
        enum Size { SMALL, LARGE }
        interface Named { name: String }
        type Item implements Named {
          name: String, size: Size, strictSize: Size!, weight: Float, count: Int, on: Boolean, tags: [String!],
          fragile: String!, risky: String, child: Item, strictChild: Item!, children: [Item!], loose: [Item], pal: Named,
          slow: String, where: String, trouble: String, pals: [Named]
        }
        type Label implements Named { name: String }
        type Query { item: Item, strictItem: Item!, items: [Item], named: Named, nameds: [Named], later: String, laterItem: Item }
        """;

    /// <summary>
    /// root ── child a ── child b (broken) ── child c
    ///  └── children [d, e (null name), f (broken, size out of range)]
    /// </summary>
    private static Item Tree(Reads reads)
    {
        var c = new Item(reads, "c", "c");
        var b = new Item(reads, "b", "b") { Broken = true, Child = c, Size = ItemSize.Large };
        var a = new Item(reads, "a", "a") { Child = b, Tags = ["x", "y\"z"] };
        var f = new Item(reads, "f", "f") { Broken = true, Size = (ItemSize)7 };
        return new Item(reads, "root", "root")
        {
            Child = a,
            Children = [new Item(reads, "d", "d") { Pal = c }, new Item(reads, "e", null), f],
            Tags = [],
        };
    }

    private static GraphQL.Types.Schema CreateSchema(Reads reads) => BuildSchema(Sdl, b =>
    {
        var root = Tree(reads);
        b.Resolve("Query", "item", _ => root);
        b.Resolve("Query", "strictItem", _ => root);
        b.Resolve("Query", "items", _ => new[] { root, null, root.Child });
        b.Resolve("Query", "named", _ => root.Child);
        b.Resolve("Query", "nameds", _ => new INamed?[] { new Label("label"), root.Child, null, root });
        b.Resolve("Query", "later", async _ =>
        {
            await Task.Delay(20);
            return "later";
        });
        b.Resolve("Query", "laterItem", async _ =>
        {
            await Task.Delay(20);
            return root;
        });
        b.Resolve("Item", "strictSize", c => ((Item)c.Parent!).Size);
        b.Resolve("Item", "strictChild", c => ((Item)c.Parent!).Child);
        b.Resolve("Item", "loose", c => ((Item)c.Parent!).Children);
        // Resolvers that complete synchronously, called by the direct writer: one reads its path, one fails on a
        // broken item, one returns a list of an interface.
        b.Resolve("Item", "where", c => c.Path!.ToString());
        b.Resolve("Item", "trouble", c => ((Item)c.Parent!).Broken ? throw new InvalidOperationException("Trouble.") : "calm");
        b.Resolve("Item", "pals", c => new INamed?[] { ((Item)c.Parent!).Child, null, ((Item)c.Parent!).Pal });
        b.Resolve("Item", "slow", async c =>
        {
            await Task.Yield();
            return ((Item)c.Parent!).Name;
        });
        b.BindType<Item>("Item").BindType<Label>("Label").BindEnum<ItemSize>("Size");
        b.ResolveType("Named", value => value switch { Item => "Item", Label => "Label", _ => null });
    });

    public static TheoryData<string, string?> Documents => new()
    {
        // Leaves of every built-in kind and an enum, nulls mid-object (a null name, a null child), an escaped string.
        { "{ item { name size weight count on tags child { name tags child { name size } } } }", null },
        // A getter that throws at depth 3 under a nullable parent: that field alone is null.
        { "{ item { name child { name child { name risky child { name } } count } on } }", null },
        // … under non-null parents: the null climbs to the nearest nullable one (item.child.strictChild → item.child).
        { "{ item { child { name strictChild { name fragile child { name } } } size } }", null },
        { "{ strictItem { child { child { fragile } } } }", null },
        // Lists of objects: a non-null item's null name, a getter's error and an enum value out of range inside them.
        { "{ items { name children { name size } } }", null },
        { "{ item { children { name fragile } count } }", null },
        { "{ item { loose { name risky size } } }", null },
        // Enums: a non-null enum out of range, resolved and read.
        { "{ item { children { strictSize } } }", null },
        // Abstract types: an interface field resolved at the root, and one read from a property below.
        { "{ named { __typename name ... on Item { size child { name } } } }", null },
        { "{ item { children { name pal { __typename name ... on Item { size } } } } }", null },
        // Aliases, the same field twice under different names.
        { "{ a: item { n: name m: name s: size c: child { x: name } } b: item { name } }", null },
        // @skip/@include, with literals and variables.
        { "query($yes: Boolean!) { item { name @include(if: $yes) size @skip(if: $yes) child @include(if: true) { name @skip(if: false) } } }", "{\"yes\":true}" },
        { "query($yes: Boolean!) { item { name @include(if: $yes) size @skip(if: $yes) child @include(if: true) { name @skip(if: false) } } }", "{\"yes\":false}" },
        // __typename at every level.
        { "{ item { __typename child { __typename name } } items { __typename } }", null },
        // Fields that turn async halfway: a resolver still running next to synchronous fields, an object that comes later.
        { "{ item { name slow child { name slow child { name } } } later laterItem { name child { name } } }", null },
        // Resolvers the writer calls: paths read in written objects and lists, errors under non-null and nullable parents.
        { "{ item { where child { where child { where } } children { name where } } items { where children { where } } }", null },
        { "{ item { children { name trouble size } child { trouble child { trouble strictChild { name } } } } }", null },
        { "{ named { ... on Item { where trouble child { where trouble } } } }", null },
        // Lists of an interface, resolved: the objects' types are read back from where they were written.
        { "{ item { pals { __typename name ... on Item { where size } } } nameds { name ... on Item { children { name } pals { name } } } }", null },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Direct_writing_gives_the_result_trees_bytes(string query, string? variables)
    {
        var (direct, tree) = Executors(new Reads());

        var expected = (await tree.ExecuteAsync(Request(query, variables))).ToJson();
        var cold = (await direct.ExecuteAsync(Request(query, variables))).ToJson();
        var warm = (await direct.ExecuteAsync(Request(query, variables))).ToJson();

        cold.ShouldBe(expected);
        warm.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Data_read_back_from_written_json_is_the_result_trees(string query, string? variables)
    {
        var (direct, tree) = Executors(new Reads());

        var expected = Describe((await tree.ExecuteAsync(Request(query, variables))).Data);
        var written = await direct.ExecuteAsync(Request(query, variables));
        var read = Describe(written.Data);

        read.ShouldBe(expected);
        // Reading the data does not change the response.
        written.ToJson().ShouldBe((await tree.ExecuteAsync(Request(query, variables))).ToJson());
    }

    [Fact]
    public async Task Errors_keep_their_paths_locations_and_nulls()
    {
        var (direct, _) = Executors(new Reads());

        var json = (await direct.ExecuteAsync(Request("{ item { child { name strictChild { name fragile child { name } } } size } }"))).ToJson();

        json.ShouldBe(Json("{'errors':[{'message':'Item b broke.','locations':[{'line':1,'column':42}],'path':['item','child','strictChild','fragile'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],"
            + "'data':{'item':{'child':null,'size':'SMALL'}}}"));
    }

    [Fact]
    public async Task An_invalid_enum_value_is_an_error_in_its_place()
    {
        var (direct, _) = Executors(new Reads());

        var json = (await direct.ExecuteAsync(Request("{ item { children { name size } } }"))).ToJson();

        json.ShouldBe(Json("{'errors':[{'message':'Enum \\u0022Size\\u0022 cannot represent value: \\u00227\\u0022','locations':[{'line':1,'column':26}],'path':['item','children',2,'size'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],"
            + "'data':{'item':{'children':[{'name':'d','size':'SMALL'},{'name':null,'size':'SMALL'},{'name':'f','size':null}]}}}"));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task No_getter_runs_twice(string query, string? variables)
    {
        var directReads = new Reads();
        var treeReads = new Reads();
        var (direct, _) = Executors(directReads);
        var (_, tree) = Executors(treeReads);

        await direct.ExecuteAsync(Request(query, variables));
        await tree.ExecuteAsync(Request(query, variables));

        directReads.Counts.ShouldBe(treeReads.Counts, ignoreOrder: true);
    }

    [Fact]
    public async Task A_getter_that_throws_runs_once_and_so_do_its_siblings()
    {
        var reads = new Reads();
        var (direct, _) = Executors(reads);

        // b.fragile throws; b.name before it and b's parent's fields after it are read once each, b.child never (b is nulled).
        await direct.ExecuteAsync(Request("{ item { child { name strictChild { name fragile child { name } } count } } }"));

        reads.Counts["b.Fragile"].ShouldBe(1);
        reads.Counts["b.Name"].ShouldBe(1);
        reads.Counts["a.Name"].ShouldBe(1);
        reads.Counts["a.Child"].ShouldBe(1);
        reads.Counts.ContainsKey("b.Child").ShouldBeFalse();
    }

    [Fact]
    public async Task A_synchronous_sub_tree_is_held_as_written_json()
    {
        var (direct, tree) = Executors(new Reads());
        const string query = "{ item { name child { name } children { name } } items { name } }";

        var written = await direct.ExecuteAsync(Request(query));
        var built = await tree.ExecuteAsync(Request(query));

        var data = (ResultObject)written.Data!;
        data.Slots[0].ShouldBeOfType<WrittenJson>();
        data.Slots[1].ShouldBeOfType<WrittenJson>();
        ((ResultObject)built.Data!).Slots[0].ShouldBeOfType<ResultObject>();
    }

    [Fact]
    public async Task An_object_with_a_resolver_below_keeps_its_node_and_writes_its_synchronous_children()
    {
        var (direct, _) = Executors(new Reads());

        var written = await direct.ExecuteAsync(Request("{ item { name slow child { name child { name } } children { name } } }"));

        var item = ((ResultObject)written.Data!).Slots[0].ShouldBeOfType<ResultObject>();
        item.Slots[2].ShouldBeOfType<WrittenJson>();
        item.Slots[3].ShouldBeOfType<WrittenJson>();
    }

    [Fact]
    public async Task A_resolver_called_while_writing_gets_its_path()
    {
        var (direct, _) = Executors(new Reads());

        var json = (await direct.ExecuteAsync(Request("{ items { children { where } } }"))).ToJson();

        json.ShouldBe(Json("{'data':{'items':[{'children':[{'where':'items.0.children.0.where'},{'where':'items.0.children.1.where'},"
            + "{'where':'items.0.children.2.where'}]},null,{'children':null}]}}"));
    }

    [Fact]
    public async Task A_resolver_that_returns_a_pending_value_is_awaited_and_then_left_to_the_tree()
    {
        // The first request writes item's name, then stops at slow (still running): item becomes a node holding the
        // name as written JSON and awaits slow. From then on the writer does not start on item: its name is a plain value.
        var (direct, tree) = Executors(new Reads());
        const string Query = "{ item { name slow child { name } } }";

        var first = await direct.ExecuteAsync(Request(Query));
        var second = await direct.ExecuteAsync(Request(Query));

        ((ResultObject)first.Data!).Slots[0].ShouldBeOfType<ResultObject>().Slots[0].ShouldBeOfType<WrittenJson>();
        ((ResultObject)second.Data!).Slots[0].ShouldBeOfType<ResultObject>().Slots[0].ShouldBe("root");
        var expected = (await tree.ExecuteAsync(Request(Query))).ToJson();
        first.ToJson().ShouldBe(expected);
        second.ToJson().ShouldBe(expected);
    }

    [Fact]
    public async Task An_interface_field_is_left_to_the_tree_once_it_meets_a_type_that_is_not_written()
    {
        // 1st request: item a's slow is still running, so Item's objects are no longer written. 2nd: the list of Named
        // is written until its first Item stops the writer (the Label before it stays written). 3rd: the list is
        // completed the general way.
        var (direct, tree) = Executors(new Reads());
        const string Query = "{ nameds { name ... on Item { slow } } }";
        var expected = (await tree.ExecuteAsync(Request(Query))).ToJson();

        var results = new List<ExecutionResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await direct.ExecuteAsync(Request(Query)));
        }

        results.ShouldAllBe(result => result.ToJson() == expected);
        var second = ((ResultObject)results[1].Data!).Slots[0].ShouldBeOfType<ResultList>();
        second.Items[0].ShouldBeOfType<WrittenJson>();
        second.Items[1].ShouldBeOfType<ResultObject>().Slots[0].ShouldBe("a");
        var third = ((ResultObject)results[2].Data!).Slots[0].ShouldBeOfType<ResultList>();
        third.Items[0].ShouldBeOfType<ResultObject>().Slots[0].ShouldBe("label");
        third.Items[3].ShouldBeOfType<ResultObject>().Slots[0].ShouldBe("root");
    }

    [Fact]
    public async Task An_object_of_leaves_on_its_own_keeps_its_node()
    {
        // Written, it would cost as much as its node: only a list of such objects, or an object holding one, is written.
        var (direct, _) = Executors(new Reads());

        var written = await direct.ExecuteAsync(Request("{ item { slow child { name size } } }"));

        var item = ((ResultObject)written.Data!).Slots[0].ShouldBeOfType<ResultObject>();
        item.Slots[1].ShouldBeOfType<ResultObject>();
    }

    [Fact]
    public async Task Warm_requests_that_write_more_or_less_than_the_last_give_the_result_trees_bytes()
    {
        // A plan's next request starts with an array as large as its last one wrote: the item counts make each request
        // write less, more and far more than the one before it.
        var counts = new Queue<int>([3, 1, 2, 40, 0, 40, 5]);
        var reads = new Reads();
        var schema = BuildSchema(Sdl, b =>
        {
            b.Resolve("Query", "items", _ => Enumerable.Range(0, counts.Peek()).Select(i => new Item(reads, "i" + i, "item " + i) { Tags = ["t" + i] }).ToArray());
            b.BindType<Item>("Item").BindEnum<ItemSize>("Size");
            b.ResolveType("Named", value => value is Item ? "Item" : null);
        });
        var direct = Executor(schema, new ExecutorOptions { MinimumWrittenRun = 0 });
        var tree = Executor(schema, new ExecutorOptions { WriteJsonDirectly = false });
        const string Query = "{ items { name size tags child { name } } }";

        while (counts.Count > 0)
        {
            var expected = (await tree.ExecuteAsync(Request(Query, null))).ToJson();
            (await direct.ExecuteAsync(Request(Query, null))).ToJson().ShouldBe(expected);
            counts.Dequeue();
        }
    }

    [Fact]
    public async Task Only_a_sub_tree_of_at_least_the_minimum_run_is_written()
    {
        // child { name child { name } }: 3 values (name, child, its name), fewer than a minimum of 6, so it keeps its
        // nodes; child { name size weight count on tags child { name size } }: 9 values, written.
        var schema = CreateSchema(new Reads());
        var direct = Executor(schema, new ExecutorOptions { MinimumWrittenRun = 6 });
        var tree = Executor(schema, new ExecutorOptions { WriteJsonDirectly = false });
        const string Query = "{ item { slow small: child { name child { name } } large: child { name size weight count on tags child { name size } } } }";

        var written = await direct.ExecuteAsync(Request(Query));

        var item = ((ResultObject)written.Data!).Slots[0].ShouldBeOfType<ResultObject>();
        item.Slots[1].ShouldBeOfType<ResultObject>();
        item.Slots[2].ShouldBeOfType<WrittenJson>();
        written.ToJson().ShouldBe((await tree.ExecuteAsync(Request(Query))).ToJson());
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public async Task A_list_is_written_when_its_items_together_reach_the_minimum_run(int count, bool written)
    {
        // Each item writes 2 values (name, size): 2 items write 4, fewer than 6; 3 items write 6.
        var reads = new Reads();
        var schema = BuildSchema(Sdl, b =>
        {
            b.Resolve("Query", "items", _ => Enumerable.Range(0, count).Select(i => new Item(reads, "i" + i, "item " + i)).ToArray());
            b.BindType<Item>("Item").BindEnum<ItemSize>("Size");
            b.ResolveType("Named", value => value is Item ? "Item" : null);
        });
        const string Query = "{ items { name size } }";

        var result = await Executor(schema, new ExecutorOptions { MinimumWrittenRun = 6 }).ExecuteAsync(Request(Query));

        var items = ((ResultObject)result.Data!).Slots[0];
        (items is WrittenJson).ShouldBe(written);
        result.ToJson().ShouldBe((await Executor(schema, new ExecutorOptions { WriteJsonDirectly = false }).ExecuteAsync(Request(Query))).ToJson());
    }

    /// <summary>An object whose getter runs a whole other request, on the same thread, while the outer one is writing.</summary>
    public sealed class Reentrant(Func<string> inner)
    {
        public string First => "first";

        public string Inner => inner();

        public string Last => "last";

        public Reentrant? Next { get; init; }
    }

    [Fact]
    public async Task A_request_run_from_a_getter_while_writing_writes_with_a_writer_of_its_own()
    {
        // The outer request holds its writer from its first written value to its end: the inner request, started from
        // a getter mid-run on the same thread, must not write with it (nor give it back to the thread while it is in use).
        var innerSchema = CreateSchema(new Reads());
        var innerDirect = Executor(innerSchema, new ExecutorOptions { MinimumWrittenRun = 0 });
        var innerTree = Executor(innerSchema, new ExecutorOptions { WriteJsonDirectly = false });
        const string InnerQuery = "{ item { name child { name tags } } items { name } }";
        var innerExpected = (await innerTree.ExecuteAsync(Request(InnerQuery))).ToJson();
        var value = new Reentrant(() => innerDirect.ExecuteAsync(Request(InnerQuery)).GetAwaiter().GetResult().ToJson())
        {
            Next = new Reentrant(() => innerDirect.ExecuteAsync(Request(InnerQuery)).GetAwaiter().GetResult().ToJson()),
        };
        const string OuterSdl = "type R { first: String, inner: String, last: String, next: R } type Query { r: R, s: R }";
        var outerSchema = BuildSchema(OuterSdl, b =>
        {
            b.Resolve("Query", "r", _ => value);
            b.Resolve("Query", "s", _ => value);
            b.BindType<Reentrant>("R");
        });
        const string OuterQuery = "{ r { first inner last next { first inner last } } s { first next { last } } }";

        var json = (await Executor(outerSchema, new ExecutorOptions { MinimumWrittenRun = 0 }).ExecuteAsync(Request(OuterQuery))).ToJson();

        var inner = System.Text.Json.JsonSerializer.Serialize(innerExpected);
        json.ShouldBe("{\"data\":{\"r\":{\"first\":\"first\",\"inner\":" + inner + ",\"last\":\"last\",\"next\":{\"first\":\"first\",\"inner\":" + inner
            + ",\"last\":\"last\"}},\"s\":{\"first\":\"first\",\"next\":{\"last\":\"last\"}}}}");
    }

    private static (RequestExecutor Direct, RequestExecutor Tree) Executors(Reads reads)
    {
        var schema = CreateSchema(reads);
        // Every sub-tree written, however small (the default leaves small ones to the tree): these tests are about the
        // writer's bytes and error handling, which the fixture's small sub-trees exercise.
        return (
            Executor(schema, new ExecutorOptions { ExposeExceptionMessages = true, MinimumWrittenRun = 0 }),
            Executor(schema, new ExecutorOptions { ExposeExceptionMessages = true, WriteJsonDirectly = false }));
    }

    /// <summary>The data as text, with each leaf's CLR type, read through the public dictionary and list interfaces.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "String:" + s,
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.Select(e => e.Key + ":" + Describe(e.Value))) + "}"
            + "|" + string.Join(",", map.Keys.Select(k => Describe(map[k]))) + "|" + string.Join(",", map.Values.Select(Describe)),
        IReadOnlyList<object?> list => "[" + string.Join(",", list.Select(Describe)) + "]" + "|" + string.Join(",", Enumerable.Range(0, list.Count).Select(i => Describe(list[i]))),
        IEnumerable => throw new InvalidOperationException($"Unexpected sequence {value.GetType()}"),
        _ => value.GetType().Name + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
