using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// What a resolver may inspect of its own compiled selection: the fields selected under it for a type (fragments and
/// @skip/@include applied) and state derived from the selection, kept with the cached plan across requests.
/// </summary>
public sealed class SelectionTests
{
    public sealed class Book
    {
        public string Title { get; set; } = "";

        public int Pages { get; set; }
    }

    private const string Sdl = """
        type Query { books: [Book!]!, book: Book }
        type Book { title: String!, pages: Int!, blurb: String }
        """;

    [Fact]
    public async Task Sees_the_fields_selected_under_it_with_fragments_and_conditions_applied()
    {
        var seen = new List<string>();
        var schema = BuildSchema(Sdl, b => b
            .Resolve("Query", "books", ctx =>
            {
                var book = (ObjectType)ctx.Schema!.GetType("Book")!;
                seen.Add(string.Join(",", ctx.Selection!.SelectionsFor(book).Select(s => s.ResponseName + ":" + s.Field.Name)));
                return new[] { new Book { Title = "A", Pages = 3 } };
            })
            .BindType<Book>("Book")
            .Resolve("Book", "blurb", _ => "b"));

        var json = await ExecuteJsonAsync(schema, """
            query($withBlurb: Boolean!) { books { title ...F n: pages blurb @include(if: $withBlurb) } }
            fragment F on Book { pages title }
            """, """{"withBlurb":false}""");

        json.ShouldBe(Json("{'data':{'books':[{'title':'A','pages':3,'n':3}]}}"));
        seen.ShouldBe(["title:title,pages:pages,n:pages"]);
    }

    [Fact]
    public async Task State_derived_from_a_selection_is_computed_once_per_compiled_plan()
    {
        var computed = 0;
        var schema = BuildSchema(Sdl, b => b
            .Resolve("Query", "books", ctx => ctx.Selection!.GetOrAddState("key", _ => ++computed) is var n ? new[] { new Book { Title = "t" + n } } : null)
            .BindType<Book>("Book")
            .Resolve("Book", "blurb", _ => null));
        var executor = Executor(schema);

        var first = (await executor.ExecuteAsync(Request("{ books { title } }"))).ToJson();
        var second = (await executor.ExecuteAsync(Request("{ books { title } }"))).ToJson();
        var other = (await executor.ExecuteAsync(Request("{ books { title pages } }"))).ToJson();

        first.ShouldBe(Json("{'data':{'books':[{'title':'t1'}]}}"));
        second.ShouldBe(first);
        other.ShouldBe(Json("{'data':{'books':[{'title':'t2','pages':0}]}}"));
        computed.ShouldBe(2);
    }

    [Fact]
    public async Task A_fragment_spread_in_several_places_shares_its_selections_with_each_place_answered_on_its_own()
    {
        // The fragment's fields are the same nodes at the same position for the same type in x and y, so the plan
        // compiles them once (state derived from them is computed once); in z they sit elsewhere and get their own.
        // Paths still differ per place.
        var computed = 0;
        var schema = BuildSchema(Sdl, b => b
            .Resolve("Query", "book", _ => new Book { Title = "T", Pages = 2 })
            .BindType<Book>("Book")
            .Resolve("Book", "blurb", ctx =>
            {
                ctx.Selection!.GetOrAddState("key", _ => ++computed);
                throw new InvalidOperationException("no blurb at " + string.Join(".", ctx.Path!.ToList()));
            }));

        var result = await Executor(schema).ExecuteAsync(Request("""
            { x: book { ...F } y: book { ...F } z: book { pages ...F } }
            fragment F on Book { title blurb }
            """));

        computed.ShouldBe(2);
        result.Errors.Select(e => string.Join(".", e.Path!)).ShouldBe(["x.blurb", "y.blurb", "z.blurb"]);
        result.Errors.Select(e => e.Locations[0].Line).Distinct().ShouldHaveSingleItem().ShouldBe(2);
    }

    [Fact]
    public void A_bound_field_names_the_member_it_reads_and_carries_annotations()
    {
        var schema = BuildSchema(Sdl, b => b
            .Resolve("Query", "books", _ => null)
            .Resolve("Query", "book", _ => null)
            .BindType<Book>("Book")
            .Resolve("Book", "blurb", _ => null)
            .Annotate("Book", "blurb", "reads", "Title"));

        var book = (ObjectType)schema.GetType("Book")!;
        book.Fields["title"]!.Member.ShouldBe(typeof(Book).GetProperty(nameof(Book.Title)));
        book.Fields["blurb"]!.Member.ShouldBeNull();
        book.Fields["blurb"]!.Annotations["reads"].ShouldBe("Title");
        book.Fields["pages"]!.Annotations.ShouldBeEmpty();
    }

    [Fact]
    public void Annotating_a_field_the_schema_lacks_fails_the_build()
    {
        var error = Should.Throw<SchemaValidationException>(() => BuildSchema(Sdl, b => b
            .Resolve("Query", "books", _ => null)
            .Resolve("Query", "book", _ => null)
            .BindType<Book>("Book")
            .Resolve("Book", "blurb", _ => null)
            .Annotate("Book", "author", "reads", "x")));

        error.Message.ShouldContain("\"Book.author\"");
    }
}
