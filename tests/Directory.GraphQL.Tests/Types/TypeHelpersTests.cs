using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>Type predicates, printing and relations (graphql-js definition.ts and typeComparators.ts).</summary>
public sealed class TypeHelpersTests
{
    private static readonly Schema Schema = SchemaBuilder.BuildForValidation("""
        type Query { a: [Int!]! n: Node p: Pet }
        interface Node { id: ID! }
        interface Named implements Node { id: ID! name: String }
        type Dog implements Node & Named { id: ID! name: String }
        type Cat implements Node & Named { id: ID! name: String }
        type Rock { id: ID! }
        union Pet = Dog | Cat
        union Thing = Dog | Rock
        input In { a: Int }
        enum E { A }
        """);

    private static NamedType T(string name) => Schema.GetType(name)!;

    [Fact]
    public void Types_print_as_written_in_graphql()
    {
        Schema.QueryType!.Fields["a"]!.Type.ToString().ShouldBe("[Int!]!");
        new ListType(new ListType(new NonNullType(T("Dog")))).ToString().ShouldBe("[[Dog!]]");
        Should.Throw<ArgumentException>(() => new NonNullType(new NonNullType(BuiltInScalars.Int)));
    }

    [Fact]
    public void Type_references_resolve_against_the_schema()
    {
        TypeHelpers.TypeFromAst(Schema, Parser.ParseType("[Dog!]!"))!.ToString().ShouldBe("[Dog!]!");
        TypeHelpers.GetNamedType(TypeHelpers.TypeFromAst(Schema, Parser.ParseType("[Dog]"))).ShouldBeSameAs(T("Dog"));
        TypeHelpers.TypeFromAst(Schema, Parser.ParseType("[Unknown]")).ShouldBeNull();
    }

    [Fact]
    public void Predicates_classify_types()
    {
        TypeHelpers.IsInputType(new NonNullType(T("In"))).ShouldBeTrue();
        TypeHelpers.IsInputType(T("Dog")).ShouldBeFalse();
        TypeHelpers.IsOutputType(new ListType(T("E"))).ShouldBeTrue();
        TypeHelpers.IsOutputType(T("In")).ShouldBeFalse();
        TypeHelpers.IsLeafType(T("E")).ShouldBeTrue();
        TypeHelpers.IsLeafType(new NonNullType(BuiltInScalars.Int)).ShouldBeFalse();
        TypeHelpers.IsCompositeType(T("Pet")).ShouldBeTrue();
        TypeHelpers.IsAbstractType(T("Node")).ShouldBeTrue();
        TypeHelpers.IsAbstractType(T("Dog")).ShouldBeFalse();
        TypeHelpers.GetNamedType(Schema.QueryType!.Fields["a"]!.Type).ShouldBeSameAs(BuiltInScalars.Int);
        TypeHelpers.GetNullableType(new NonNullType(T("E"))).ShouldBeSameAs(T("E"));
    }

    [Fact]
    public void Equal_types_have_the_same_wrappers_around_the_same_named_type()
    {
        TypeHelpers.IsEqualType(new ListType(new NonNullType(T("E"))), new ListType(new NonNullType(T("E")))).ShouldBeTrue();
        TypeHelpers.IsEqualType(new ListType(T("E")), new NonNullType(new ListType(T("E")))).ShouldBeFalse();
    }

    [Fact]
    public void Subtypes_follow_non_null_list_and_abstract_membership()
    {
        TypeHelpers.IsTypeSubTypeOf(Schema, new NonNullType(T("Dog")), T("Dog")).ShouldBeTrue();
        TypeHelpers.IsTypeSubTypeOf(Schema, T("Dog"), new NonNullType(T("Dog"))).ShouldBeFalse();
        TypeHelpers.IsTypeSubTypeOf(Schema, new ListType(new NonNullType(T("Dog"))), new ListType(T("Node"))).ShouldBeTrue();
        TypeHelpers.IsTypeSubTypeOf(Schema, T("Dog"), new ListType(T("Dog"))).ShouldBeFalse();
        TypeHelpers.IsTypeSubTypeOf(Schema, T("Named"), T("Node")).ShouldBeTrue();
        TypeHelpers.IsTypeSubTypeOf(Schema, T("Dog"), T("Pet")).ShouldBeTrue();
        TypeHelpers.IsTypeSubTypeOf(Schema, T("Rock"), T("Node")).ShouldBeFalse();
    }

    [Fact]
    public void Overlap_means_some_object_type_could_be_both()
    {
        TypeHelpers.DoTypesOverlap(Schema, T("Pet"), T("Thing")).ShouldBeTrue();
        TypeHelpers.DoTypesOverlap(Schema, T("Pet"), T("Rock")).ShouldBeFalse();
        TypeHelpers.DoTypesOverlap(Schema, T("Node"), T("Rock")).ShouldBeFalse();
        TypeHelpers.DoTypesOverlap(Schema, T("Dog"), T("Named")).ShouldBeTrue();
        TypeHelpers.DoTypesOverlap(Schema, T("Dog"), T("Cat")).ShouldBeFalse();
    }

    [Fact]
    public void Schema_knows_possible_types_and_implementations()
    {
        Schema.GetPossibleTypes(T("Node")).Select(t => t.Name).ShouldBe(["Dog", "Cat"]);
        Schema.GetPossibleTypes(T("Pet")).Select(t => t.Name).ShouldBe(["Dog", "Cat"]);
        var implementations = Schema.GetImplementations((InterfaceType)T("Node"));
        implementations.Objects.Select(t => t.Name).ShouldBe(["Dog", "Cat"]);
        implementations.Interfaces.Select(t => t.Name).ShouldBe(["Named"]);
        Schema.IsSubType(T("Node"), T("Named")).ShouldBeTrue();
        Schema.IsSubType(T("Pet"), T("Rock")).ShouldBeFalse();
        Schema.TypeMap.ContainsKey("__Schema").ShouldBeTrue();
    }
}
