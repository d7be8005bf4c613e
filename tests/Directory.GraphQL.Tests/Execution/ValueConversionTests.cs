using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Coerced arguments read as the CLR types resolvers want (<see cref="ResolverContext.GetArgument{T}"/>).</summary>
public sealed class ValueConversionTests
{
    public enum Region
    {
        NorthEast,
        London,
    }

    public sealed record Filter(string? Name, Region? Region, IReadOnlyList<int>? Years, int Limit);

    [Fact]
    public async Task Input_objects_become_records_and_lists_become_typed_lists()
    {
        Filter? seen = null;
        List<long>? ids = null;
        var schema = BuildSchema(
            """
            enum Region { NORTH_EAST, LONDON }
            input FilterInput { name: String, region: Region, years: [Int!], limit: Int = 10 }
            type Query { search(filter: FilterInput!, ids: [Int!]): String }
            """,
            b => b
                .BindEnum<Region>("Region")
                .Resolve("Query", "search", ctx =>
                {
                    seen = ctx.GetArgument<Filter>("filter");
                    ids = ctx.GetArgument<List<long>>("ids");
                    return "ok";
                }));

        var result = await ExecuteAsync(
            schema,
            "query ($f: FilterInput!) { search(filter: $f, ids: [1, 2]) }",
            """{"f":{"name":"refuge","region":"NORTH_EAST","years":[2020,2021]}}""");

        result.Errors.ShouldBeEmpty();
        seen.ShouldBe(new Filter("refuge", Region.NorthEast, seen!.Years, 10));
        seen.Years.ShouldBe([2020, 2021]);
        ids.ShouldBe([1L, 2L]);
    }

    [Fact]
    public void Converts_numbers_between_widths_and_names_to_enums()
    {
        ValueConversion.To<long>(5).ShouldBe(5L);
        ValueConversion.To<double?>(3).ShouldBe(3d);
        ValueConversion.To<Region>("London").ShouldBe(Region.London);
        ValueConversion.To<int[]>(new object?[] { 1, 2 }).ShouldBe([1, 2]);
        ValueConversion.To<string>(null).ShouldBeNull();
    }
}
