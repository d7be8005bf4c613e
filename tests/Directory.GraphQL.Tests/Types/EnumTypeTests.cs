using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// The encoded names the direct JSON writer takes an enum value's name from (<c>EnumType.EncodedName</c>): by the
/// member's number for a bound CLR enum over int with small non-negative numbers, by the value otherwise; the same
/// answer either way, and none for a value that is not one of the type's.
/// </summary>
public sealed class EnumTypeTests
{
    private const string Sdl = """
        type Query { kind: Kind, level: Level, tone: Tone, loose: Loose }
        enum Kind { LOCAL_AUTHORITY CHARITY POLICE }
        enum Level { LOW HIGH }
        enum Tone { COLD WARM }
        enum Loose { ONE TWO }
        """;

    public enum Kind
    {
        // Numbered out of declaration order and with a gap, so a table by position would give the wrong names.
        Police = 4,
        LocalAuthority = 0,
        Charity = 2,
    }

    public enum Level
    {
        Low = -1,
        High = 1,
    }

    public enum Tone : byte
    {
        Cold,
        Warm,
    }

    private static Schema Schema() => SchemaBuilder.FromSdl(Sdl)
        .BindEnum<Kind>("Kind").BindEnum<Level>("Level").BindEnum<Tone>("Tone")
        .Build(BuildOptions.TypesOnly);

    private static string? Name(string type, object value) =>
        ((EnumType)Schema().GetType(type)!).EncodedName(value)?.ToString();

    [Theory]
    [InlineData(Kind.LocalAuthority, "LOCAL_AUTHORITY")]
    [InlineData(Kind.Charity, "CHARITY")]
    [InlineData(Kind.Police, "POLICE")]
    public void A_bound_enum_over_int_names_each_member(Kind member, string name) => Name("Kind", member).ShouldBe(name);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void A_number_that_is_no_value_of_the_type_has_no_name(int number) => Name("Kind", (Kind)number).ShouldBeNull();

    [Fact]
    public void Values_of_other_types_have_no_name()
    {
        Name("Kind", 0).ShouldBeNull();
        Name("Kind", Level.High).ShouldBeNull();
        Name("Kind", "CHARITY").ShouldBeNull();
    }

    [Fact]
    public void Negative_members_byte_enums_and_unbound_enums_are_named_by_their_values()
    {
        Name("Level", Level.Low).ShouldBe("LOW");
        Name("Level", Level.High).ShouldBe("HIGH");
        Name("Tone", Tone.Warm).ShouldBe("WARM");
        Name("Loose", "TWO").ShouldBe("TWO");
        Name("Loose", "THREE").ShouldBeNull();
    }
}
