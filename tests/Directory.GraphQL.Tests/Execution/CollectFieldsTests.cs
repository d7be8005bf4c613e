using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Spec §6.3.2 "Field Collection", §3.13.2 @skip, §3.13.3 @include.</summary>
public sealed class CollectFieldsTests
{
    private static int _resolveCount;

    private static readonly GraphQL.Types.Schema Schema = BuildSchema(
        """
        interface Named { name: String }
        type Dog implements Named { name: String, barks: Boolean }
        type Cat implements Named { name: String, meows: Boolean }
        type Query { a: String, b: String, c: String, pet: Named, counted: String }
        """,
        b => b
            .Resolve("Query", "a", _ => "a")
            .Resolve("Query", "b", _ => "b")
            .Resolve("Query", "c", _ => "c")
            .Resolve("Query", "counted", _ => { Interlocked.Increment(ref _resolveCount); return "x"; })
            .Resolve("Query", "pet", _ => new Dictionary<string, object?> { ["__typename"] = "Dog", ["name"] = "Rex", ["barks"] = true }));

    [Fact]
    public async Task Keeps_the_order_of_first_appearance_and_merges_same_response_names()
    {
        var json = await ExecuteJsonAsync(Schema, "{ b a b c: a ...F } fragment F on Query { c: a b }");
        json.ShouldBe(Json("{'data':{'b':'b','a':'a','c':'a'}}"));
    }

    [Theory]
    [InlineData("{ a @skip(if: true) b }", "{'data':{'b':'b'}}")]
    [InlineData("{ a @skip(if: false) b }", "{'data':{'a':'a','b':'b'}}")]
    [InlineData("{ a @include(if: false) b }", "{'data':{'b':'b'}}")]
    [InlineData("{ a @include(if: true) @skip(if: true) b }", "{'data':{'b':'b'}}")]
    [InlineData("{ a @include(if: false) a }", "{'data':{'a':'a'}}")]
    [InlineData("{ ... @skip(if: true) { a } b }", "{'data':{'b':'b'}}")]
    [InlineData("{ ...F @include(if: false) b } fragment F on Query { a }", "{'data':{'b':'b'}}")]
    public async Task Applies_skip_and_include_literals(string query, string expected)
    {
        (await ExecuteJsonAsync(Schema, query)).ShouldBe(Json(expected));
    }

    [Fact]
    public async Task Applies_skip_and_include_variables_per_request_with_a_shared_cache()
    {
        var executor = Executor(Schema);
        const string query = "query ($s: Boolean!, $i: Boolean!) { a @skip(if: $s) b @include(if: $i) }";
        (await executor.ExecuteAsync(Request(query, """{"s":true,"i":true}"""))).ToJson().ShouldBe(Json("{'data':{'b':'b'}}"));
        (await executor.ExecuteAsync(Request(query, """{"s":false,"i":false}"""))).ToJson().ShouldBe(Json("{'data':{'a':'a'}}"));
        (await executor.ExecuteAsync(Request(query, """{"s":false,"i":true}"""))).ToJson().ShouldBe(Json("{'data':{'a':'a','b':'b'}}"));
        (await executor.ExecuteAsync(Request(query, """{"s":true,"i":true}"""))).ToJson().ShouldBe(Json("{'data':{'b':'b'}}"));
        executor.CachedDocumentCount.ShouldBe(1);
        executor.CachedPlanCount.ShouldBe(3);
    }

    [Fact]
    public async Task Applies_type_conditions_of_inline_and_named_fragments()
    {
        var json = await ExecuteJsonAsync(
            Schema,
            "{ pet { name ... on Dog { barks } ... on Cat { meows } ...C __typename } } fragment C on Cat { name meows }");
        json.ShouldBe(Json("{'data':{'pet':{'name':'Rex','barks':true,'__typename':'Dog'}}}"));
    }

    [Fact]
    public async Task Merges_sub_selections_of_the_same_response_name()
    {
        var json = await ExecuteJsonAsync(Schema, "{ pet { name } pet { ... on Dog { barks } } }");
        json.ShouldBe(Json("{'data':{'pet':{'name':'Rex','barks':true}}}"));
    }

    [Fact]
    public async Task A_field_selected_twice_is_resolved_once()
    {
        var before = Volatile.Read(ref _resolveCount);
        var json = await ExecuteJsonAsync(Schema, "{ counted ...F counted } fragment F on Query { counted }");
        json.ShouldBe(Json("{'data':{'counted':'x'}}"));
        (Volatile.Read(ref _resolveCount) - before).ShouldBe(1);
    }

    [Fact]
    public async Task Typename_reports_the_runtime_object_type()
    {
        (await ExecuteJsonAsync(Schema, "{ __typename pet { __typename } }"))
            .ShouldBe(Json("{'data':{'__typename':'Query','pet':{'__typename':'Dog'}}}"));
    }
}
