using Directory.GraphQL.Errors;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// Spec §3 type validation (graphql-js type/validate.ts). Each case's expected messages and locations were produced by
/// graphql@17.1.0: <c>validateSchema(buildSchema(sdl))</c>.
/// </summary>
public sealed class SchemaValidationTests
{
    private static IReadOnlyList<string> Problems(string sdl)
    {
        try
        {
            SchemaBuilder.BuildForValidation(sdl);
            return [];
        }
        catch (SchemaValidationException e)
        {
            e.Message.ShouldBe(string.Join("\n\n", e.Errors.Select(x => x.Message)));
            return e.Errors.Select(x => x.Message + " @ " + string.Join(" ", x.Locations.Select(l => $"{l.Line}:{l.Column}"))).ToList();
        }
    }

    [Fact]
    public void NoQueryType()
    {
        Problems("type Foo { a: Int }").ShouldBe(
        [
            "Query root type must be provided. @ ",
        ]);
    }

    [Fact]
    public void QueryRootNotObject()
    {
        Problems("schema { query: Q } input Q { a: Int }").ShouldBe(
        [
            "Query root type must be Object type, it cannot be Q. @ 1:17",
        ]);
    }

    [Fact]
    public void MutationRootNotObject()
    {
        Problems("schema { query: Query mutation: M } type Query { a: Int } enum M { A }").ShouldBe(
        [
            "Mutation root type must be Object type if provided, it cannot be M. @ 1:33",
        ]);
    }

    [Fact]
    public void SameRootTwice()
    {
        Problems("schema { query: Query mutation: Query } type Query { a: Int }").ShouldBe(
        [
            "All root types must be different, \"Query\" type is used as query and mutation root types. @ 1:17 1:33",
        ]);
    }

    [Fact]
    public void ReservedNames()
    {
        Problems("type Query { __bad: Int ok(__arg: Int): Int } type __Weird { a: Int } enum E { __V } input I { __f: Int }").ShouldBe(
        [
            "Name \"__bad\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:14",
            "Name \"__arg\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:28",
            "Name \"__Weird\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:47",
            "Name \"__V\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:80",
            "Name \"__f\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:96",
        ]);
    }

    [Fact]
    public void ObjectWithoutFields()
    {
        Problems("type Query { a: Empty } type Empty").ShouldBe(
        [
            "Type Empty must define one or more fields. @ 1:25",
        ]);
    }

    [Fact]
    public void InterfaceWithoutFields()
    {
        Problems("type Query { a: I } interface I").ShouldBe(
        [
            "Type I must define one or more fields. @ 1:21",
        ]);
    }

    [Fact]
    public void FieldWithInputType()
    {
        Problems("type Query { a: In } input In { x: Int }").ShouldBe(
        [
            "The type of Query.a must be Output Type but got: In. @ 1:17",
        ]);
    }

    [Fact]
    public void ArgWithOutputType()
    {
        Problems("type Query { a(o: Obj): Int } type Obj { x: Int }").ShouldBe(
        [
            "The type of Query.a(o:) must be Input Type but got: Obj. @ 1:19",
        ]);
    }

    [Fact]
    public void RequiredArgDeprecated()
    {
        Problems("type Query { a(x: Int! @deprecated): Int }").ShouldBe(
        [
            "Required argument Query.a(x:) cannot be deprecated. @ 1:24 1:19",
        ]);
    }

    [Fact]
    public void RequiredInputFieldDeprecated()
    {
        Problems("type Query { a(i: In): Int } input In { x: Int! @deprecated }").ShouldBe(
        [
            "Required input field In.x cannot be deprecated. @ 1:49 1:44",
        ]);
    }

    [Fact]
    public void ImplementsNonInterface()
    {
        Problems("type Query { a: Int } type Foo implements Query { a: Int }").ShouldBe(
        [
            "Type Foo must only implement Interface types, it cannot implement Query. @ 1:43",
        ]);
    }

    [Fact]
    public void ImplementsSelf()
    {
        Problems("type Query { a: Int } interface I implements I { a: Int }").ShouldBe(
        [
            "Type I cannot implement itself because it would create a circular reference. @ 1:46",
        ]);
    }

    [Fact]
    public void MissingInterfaceField()
    {
        Problems("type Query { n: Node } interface Node { id: ID! name: String } type Org implements Node { id: ID! }").ShouldBe(
        [
            "Interface field Node.name expected but Org does not provide it. @ 1:49 1:64",
        ]);
    }

