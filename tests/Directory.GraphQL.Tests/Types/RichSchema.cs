namespace Directory.GraphQL.Tests.Types;

/// <summary>
/// A schema using every type-system feature (descriptions, interfaces implementing interfaces, unions, enums with
/// deprecations, input objects with defaults, @oneOf, @specifiedBy, repeatable directives, extensions). The printer
/// and introspection tests both compare our output with graphql-js's for this one SDL.
/// </summary>
internal static class RichSchema
{
    public const string Sdl = """""
"""
The directory schema.
"""
schema {
  query: Root
  mutation: Changes
}

"Marks a field as needing a role."
directive @auth(
  "The role"
  role: String! = "admin"
  scopes: [String!] = ["read", "write"]
) repeatable on FIELD_DEFINITION | OBJECT

directive @tag(name: String!) on SCALAR | ENUM_VALUE | INPUT_FIELD_DEFINITION

"""
Who commissions.
Second line with "quotes" and a trailing quote"
"""
type Root {
  "Fetch one organisation by id."
  organisation(id: ID!): Organisation @auth
  organisations(
    "How many"
    first: Int = 10
    after: String
    filter: OrgFilter = {kind: LOCAL_AUTHORITY, names: ["a", "b"], nested: {flag: true}}
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

"   leading spaces"
type Organisation implements Node & Named @auth(role: "viewer") {
  id: ID!
  name: String!
  kind: OrgType!
  website: String
}

type Service implements Node {
  id: ID!
}

union SearchResult = Organisation | Service

enum OrgType {
  "A council"
  LOCAL_AUTHORITY
  CHARITY @deprecated(reason: "Merged into VOLUNTARY")
  VOLUNTARY
  "Health"
  ICB @tag(name: "x")
}

input OrgFilter {
  kind: OrgType = CHARITY
  names: [String!]
  nested: Nested
  "A block default"
  text: String = """multi
line"""
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

extend type Service {
  title: String
}

extend enum OrgType {
  OTHER
}

extend union SearchResult = Other

type Other {
  x: Int
}
""""";
}
