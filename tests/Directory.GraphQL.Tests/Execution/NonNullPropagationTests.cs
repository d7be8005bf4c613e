using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// Spec §6.4.4 "Handling Field Errors": a null (or error) in a non-null position nulls the nearest nullable
/// ancestor. In the spirit of graphql-js nonnull-test.ts, each case runs with synchronous and asynchronous
/// resolvers and must give the same response.
/// </summary>
public sealed class NonNullPropagationTests
{
    public enum Mode
    {
        Sync,
        Async,
    }

    private const string Sdl = """
        type DataType {
          value: String
          nonNullValue: String!
          nest: DataType
          nonNullNest: DataType!
        }
        schema { query: DataType }
        """;

    /// <summary>Every leaf either throws or returns null; nests return a fresh object.</summary>
    private static GraphQL.Types.Schema CreateSchema(Mode mode, bool throws)
    {
        return BuildSchema(Sdl, b =>
        {
            Add(b, "value", () => throws ? throw new InvalidOperationException("value") : null);
            Add(b, "nonNullValue", () => throws ? throw new InvalidOperationException("nonNullValue") : null);
            Add(b, "nest", () => new object());
            Add(b, "nonNullNest", () => new object());
        });

        void Add(GraphQL.Types.SchemaBuilder builder, string field, Func<object?> produce)
        {
            if (mode == Mode.Sync)
            {
                builder.Resolve("DataType", field, (FieldResolver)(_ => new ValueTask<object?>(produce())));
            }
            else
            {
                builder.Resolve("DataType", field, (FieldResolver)(async _ =>
                {
                    await Task.Yield();
                    return produce();
                }));
            }
        }
    }

    private static async Task<(string Data, string[] Errors)> Run(Mode mode, bool throws, string query)
    {
        var result = await ExecuteAsync(CreateSchema(mode, throws), query);
        var data = result.HasData ? (result.Data is null ? "null" : Json(System.Text.Json.JsonSerializer.Serialize(
            System.Text.Json.JsonDocument.Parse(result.ToJson()).RootElement.GetProperty("data")))) : "absent";
        var errors = result.Errors
            .Select(e => $"{e.Message} @ {string.Join('.', e.Path ?? [])} ({e.Locations[0].Line}:{e.Locations[0].Column})")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();
        return (data, errors);
    }

    [Theory]
    [InlineData(Mode.Sync)]
    [InlineData(Mode.Async)]
    public async Task Null_in_a_nullable_field_is_just_null(Mode mode)
    {
        var (data, errors) = await Run(mode, throws: false, "{ value nest { value } }");
        data.ShouldBe(Json("{'value':null,'nest':{'value':null}}"));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Mode.Sync)]
    [InlineData(Mode.Async)]
    public async Task Error_in_a_nullable_field_is_null_plus_an_error(Mode mode)
    {
        var (data, errors) = await Run(mode, throws: true, "{ nest { value } }");
        data.ShouldBe(Json("{'nest':{'value':null}}"));
        errors.ShouldBe(["value @ nest.value (1:10)"]);
    }

    [Theory]
    [InlineData(Mode.Sync, false, "Cannot return null for non-nullable field DataType.nonNullValue.")]
    [InlineData(Mode.Async, false, "Cannot return null for non-nullable field DataType.nonNullValue.")]
    [InlineData(Mode.Sync, true, "nonNullValue")]
    [InlineData(Mode.Async, true, "nonNullValue")]
    public async Task Non_null_field_nulls_its_parent(Mode mode, bool throws, string message)
    {
        var (data, errors) = await Run(mode, throws, "{ nest { nonNullValue value: __typename } }");
        data.ShouldBe(Json("{'nest':null}"));
        errors.ShouldBe([$"{message} @ nest.nonNullValue (1:10)"]);
    }

    [Theory]
    [InlineData(Mode.Sync)]
    [InlineData(Mode.Async)]
    public async Task Propagates_through_non_null_ancestors_to_the_nearest_nullable_one(Mode mode)
    {
        var (data, errors) = await Run(mode, throws: false,
            "{ nest { nonNullNest { nonNullNest { nonNullValue } } } other: nest { value } }");
        data.ShouldBe(Json("{'nest':null,'other':{'value':null}}"));
        errors.ShouldBe(["Cannot return null for non-nullable field DataType.nonNullValue. @ nest.nonNullNest.nonNullNest.nonNullValue (1:38)"]);
    }

    [Theory]
    [InlineData(Mode.Sync)]
    [InlineData(Mode.Async)]
    public async Task Reaching_the_root_nulls_data(Mode mode)
    {
        var (data, errors) = await Run(mode, throws: true, "{ nonNullNest { nonNullValue } }");
        data.ShouldBe("null");
        errors.ShouldBe(["nonNullValue @ nonNullNest.nonNullValue (1:17)"]);
    }

    [Theory]
    [InlineData(Mode.Sync)]
    [InlineData(Mode.Async)]
    public async Task Errors_below_a_nulled_ancestor_are_not_reported(Mode mode)
    {
        // Both non-null leaves fail; the first nulls "nest", so the second's position no longer exists.
        var (data, errors) = await Run(mode, throws: true, "{ nest { nonNullValue nonNullNest { nonNullValue } } }");
        data.ShouldBe(Json("{'nest':null}"));
        errors.Length.ShouldBe(1);
    }

    [Theory]
    [InlineData(Mode.Sync)]
    [InlineData(Mode.Async)]
    public async Task Sibling_branches_keep_their_data(Mode mode)
    {
        var (data, errors) = await Run(mode, throws: true,
            "{ a: nest { nonNullValue } b: nest { nest { value } } }");
        data.ShouldBe(Json("{'a':null,'b':{'nest':{'value':null}}}"));
        errors.ShouldBe([
            "nonNullValue @ a.nonNullValue (1:13)",
            "value @ b.nest.value (1:45)",
        ]);
    }
}