    [Fact]
    public void WrongFieldType()
    {
        Problems("type Query { n: Node } interface Node { id: ID! } type Org implements Node { id: String }").ShouldBe(
        [
            "Interface field Node.id expects type ID! but Org.id is type String. @ 1:45 1:82",
        ]);
    }

    [Fact]
    public void CovariantOk()
    {
        Problems("type Query { n: Node } interface Node { id: ID friend: Node list: [Node] } type Org implements Node { id: ID! friend: Org list: [Org!]! }").ShouldBeEmpty();
    }

    [Fact]
    public void MissingInterfaceArg()
    {
        Problems("type Query { n: Node } interface Node { f(a: Int): Int } type Org implements Node { f: Int }").ShouldBe(
        [
            "Interface field argument Node.f(a:) expected but Org.f does not provide it. @ 1:43 1:85",
        ]);
    }

    [Fact]
    public void WrongArgType()
    {
        Problems("type Query { n: Node } interface Node { f(a: Int): Int } type Org implements Node { f(a: Int!): Int }").ShouldBe(
        [
            "Interface field argument Node.f(a:) expects type Int but Org.f(a:) is type Int!. @ 1:46 1:90",
        ]);
    }

    [Fact]
    public void ExtraRequiredArg()
    {
        Problems("type Query { n: Node } interface Node { f: Int } type Org implements Node { f(b: Int!, c: Int, d: Int! = 1): Int }").ShouldBe(
        [
            "Argument \"Org.f(b:)\" must not be required type \"Int!\" if not provided by the Interface field \"Node.f\". @ 1:79 1:41",
        ]);
    }

    [Fact]
    public void DeprecatedImplementation()
    {
        Problems("type Query { n: Node } interface Node { f: Int } type Org implements Node { f: Int @deprecated }").ShouldBe(
        [
            "Interface field Node.f is not deprecated, so implementation field Org.f must not be deprecated. @ 1:84 1:80",
        ]);
    }

    [Fact]
    public void TransitiveMissing()
    {
        Problems("type Query { n: Node } interface Node { id: ID } interface Named implements Node { id: ID name: String } type Org implements Named { id: ID name: String }").ShouldBe(
        [
            "Type Org must implement Node because it is implemented by Named. @ 1:77 1:126",
        ]);
    }

    [Fact]
    public void InterfaceCycle()
    {
        Problems("type Query { n: A } interface A implements B { x: Int } interface B implements A { x: Int }").ShouldBe(
        [
            "Type A cannot implement B because it would create a circular reference. @ 1:80 1:44",
            "Type B cannot implement A because it would create a circular reference. @ 1:44 1:80",
        ]);
    }

    [Fact]
    public void ImplementsTwice()
    {
        Problems("type Query { n: Node } interface Node { id: ID } type Org implements Node { id: ID } extend type Org implements Node").ShouldBe(
        [
            "Type Org can only implement Node once. @ 1:70 1:113",
        ]);
    }

    [Fact]
    public void UnionNonObject()
    {
        Problems("type Query { u: U } union U = Query | In | E input In { a: Int } enum E { A }").ShouldBe(
        [
            "Union type U can only include Object types, it cannot include In. @ 1:39",
            "Union type U can only include Object types, it cannot include E. @ 1:44",
        ]);
    }

    [Fact]
    public void UnionDuplicateMember()
    {
        Problems("type Query { u: U } union U = Query | Query").ShouldBe(
        [
            "Union type U can only include type Query once. @ 1:31 1:39",
        ]);
    }

    [Fact]
    public void UnionEmpty()
    {
        Problems("type Query { u: U } union U").ShouldBe(
        [
            "Union type U must define one or more member types. @ 1:21",
        ]);
    }

    [Fact]
    public void EnumEmpty()
    {
        Problems("type Query { e: E } enum E").ShouldBe(
        [
            "Enum type E must define one or more values. @ 1:21",
        ]);
    }

    [Fact]
    public void InputEmpty()
    {
        Problems("type Query { a(i: In): Int } input In").ShouldBe(
        [
            "Input Object type In must define one or more fields. @ 1:30",
        ]);
    }

    [Fact]
    public void InputFieldOutputType()
    {
        Problems("type Query { a(i: In): Int } input In { q: Query }").ShouldBe(
        [
            "The type of In.q must be Input Type but got: Query. @ 1:44",
        ]);
    }

