using Directory.Api.GraphQL;
using Directory.Api.Paging;
using Directory.GraphQL.Types;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// The SDL's filter and sort inputs and the C# FilterFields/SortFields are compared when the schema is built, so a
/// field the contract offers but the code does not handle (or the reverse) stops start-up instead of surfacing as a
/// caller's BAD_USER_INPUT.
/// </summary>
public sealed class FilterSortInputsTests
{
    private sealed class Thing
    {
        public string? Name { get; set; }

        public int? Size { get; set; }

        public string? Colour { get; set; }

        public Thing? Parent { get; set; }
    }

    private const string Sdl = """
        type Query {
          things(where: ThingFilterInput, order: [ThingSortInput!]): [String]
          unfiltered(where: ThingFilterInput): [String]
        }
        input ThingFilterInput { and: [ThingFilterInput!] or: [ThingFilterInput!] name: StringOperationFilterInput size: IntOperationFilterInput parent: ThingFilterInput }
        input StringOperationFilterInput { eq: String }
        input IntOperationFilterInput { eq: Int }
        input ThingSortInput { name: SortEnumType size: SortEnumType }
        enum SortEnumType { ASC DESC }
        """;

    [Fact]
    public void The_served_schema_agrees_with_every_filter_and_sort_it_declares()
    {
        FilterSortInputs.Differences(DirectoryGraphQL.BuildSchema()).ShouldBeEmpty();
    }

    [Fact]
    public void Each_difference_is_named_and_the_build_fails()
    {
        var filter = new FilterFields<Thing>()
            .String("name", t => t.Name)
            .String("colour", t => t.Colour);
        filter.Nested("parent", t => t.Parent, filter);
        var sort = new SortFields<Thing>().Key("name", t => t.Name).Key("colour", t => t.Colour);
        var builder = SchemaBuilder.FromSdl(Sdl)
            .Resolve("Query", "things", _ => Array.Empty<string>())
            .Resolve("Query", "unfiltered", _ => Array.Empty<string>())
            .FilteredBy("Query", "things", filter, sort);

        var schema = builder.Build();

        FilterSortInputs.Differences(schema).ShouldBe(
        [
            "Query.things: ThingFilterInput.size is in the schema but the C# filter has no \"size\" (a caller using it would be refused).",
            "Query.things: the C# filter has \"colour\" but ThingFilterInput has no such field.",
            "Query.things: ThingSortInput.size is in the schema but the C# sort has no \"size\" (a caller using it would be refused).",
            "Query.things: the C# sort has \"colour\" but ThingSortInput has no such field.",
            "Query.unfiltered takes where: ThingFilterInput but declares no C# filter for it: add FilteredBy(\"Query\", \"unfiltered\", …).",
        ], ignoreOrder: true);
        var failure = Should.Throw<SchemaValidationException>(() => schema.CheckFilterAndSortInputs());
        failure.Errors.Count.ShouldBe(5);
    }

    [Fact]
    public void A_nested_filter_is_compared_through_its_input_type()
    {
        // The filter behind "parent" is another one, lacking "name" and "parent": the drift is inside the nested input.
        var inner = new FilterFields<Thing>().Int("size", t => t.Size);
        var filter = new FilterFields<Thing>()
            .String("name", t => t.Name)
            .Int("size", t => t.Size)
            .Nested("parent", t => t.Parent, inner);
        var schema = SchemaBuilder.FromSdl(Sdl)
            .Resolve("Query", "things", _ => Array.Empty<string>())
            .Resolve("Query", "unfiltered", _ => Array.Empty<string>())
            .FilteredBy("Query", "things", filter, new SortFields<Thing>().Key("name", t => t.Name).Key("size", t => t.Size))
            .FilteredBy("Query", "unfiltered", filter)
            .Build();

        FilterSortInputs.Differences(schema).ShouldBe(
        [
            "Query.things: ThingFilterInput.name is in the schema but the C# filter has no \"name\" (a caller using it would be refused).",
            "Query.things: ThingFilterInput.parent is in the schema but the C# filter has no \"parent\" (a caller using it would be refused).",
            "Query.unfiltered: ThingFilterInput.name is in the schema but the C# filter has no \"name\" (a caller using it would be refused).",
            "Query.unfiltered: ThingFilterInput.parent is in the schema but the C# filter has no \"parent\" (a caller using it would be refused).",
        ], ignoreOrder: true);
    }
}
