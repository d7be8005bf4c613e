using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// Arguments that read variables, compiled once per plan (issue 18 §7, <see cref="VariableArguments"/> and
/// <see cref="CompiledLiteral"/>): for every literal and every set of variables they must give what the general
/// coercion gives — the same values in the same order, or the same error — and a request coerces a field's arguments
/// once however many list items the field is resolved for.
/// </summary>
public sealed class CompiledArgumentsTests
{
    private const string Sdl = """
        input Filter { kind: String, ages: [Int!], min: Int = 0 }
        input Need { must: String!, maybe: [String] }
        input Wrap { filters: [Filter], need: Need }
        input Pick @oneOf { a: String, b: Int }
        type Item { label(prefix: String, suffix: String = "!"): String }
        type Query {
          echo(text: String, filter: Filter, list: [String], ints: [Int!], wrap: Wrap, pick: Pick, need: Need = { must: "d" }): String
          items: [Item]
        }
        """;

    // The argument maps the Item.label resolver was given, per test (tests may run in parallel).
    private static readonly AsyncLocal<List<IReadOnlyDictionary<string, object?>>> Seen = new();

    private static readonly GraphQL.Types.Schema Schema = BuildSchema(Sdl, b =>
    {
        b.Resolve("Query", "items", _ => new object[] { 1, 2, 3 });
        b.Resolve("Item", "label", c =>
        {
            Seen.Value!.Add(c.Arguments);
            return c.GetArgument<string>("prefix") + c.Parent + c.GetArgument<string>("suffix");
        });
    });

    public static TheoryData<string> Literals =>
    [
        "filter: { kind: $s }",
        "filter: { kind: $s, ages: [1, $i], min: $i }",
        "filter: { ages: [$i, 2] }",
        "filter: { ages: $i }",
        "filter: { ages: [$i] , min: 3 }",
        "list: [\"x\", $s, null]",
        "list: [$s]",
        "ints: [$i, $i]",
        "wrap: { filters: { kind: $s } }",
        "wrap: { filters: [{ kind: $s }, { min: $i }], need: { must: $s } }",
        "wrap: { need: { must: $s, maybe: $s } }",
        "wrap: { need: { maybe: [$s] } }",
        "pick: { a: $s }",
        "pick: { b: $i }",
        "pick: { a: $s, b: $i }",
        "need: { must: $s }",
        "filter: { kind: 5, min: $i }",
        "filter: { kind: $s } text: $s",
        "filter: { kind: $i }",
    ];

    public static IEnumerable<Dictionary<string, object?>> VariableSets()
    {
        yield return [];
        yield return new() { ["s"] = "dog", ["i"] = 4 };
        yield return new() { ["s"] = null, ["i"] = null };
        yield return new() { ["s"] = "cat" };
        yield return new() { ["i"] = 7 };
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public void A_compiled_literal_coerces_as_the_general_coercion_does(string arguments)
    {
        var field = Parser.Parse("query($s: String, $i: Int) { echo(" + arguments + ") }").Definitions
            .OfType<OperationDefinitionNode>().Single().SelectionSet.Selections.OfType<FieldNode>().Single();
        var definitions = Schema.GetFieldDefinition(Schema.QueryType!, "echo")!.Arguments;
        var compiled = new VariableArguments(definitions, field.Arguments, field, slot: 0);

        foreach (var variables in VariableSets())
        {
            var general = Outcome(() => InputCoercion.CoerceArgumentValues(definitions, field.Arguments, variables, field));
            var fromPlan = Outcome(() => compiled.Coerce(variables));
            fromPlan.ShouldBe(general, $"variables {Show(variables)}");
        }
    }

    private static string Outcome(Func<IReadOnlyDictionary<string, object?>> coerce)
    {
        try
        {
            var values = coerce();
            // Count and lookups as well as the enumeration: the map must agree with itself.
            values.Count.ShouldBe(values.Count());
            foreach (var (key, value) in values)
            {
                values.TryGetValue(key, out var found).ShouldBeTrue();
                found.ShouldBe(value);
            }
            return Show(values);
        }
        catch (GraphQLError error)
        {
            return "error: " + error.Message + " at " + string.Join(",", error.Locations.Select(l => l.Line + ":" + l.Column));
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "'" + s + "'",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.Select(e => e.Key + ":" + Show(e.Value))) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)! + ":" + value.GetType().Name,
    };

    [Fact]
    public async Task A_field_under_a_list_coerces_its_variable_arguments_once_per_request()
    {
        var executor = Executor(Schema);
        const string query = "query($p: String) { items { label(prefix: $p) } }";
        Seen.Value = [];

        var first = await executor.ExecuteAsync(Request(query, """{"p":"a"}"""));
        var firstMaps = Seen.Value.ToList();
        Seen.Value.Clear();
        var second = await executor.ExecuteAsync(Request(query, """{"p":"b"}"""));

        first.ToJson().ShouldBe(Json("{'data':{'items':[{'label':'a1!'},{'label':'a2!'},{'label':'a3!'}]}}"));
        second.ToJson().ShouldBe(Json("{'data':{'items':[{'label':'b1!'},{'label':'b2!'},{'label':'b3!'}]}}"));
        firstMaps.Count.ShouldBe(3);
        firstMaps.ShouldAllBe(map => ReferenceEquals(map, firstMaps[0]));
        Seen.Value.Count.ShouldBe(3);
        Seen.Value.ShouldAllBe(map => ReferenceEquals(map, Seen.Value[0]));
        // Per request, not per plan: the next request's variables give a map of their own.
        ReferenceEquals(Seen.Value[0], firstMaps[0]).ShouldBeFalse();
    }
}