    [Fact]
    public void NonnullInputCycle()
    {
        Problems("type Query { a(i: A): Int } input A { b: B! } input B { a: A! }").ShouldBe(
        [
            "Input Object A cannot be provided a finite value because it references itself through fields: A.b, B.a. @ 1:39 1:57",
        ]);
    }

    [Fact]
    public void NullableInputCycleOk()
    {
        Problems("type Query { a(i: A): Int } input A { b: B } input B { a: A! }").ShouldBeEmpty();
    }

    [Fact]
    public void ListInputCycleOk()
    {
        Problems("type Query { a(i: A): Int } input A { b: [A!]! }").ShouldBeEmpty();
    }

    [Fact]
    public void SelfNonnullCycle()
    {
        Problems("type Query { a(i: A): Int } input A { self: A! x: Int }").ShouldBe(
        [
            "Input Object A cannot be provided a finite value because it references itself through fields: A.self. @ 1:39",
        ]);
    }

    [Fact]
    public void OneofCycle()
    {
        Problems("type Query { a(i: A): Int } input A @oneOf { b: A c: B } input B @oneOf { a: A }").ShouldBe(
        [
            "Input Object A cannot be provided a finite value because it references itself through fields: A.b. @ 1:46",
            "Input Object A cannot be provided a finite value because it references itself through fields: A.c, B.a. @ 1:51 1:75",
        ]);
    }

    [Fact]
    public void OneofNonnullAndDefault()
    {
        Problems("type Query { a(i: O): Int } input O @oneOf { a: Int! b: String = \"x\" c: Int }").ShouldBe(
        [
            "OneOf input field O.a must be nullable. @ 1:49",
            "OneOf input field O.b cannot have a default value. @ 1:54",
        ]);
    }

    [Fact]
    public void BadDefaults()
    {
        Problems("type Query { f(a: Int = \"x\", b: [Int] = [1, \"y\"], c: In = {x: 1}, e: E = B, n: Int! = null): Int } input In { a: Int! b: String } enum E { A }").ShouldBe(
        [
            "Query.f(a:) has invalid default value: Int cannot represent non-integer value: \"x\" @ 1:25",
            "Query.f(b:) has invalid default value at [1]: Int cannot represent non-integer value: \"y\" @ 1:45",
            "Query.f(c:) has invalid default value: Expected value of type \"In\" to include required field \"a\", found: { x: 1 }. @ 1:59",
            "Query.f(c:) has invalid default value: Expected value of type \"In\" not to include unknown field \"x\". Did you mean \"a\" or \"b\"? Found: { x: 1 }. @ 1:60",
            "Query.f(e:) has invalid default value: Value \"B\" does not exist in \"E\" enum. Did you mean the enum value \"A\"? @ 1:74",
            "Query.f(n:) has invalid default value: Expected value of non-null type \"Int!\" not to be null. @ 1:87",
        ]);
    }

    [Fact]
    public void DefaultCycle()
    {
        Problems("type Query { a(i: A): Int } input A { b: B = {} } input B { a: A = {} }").ShouldBe(
        [
            "Invalid circular reference. The default value of Input Object field A.b references itself via the default values of: B.a. @ 1:46 1:68",
        ]);
    }

    [Fact]
    public void DirectiveNoLocationsReserved()
    {
        Problems("type Query { a: Int } directive @__d(__a: Int, o: Query, r: Int! @deprecated) on FIELD").ShouldBe(
        [
            "Name \"__d\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:23",
            "Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection. @ 1:38",
            "The type of @__d(o:) must be Input Type but got: Query. @ 1:48",
            "Required argument @__d(r:) cannot be deprecated. @ 1:66 1:61",
        ]);
    }

    [Fact]
    public void DirectiveBadDefault()
    {
        Problems("type Query { f: Int } directive @d(a: Int = 1.5) on FIELD").ShouldBe(
        [
            "@d(a:) has invalid default value: Int cannot represent non-integer value: 1.5 @ 1:45",
        ]);
    }

    [Fact]
    public void ManyProblems()
    {
        Problems("schema { query: Q mutation: Q } type Q { a: In } input In { q: Q } union U = In enum E").ShouldBe(
        [
            "All root types must be different, \"Q\" type is used as query and mutation root types. @ 1:17 1:29",
            "The type of Q.a must be Output Type but got: In. @ 1:45",
            "The type of In.q must be Input Type but got: Q. @ 1:64",
            "Union type U can only include Object types, it cannot include In. @ 1:78",
            "Enum type E must define one or more values. @ 1:81",
        ]);
    }

}
