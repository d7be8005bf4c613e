using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// Schema printing (graphql-js v17 printSchema). Each expected text was produced by graphql@17.1.0:
/// <c>printSchema(buildSchema(sdl))</c> for the same SDL.
/// </summary>
public sealed class SchemaPrinterTests
{

    private const string RichExpected = """""
"""The directory schema."""
schema {
  query: Root
  mutation: Changes
}

"""Marks a field as needing a role."""
directive @auth(
  """The role"""
  role: String! = "admin"
  scopes: [String!] = ["read", "write"]
) repeatable on FIELD_DEFINITION | OBJECT

directive @tag(name: String!) on SCALAR | ENUM_VALUE | INPUT_FIELD_DEFINITION

"""
Who commissions.
Second line with "quotes" and a trailing quote"
"""
type Root {
  """Fetch one organisation by id."""
  organisation(id: ID!): Organisation
  organisations(
    """How many"""
    first: Int = 10
    after: String
    filter: OrgFilter = { kind: LOCAL_AUTHORITY, names: ["a", "b"], nested: { flag: true } }
  ): [Organisation!]!
  legacy: String @deprecated
  old(arg: Int @deprecated(reason: "use new")): String @deprecated(reason: "Use `organisations`.")
  search(term: String!): [SearchResult]
  node(id: ID!): Node
  when: DateTime
}

type Changes {
  rename(id: ID!, name: String!): Organisation
}

interface Node {
  id: ID!
}

interface Named implements Node {
  id: ID!
  name: String!
}

"""   leading spaces"""
type Organisation implements Node & Named {
  id: ID!
  name: String!
  kind: OrgType!
  website: String
}

type Service implements Node {
  id: ID!
  title: String
}

union SearchResult = Organisation | Service | Other

enum OrgType {
  """A council"""
  LOCAL_AUTHORITY
  CHARITY @deprecated(reason: "Merged into VOLUNTARY")
  VOLUNTARY

  """Health"""
  ICB
  OTHER
}

input OrgFilter {
  kind: OrgType = CHARITY
  names: [String!]
  nested: Nested

  """A block default"""
  text: String = """
multi
line
"""
  gone: Int @deprecated
}

input Nested {
  flag: Boolean = false
  f: Float = 1.5
}

input Choice @oneOf {
  byId: ID
  byName: String
}

scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

scalar Unspecified

type Other {
  x: Int
}
""""";

    private const string EdgeSdl = """""
"schema description forces a schema block"
schema { query: Query }

type Query {
  "\nstarts with newline"
  a: String
  "has\ttab and \"quotes\" and a backslash\\"
  b(x: [[Int!]]! = [[1, 2], [3]], y: Big = {}): Int
  "ends with triple \"\"\""
  c(l: [String] = ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]): Float
  "This description is longer than seventy characters so it will print on its own lines."
  d(big: Big = {one: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", two: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", three: 3}): Boolean
  e(
    "arg one"
    one: Int
    "arg two\nspans lines"
    two: String = "x\"y"
  ): [Boolean!]
}

input Big {
  one: String
  two: String
  three: Int
}

directive @onAll(a: Int) on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
""""";

    private const string EdgeExpected = """""
"""schema description forces a schema block"""
schema {
  query: Query
}

directive @onAll(a: Int) on QUERY | MUTATION | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

type Query {
  "\nstarts with newline"
  a: String

  """
  has	tab and "quotes" and a backslash\
  """
  b(x: [[Int!]]! = [[1, 2], [3]], y: Big = {  }): Int

  """
  ends with triple \"""
  """
  c(l: [String] = [
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
]): Float

  """
  This description is longer than seventy characters so it will print on its own lines.
  """
  d(big: Big = {
  one: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  two: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
  three: 3
}): Boolean
  e(
    """arg one"""
    one: Int

    """
    arg two
    spans lines
    """
    two: String = "x\"y"
  ): [Boolean!]
}

input Big {
  one: String
  two: String
  three: Int
}
""""";

    private const string PlainSdl = """""
type Mutation { go: Boolean }
type Query { ok: Boolean }
type Subscription { tick: Int }
""""";

    private const string PlainExpected = """""
type Mutation {
  go: Boolean
}

type Query {
  ok: Boolean
}

type Subscription {
  tick: Int
}
""""";

    private const string NoquerySdl = """""
schema { query: Q subscription: S }
type Q { a: Int }
type S { b: Int }
type Query { unused: Int }
""""";

    private const string NoqueryExpected = """""
schema {
  query: Q
  subscription: S
}

type Q {
  a: Int
}

type S {
  b: Int
}

type Query {
  unused: Int
}
""""";

    [Fact]
    public void Prints_rich_schema_like_graphql_js()
    {
        SchemaPrinter.Print(SchemaBuilder.BuildForValidation(RichSchema.Sdl)).ShouldBe(RichExpected);
    }

    [Fact]
    public void Prints_edge_schema_like_graphql_js()
    {
        SchemaPrinter.Print(SchemaBuilder.BuildForValidation(EdgeSdl)).ShouldBe(EdgeExpected);
    }

    [Fact]
    public void Prints_plain_schema_like_graphql_js()
    {
        SchemaPrinter.Print(SchemaBuilder.BuildForValidation(PlainSdl)).ShouldBe(PlainExpected);
    }

    [Fact]
    public void Prints_noquery_schema_like_graphql_js()
    {
        SchemaPrinter.Print(SchemaBuilder.BuildForValidation(NoquerySdl)).ShouldBe(NoqueryExpected);
    }

}
