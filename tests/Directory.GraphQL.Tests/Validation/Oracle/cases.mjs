// Validation rule test cases, per rule: [name, document, options]. Options: suggest (include "Did you mean"),
// schema (SDL of a schema to use instead of harness.graphql). Expected results come from graphql-js.
export default {
  ExecutableDefinitions: [
    ['with input, enum, union and interface definitions and extensions', `
      { dog { name } }
      input I { a: Int }
      enum E { A }
      union U = Dog
      interface Named { name: String }
      extend interface Named @x
      extend union U = Cat
      extend enum E { B }
      extend input I { b: Int }
      extend scalar String @x
    `],
    ['with only operation', `query Foo { dog { name } }`],
    ['with operation and fragment', `
      query Foo { dog { name ...Frag } }
      fragment Frag on Dog { name }
    `],
    ['with type definition', `
      query Foo { dog { name } }
      type Cow { name: String }
      extend type Dog { color: String }
    `],
    ['with schema definition', `
      schema { query: Query }
      type Query { test: String }
      extend schema @directive
    `],
    ['with directive definition', `
      { dog { name } }
      directive @foo on FIELD
      scalar Date
    `],
  ],

  KnownOperationTypes: [
    ['one known operation', `{ dog { name } }`],
    ['all known operations', `
      query Q { dog { name } }
      mutation M { renameDog(name: "x") { name } }
      subscription S { newMessage }
    `],
    ['unknown mutation and subscription', `
      mutation M { field }
      subscription S { field }
    `, { schema: `type Query { dog: String }` }],
    ['unknown operations in one document', `
      query { dog }
      mutation { x }
      subscription { y }
    `, { schema: `type Query { dog: String }` }],
  ],

  UniqueOperationNames: [
    ['no operations', `fragment fragA on Dog { name }`],
    ['one anon operation', `{ dog { name } }`],
    ['one named operation', `query Foo { dog { name } }`],
    ['multiple operations', `
      query Foo { dog { name } }
      query Bar { dog { name } }
    `],
    ['multiple operations of different types', `
      query Foo { dog { name } }
      mutation Bar { renameDog(name: "a") { name } }
      subscription Baz { newMessage }
    `],
    ['fragment and operation named the same', `
      query Foo { ...Foo }
      fragment Foo on QueryRoot { dog { name } }
    `],
    ['multiple operations of same name', `
      query Foo { dog { name } }
      query Foo { cat { name } }
    `],
    ['multiple ops of same name of different types (mutation)', `
      query Foo { dog { name } }
      mutation Foo { renameDog(name: "a") { name } }
    `],
    ['multiple ops of same name of different types (subscription)', `
      query Foo { dog { name } }
      subscription Foo { newMessage }
    `],
    ['three operations of same name', `
      query Foo { a: dog { name } }
      query Foo { b: dog { name } }
      query Foo { c: dog { name } }
    `],
  ],

  LoneAnonymousOperation: [
    ['no operations', `fragment fragA on Dog { name }`],
    ['one anon operation', `{ dog { name } }`],
    ['multiple named operations', `
      query Foo { dog { name } }
      query Bar { dog { name } }
    `],
    ['anon operation with fragment', `
      { ...Foo }
      fragment Foo on QueryRoot { dog { name } }
    `],
    ['multiple anon operations', `
      { dog { name } }
      { cat { name } }
    `],
    ['anon operation with a mutation', `
      { dog { name } }
      mutation Foo { renameDog(name: "a") { name } }
    `],
    ['anon operation with a subscription', `
      { dog { name } }
      subscription Foo { newMessage }
    `],
  ],

  SingleFieldSubscriptions: [
    ['valid subscription', `subscription ImportantEmails { importantEmails }`],
    ['valid subscription with fragment', `
      subscription sub { ...newMessageFields }
      fragment newMessageFields on SubscriptionRoot { newMessage }
    `],
    ['valid subscription with fragment and field', `
      subscription sub { newMessage ...newMessageFields }
      fragment newMessageFields on SubscriptionRoot { newMessage }
    `],
    ['fails with more than one root field', `
      subscription ImportantEmails {
        importantEmails
        notImportantEmails
      }
    `],
    ['fails with more than one root field including introspection', `
      subscription ImportantEmails {
        importantEmails
        __typename
      }
    `],
    ['fails with more than one root field including aliased introspection via fragment', `
      subscription ImportantEmails {
        importantEmails
        ...Introspection
      }
      fragment Introspection on SubscriptionRoot {
        typename: __typename
      }
    `],
    ['fails with many more than one root field', `
      subscription ImportantEmails {
        importantEmails
        notImportantEmails
        spamEmails
      }
    `],
    ['fails with many more than one root field via fragments', `
      subscription ImportantEmails {
        importantEmails
        ... {
          more: moreImportantEmails
        }
        ...NotImportantEmails
      }
      fragment NotImportantEmails on SubscriptionRoot {
        notImportantEmails
        deleted: deletedEmails
        ...SpamEmails
      }
      fragment SpamEmails on SubscriptionRoot {
        spamEmails
      }
    `],
    ['does not infinite loop on recursive fragments', `
      subscription NoInfiniteLoop {
        ...A
      }
      fragment A on SubscriptionRoot {
        ...A
      }
    `],
    ['fails with many more than one root field via fragments (anonymous)', `
      subscription {
        importantEmails
        ... {
          more: moreImportantEmails
          ...NotImportantEmails
        }
        ...NotImportantEmails
      }
      fragment NotImportantEmails on SubscriptionRoot {
        notImportantEmails
        deleted: deletedEmails
        ... {
          ... {
            archivedEmails: newMessage
          }
        }
        ...SpamEmails
      }
      fragment SpamEmails on SubscriptionRoot {
        spamEmails
        ...NonExistentFragment
      }
    `],
    ['fails with more than one root field in anonymous subscriptions', `
      subscription {
        importantEmails
        notImportantEmails
      }
    `],
    ['fails with introspection field', `
      subscription ImportantEmails {
        __typename
      }
    `],
    ['fails with introspection field in anonymous subscription', `
      subscription {
        __typename
      }
    `],
    ['fails with @skip or @include directive', `
      subscription RequiredRuntimeValidation($bool: Boolean!) {
        newMessage @include(if: $bool)
        disallowedSecondRootField @skip(if: $bool)
      }
    `],
    ['fails with @skip or @include directive in anonymous subscription', `
      subscription ($bool: Boolean!) {
        newMessage @include(if: $bool)
        ... @skip(if: $bool) { importantEmails }
      }
    `],
    ['fails when nothing is selected', `
      subscription {
        ... on QueryRoot { dog { name } }
      }
    `],
    ['skips if not subscription type', `
      subscription {
        __typename
      }
    `, { schema: `type Query { dummy: String }` }],
  ],

  KnownTypeNames: [
    ['suggests introspection type names', `
      fragment f on __Typ { name }
      query ($a: Strin, $b: In) { dog { name } }
    `, { suggest: true }],
    ['unknown type in inline fragment and variable list', `
      query ($a: [[Unknwon]]) {
        dog { ... on Cattt { name } }
      }
    `, { suggest: true }],
    ['introspection types are known', `
      fragment T on __Type { name }
      fragment S on __Schema { types { name } }
    `],
    ['known type names are valid', `
      query Foo(
        $var: String
        $required: [Int!]!
        $introspectionType: __EnumValue
      ) {
        user(id: 4) {
          pets { ... on Pet { name }, ...PetFields, ... { name } }
        }
      }
      fragment PetFields on Pet {
        name
      }
    `],
    ['unknown type names are invalid', `
      query Foo($var: [JumbledUpLetters!]!) {
        user(id: 4) {
          name
          pets { ... on Badger { name }, ...PetFields }
        }
      }
      fragment PetFields on Peat {
        name
      }
    `],
    ['unknown type names with suggestions', `
      query Foo($var: [JumbledUpLetters!]!) {
        pets { ... on Badger { name }, ...PetFields }
      }
      fragment PetFields on Peat {
        name
      }
    `, { suggest: true }],
    ['references to standard scalars that are missing in schema', `
      query ($id: ID, $float: Float, $int: Int) {
        __typename
      }
    `, { schema: `type Query { foo: String }` }],
    ['type definitions in the document', `
      type Query { foo: Foo, bar: Bar }
      type Foo { x: Int }
      input Arg { z: Zed }
    `],
  ],

  FragmentsOnCompositeTypes: [
    ['object is valid fragment type', `fragment validFragment on Dog { barks }`],
    ['interface is valid fragment type', `fragment validFragment on Pet { name }`],
    ['object is valid inline fragment type', `
      fragment validFragment on Pet {
        ... on Dog { barks }
      }
    `],
    ['interface is valid inline fragment type', `
      fragment validFragment on Mammal {
        ... on Canine { name }
      }
    `],
    ['inline fragment without type is valid', `
      fragment validFragment on Pet {
        ... { name }
      }
    `],
    ['union is valid fragment type', `fragment validFragment on CatOrDog { __typename }`],
    ['scalar is invalid fragment type', `fragment scalarFragment on Boolean { bad }`],
    ['enum is invalid fragment type', `fragment scalarFragment on FurColor { bad }`],
    ['input object is invalid fragment type', `fragment inputFragment on ComplexInput { stringField }`],
    ['scalar is invalid inline fragment type', `
      fragment invalidFragment on Pet {
        ... on String { barks }
      }
    `],
  ],

  VariablesAreInputTypes: [
    ['enum and nested input lists are valid', `
      query Foo($a: FurColor, $b: [[ComplexInput!]]!) { field(a: $a, b: $b) }
    `],
    ['interface and union types in lists are invalid', `
      query Foo($a: [Being], $b: HumanOrAlien!) { field(a: $a, b: $b) }
    `],
    ['unknown types are ignored', `
      query Foo($a: Unknown, $b: [[Unknown!]]!) { field(a: $a, b: $b) }
    `],
    ['input types are valid', `
      query Foo($a: String, $b: [Boolean!]!, $c: ComplexInput) { field(a: $a, b: $b, c: $c) }
    `],
    ['output types are invalid', `
      query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { field(a: $a, b: $b, c: $c) }
    `],
  ],

  ScalarLeafs: [
    ['leaf via interface and union', `
      {
        pet { name { x } }
        catOrDog
        being { __typename }
      }
    `],
    ['valid scalar selection', `fragment scalarSelection on Dog { barks }`],
    ['object type missing selection', `query directQueryOnObjectWithoutSubFields { human }`],
    ['interface type missing selection', `{ human { pets } }`],
    ['valid scalar selection with args', `
      fragment scalarSelectionWithArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
      }
    `],
    ['scalar selection not allowed on Boolean', `
      fragment scalarSelectionsNotAllowedOnBoolean on Dog {
        barks { sinceWhen }
      }
    `],
    ['scalar selection not allowed on Enum', `
      fragment scalarSelectionsNotAllowedOnEnum on Cat {
        furColor { inHexDec }
      }
    `],
    ['scalar selection not allowed with args', `
      fragment scalarSelectionsNotAllowedWithArgs on Dog {
        doesKnowCommand(dogCommand: SIT) { sinceWhen }
      }
    `],
    ['scalar selection not allowed with directives', `
      fragment scalarSelectionsNotAllowedWithDirectives on Dog {
        name @include(if: true) { isAlsoHumanName }
      }
    `],
    ['scalar selection not allowed with directives and args', `
      fragment scalarSelectionsNotAllowedWithDirectivesAndArgs on Dog {
        doesKnowCommand(dogCommand: SIT) @include(if: true) { sinceWhen }
      }
    `],
    ['non-null list of objects missing selection', `{ human { relatives } }`],
  ],

  FieldsOnCorrectType: [
    ['field of several implementations suggests the shared interface first', `
      { being { iq } }
    `, { suggest: true }],
    ['field on union member types sorted by usage then name', `
      { dogOrHuman { iq name barkVolume } }
    `, { suggest: true }],
    ['object field selection', `
      fragment objectFieldSelection on Dog {
        __typename
        name
      }
    `],
    ['aliased object field selection', `
      fragment aliasedObjectFieldSelection on Dog {
        tn : __typename
        otherName : name
      }
    `],
    ['interface field selection', `
      fragment interfaceFieldSelection on Pet {
        __typename
        name
      }
    `],
    ['lying alias selection', `
      fragment lyingAliasSelection on Dog {
        name : nickname
      }
    `],
    ['ignores fields on unknown type', `
      fragment unknownSelection on UnknownType {
        unknownField
      }
    `],
    ['reports errors when type is known again', `
      fragment typeKnownAgain on Pet {
        unknown_pet_field {
          ... on Cat {
            unknown_cat_field
          }
        }
      }
    `],
    ['field not defined on fragment', `
      fragment fieldNotDefined on Dog {
        meowVolume
      }
    `],
    ['field not defined on fragment with suggestions', `
      fragment fieldNotDefined on Dog {
        meowVolume
      }
    `, { suggest: true }],
    ['ignores deeply unknown field', `
      fragment deepFieldNotDefined on Dog {
        unknown_field {
          deeper_unknown_field
        }
      }
    `],
    ['sub-field not defined', `
      fragment subFieldNotDefined on Human {
        pets {
          unknown_field
        }
      }
    `],
    ['field not defined on inline fragment', `
      fragment fieldNotDefined on Pet {
        ... on Dog {
          meowVolume
        }
      }
    `, { suggest: true }],
    ['aliased field target not defined', `
      fragment aliasedFieldTargetNotDefined on Dog {
        volume : mooVolume
      }
    `, { suggest: true }],
    ['aliased lying field target not defined', `
      fragment aliasedLyingFieldTargetNotDefined on Dog {
        barkVolume : kawVolume
      }
    `, { suggest: true }],
    ['not defined on interface', `
      fragment notDefinedOnInterface on Pet {
        tailLength
      }
    `, { suggest: true }],
    ['defined on implementors but not on interface', `
      fragment definedOnImplementorsButNotInterface on Pet {
        nickname
      }
    `, { suggest: true }],
    ['meta field selection on union', `
      fragment directFieldSelectionOnUnion on CatOrDog {
        __typename
      }
    `],
    ['direct field selection on union', `
      fragment directFieldSelectionOnUnion on CatOrDog {
        directField
      }
    `, { suggest: true }],
    ['defined on implementors queried on union', `
      fragment definedOnImplementorsQueriedOnUnion on CatOrDog {
        name
      }
    `, { suggest: true }],
    ['defined on implementors queried on union without suggestions', `
      fragment definedOnImplementorsQueriedOnUnion on CatOrDog {
        name
      }
    `],
    ['valid field in inline fragment', `
      fragment objectFieldSelection on Pet {
        ... on Dog {
          name
        }
        ... {
          name
        }
      }
    `],
    ['introspection meta fields only on query root', `
      {
        __schema { queryType { name } }
        dog { __schema { queryType { name } } __type(name: "Dog") { name } }
      }
    `],
    ['union of humans and aliens suggests interface first', `
      fragment f on HumanOrAlien {
        iq
      }
    `, { suggest: true }],
  ],

  UniqueFragmentNames: [
    ['no fragments', `{ field }`],
    ['one fragment', `
      { ...fragA }
      fragment fragA on Type { field }
    `],
    ['many fragments', `
      { ...fragA ...fragB ...fragC }
      fragment fragA on Type { fieldA }
      fragment fragB on Type { fieldB }
      fragment fragC on Type { fieldC }
    `],
    ['inline fragments are always unique', `
      { ...on Type { fieldA } ...on Type { fieldB } }
    `],
    ['fragment and operation named the same', `
      query Foo { ...Foo }
      fragment Foo on Type { field }
    `],
    ['fragments named the same', `
      { ...fragA }
      fragment fragA on Type { fieldA }
      fragment fragA on Type { fieldB }
    `],
    ['fragments named the same without being referenced', `
      fragment fragA on Type { fieldA }
      fragment fragA on Type { fieldB }
    `],
  ],

  KnownFragmentNames: [
    ['unknown fragment inside inline fragment and nested field', `
      {
        dog { ... on Dog { mother { ...Missing } } }
        ...AlsoMissing
      }
    `],
    ['known fragment names are valid', `
      {
        human(id: 4) {
          ...HumanFields1
          ... on Human {
            ...HumanFields2
          }
          ... {
            name
          }
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
    `],
    ['unknown fragment names are invalid', `
      {
        human(id: 4) {
          ...UnknownFragment1
          ... on Human {
            ...UnknownFragment2
          }
        }
      }
      fragment HumanFields on Human {
        name
        ...UnknownFragment3
      }
    `],
  ],

  NoUnusedFragments: [
    ['all fragment names are used', `
      {
        human(id: 4) {
          ...HumanFields1
          ... on Human {
            ...HumanFields2
          }
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
    `],
    ['all fragment names are used by multiple operations', `
      query Foo {
        human(id: 4) {
          ...HumanFields1
        }
      }
      query Bar {
        human(id: 4) {
          ...HumanFields2
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
    `],
    ['contains unknown fragments', `
      query Foo {
        human(id: 4) {
          ...HumanFields1
        }
      }
      query Bar {
        human(id: 4) {
          ...HumanFields2
        }
      }
      fragment HumanFields1 on Human {
        name
        ...HumanFields3
      }
      fragment HumanFields2 on Human {
        name
      }
      fragment HumanFields3 on Human {
        name
      }
      fragment Unused1 on Human {
        name
      }
      fragment Unused2 on Human {
        name
      }
    `],
    ['contains unknown fragments with ref cycle', `
      query Foo {
        human(id: 4) {
          ...HumanFields1
        }
      }
      fragment HumanFields1 on Human {
        name
      }
      fragment Unused1 on Human {
        name
        ...Unused2
      }
      fragment Unused2 on Human {
        name
        ...Unused1
      }
    `],
    ['contains unknown and undef fragments', `
      query Foo {
        human(id: 4) {
          ...bar
        }
      }
      fragment foo on Human {
        name
      }
    `],
  ],

  PossibleFragmentSpreads: [
    ['of the same object', `
      fragment objectWithinObject on Dog { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
    `],
    ['of the same object with inline fragment', `
      fragment objectWithinObjectAnon on Dog { ... on Dog { barkVolume } }
    `],
    ['object into an implemented interface', `
      fragment objectWithinInterface on Pet { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
    `],
    ['object into containing union', `
      fragment objectWithinUnion on CatOrDog { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
    `],
    ['union into contained object', `
      fragment unionWithinObject on Dog { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
    `],
    ['union into overlapping interface', `
      fragment unionWithinInterface on Pet { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
    `],
    ['union into overlapping union', `
      fragment unionWithinUnion on DogOrHuman { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
    `],
    ['interface into implemented object', `
      fragment interfaceWithinObject on Dog { ...petFragment }
      fragment petFragment on Pet { name }
    `],
    ['interface into overlapping interface', `
      fragment interfaceWithinInterface on Pet { ...beingFragment }
      fragment beingFragment on Being { name }
    `],
    ['interface into overlapping interface in inline fragment', `
      fragment interfaceWithinInterface on Pet { ... on Being { name } }
    `],
    ['interface into overlapping union', `
      fragment interfaceWithinUnion on CatOrDog { ...petFragment }
      fragment petFragment on Pet { name }
    `],
    ['ignores incorrect type (caught by FragmentsOnCompositeTypes)', `
      fragment petFragment on Pet { ...badInADifferentWay }
      fragment badInADifferentWay on String { name }
    `],
    ['ignores unknown fragments (caught by KnownFragmentNames)', `
      fragment petFragment on Pet { ...UnknownFragment }
    `],
    ['different object into object', `
      fragment invalidObjectWithinObject on Cat { ...dogFragment }
      fragment dogFragment on Dog { barkVolume }
    `],
    ['different object into object in inline fragment', `
      fragment invalidObjectWithinObjectAnon on Cat {
        ... on Dog { barkVolume }
      }
    `],
    ['object into not implementing interface', `
      fragment invalidObjectWithinInterface on Pet { ...humanFragment }
      fragment humanFragment on Human { pets { name } }
    `],
    ['object into not containing union', `
      fragment invalidObjectWithinUnion on CatOrDog { ...humanFragment }
      fragment humanFragment on Human { pets { name } }
    `],
    ['union into not contained object', `
      fragment invalidUnionWithinObject on Human { ...catOrDogFragment }
      fragment catOrDogFragment on CatOrDog { __typename }
    `],
    ['union into non overlapping interface', `
      fragment invalidUnionWithinInterface on Pet { ...humanOrAlienFragment }
      fragment humanOrAlienFragment on HumanOrAlien { __typename }
    `],
    ['union into non overlapping union', `
      fragment invalidUnionWithinUnion on CatOrDog { ...humanOrAlienFragment }
      fragment humanOrAlienFragment on HumanOrAlien { __typename }
    `],
    ['interface into non implementing object', `
      fragment invalidInterfaceWithinObject on Cat { ...intelligentFragment }
      fragment intelligentFragment on Intelligent { iq }
    `],
    ['interface into non overlapping interface', `
      fragment invalidInterfaceWithinInterface on Pet {
        ...intelligentFragment
      }
      fragment intelligentFragment on Intelligent { iq }
    `],
    ['interface into non overlapping interface in inline fragment', `
      fragment invalidInterfaceWithinInterfaceAnon on Pet {
        ...on Intelligent { iq }
      }
    `],
    ['interface into non overlapping union', `
      fragment invalidInterfaceWithinUnion on HumanOrAlien { ...petFragment }
      fragment petFragment on Pet { name }
    `],
  ],

  NoFragmentCycles: [
    ['single reference is valid', `
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { name }
    `],
    ['spreading twice is not circular', `
      fragment fragA on Dog { ...fragB, ...fragB }
      fragment fragB on Dog { name }
    `],
    ['spreading twice indirectly is not circular', `
      fragment fragA on Dog { ...fragB, ...fragC }
      fragment fragB on Dog { ...fragC }
      fragment fragC on Dog { name }
    `],
    ['double spread within abstract types', `
      fragment nameFragment on Pet {
        ... on Dog { name }
        ... on Cat { name }
      }
      fragment spreadsInAnon on Pet {
        ... on Dog { ...nameFragment }
        ... on Cat { ...nameFragment }
      }
    `],
    ['does not false positive on unknown fragment', `
      fragment nameFragment on Pet {
        ...UnknownFragment
      }
    `],
    ['spreading recursively within field fails', `
      fragment fragA on Human { relatives { ...fragA } },
    `],
    ['no spreading itself directly', `
      fragment fragA on Dog { ...fragA }
    `],
    ['no spreading itself directly within inline fragment', `
      fragment fragA on Pet {
        ... on Dog {
          ...fragA
        }
      }
    `],
    ['no spreading itself indirectly', `
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { ...fragA }
    `],
    ['no spreading itself indirectly reports opposite order', `
      fragment fragB on Dog { ...fragA }
      fragment fragA on Dog { ...fragB }
    `],
    ['no spreading itself indirectly within inline fragment', `
      fragment fragA on Pet {
        ... on Dog {
          ...fragB
        }
      }
      fragment fragB on Pet {
        ... on Dog {
          ...fragA
        }
      }
    `],
    ['no spreading itself deeply', `
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { ...fragC }
      fragment fragC on Dog { ...fragO }
      fragment fragX on Dog { ...fragY }
      fragment fragY on Dog { ...fragZ }
      fragment fragZ on Dog { ...fragO }
      fragment fragO on Dog { ...fragP }
      fragment fragP on Dog { ...fragA, ...fragX }
    `],
    ['no spreading itself deeply two paths', `
      fragment fragA on Dog { ...fragB, ...fragC }
      fragment fragB on Dog { ...fragA }
      fragment fragC on Dog { ...fragA }
    `],
    ['no spreading itself deeply two paths alt traverse order', `
      fragment fragA on Dog { ...fragC }
      fragment fragB on Dog { ...fragC }
      fragment fragC on Dog { ...fragA, ...fragB }
    `],
    ['no spreading itself deeply and immediately', `
      fragment fragA on Dog { ...fragB }
      fragment fragB on Dog { ...fragB, ...fragC }
      fragment fragC on Dog { ...fragA, ...fragB }
    `],
  ],

  UniqueVariableNames: [
    ['duplicate variables across fragments are not checked here', `
      query A($x: Int) { ...F }
      fragment F on QueryRoot { __typename }
    `],
    ['unique variable names', `
      query A($x: Int, $y: String) { __typename }
      query B($x: String, $y: Int) { __typename }
    `],
    ['duplicate variable names', `
      query A($x: Int, $x: Int, $x: String) { __typename }
      query B($x: String, $x: Int) { __typename }
      query C($x: Int, $x: Int) { __typename }
    `],
  ],

  NoUndefinedVariables: [
    ['all variables defined', `
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a, b: $b, c: $c)
      }
    `],
    ['all variables deeply defined', `
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a) {
          field(b: $b) {
            field(c: $c)
          }
        }
      }
    `],
    ['all variables deeply in inline fragments defined', `
      query Foo($a: String, $b: String, $c: String) {
        ... on Type {
          field(a: $a) {
            field(b: $b) {
              ... on Type {
                field(c: $c)
              }
            }
          }
        }
      }
    `],
    ['all variables in fragments deeply defined', `
      query Foo($a: String, $b: String, $c: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
    `],
    ['variable within single fragment defined in multiple operations', `
      query Foo($a: String) {
        ...FragA
      }
      query Bar($a: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a)
      }
    `],
    ['variable within recursive fragment defined', `
      query Foo($a: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragA
        }
      }
    `],
    ['variable not defined', `
      query Foo($a: String, $b: String, $c: String) {
        field(a: $a, b: $b, c: $c, d: $d)
      }
    `],
    ['variable not defined by un-named query', `
      {
        field(a: $a)
      }
    `],
    ['multiple variables not defined', `
      query Foo($b: String) {
        field(a: $a, b: $b, c: $c)
      }
    `],
    ['variable in fragment not defined by un-named query', `
      {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a)
      }
    `],
    ['variable in fragment not defined by operation', `
      query Foo($a: String, $b: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
    `],
    ['variables in fragment not defined by multiple operations', `
      query Foo($b: String) {
        ...FragAB
      }
      query Bar($a: String) {
        ...FragAB
      }
      fragment FragAB on Type {
        field1(a: $a, b: $b)
        ...FragC
        field3(a: $a, b: $b)
      }
      fragment FragC on Type {
        field2(c: $c)
      }
    `],
    ['variable in directive not defined', `
      query Foo {
        field @include(if: $cond)
      }
    `],
  ],

  NoUnusedVariables: [
    ['variables used in variable default of other operation do not count', `
      query A($a: Int) { dog { name } }
      query B($a: Int) { complicatedArgs { intArgField(intArg: $a) } }
    `],
    ['uses all variables', `
      query ($a: String, $b: String, $c: String) {
        field(a: $a, b: $b, c: $c)
      }
    `],
    ['uses all variables deeply in inline fragments', `
      query Foo($a: String, $b: String, $c: String) {
        ... on Type {
          field(a: $a) {
            field(b: $b) {
              ... on Type {
                field(c: $c)
              }
            }
          }
        }
      }
    `],
    ['uses all variables in fragments', `
      query Foo($a: String, $b: String, $c: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field(c: $c)
      }
    `],
    ['variable used by recursive fragment', `
      query Foo($a: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragA
        }
      }
    `],
    ['variable used in directive and nested list and object', `
      query Foo($a: Boolean!, $b: Int, $c: String) {
        field(list: [1, $b], obj: {x: {y: $c}}) @include(if: $a)
      }
    `],
    ['variable not used', `
      query ($a: String, $b: String, $c: String) {
        field(a: $a, b: $b)
      }
    `],
    ['multiple variables not used', `
      query Foo($a: String, $b: String, $c: String) {
        field(b: $b)
      }
    `],
    ['variable not used in fragments', `
      query Foo($a: String, $b: String, $c: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a) {
          ...FragB
        }
      }
      fragment FragB on Type {
        field(b: $b) {
          ...FragC
        }
      }
      fragment FragC on Type {
        field
      }
    `],
    ['variable not used by unreferenced fragment', `
      query Foo($b: String) {
        ...FragA
      }
      fragment FragA on Type {
        field(a: $a)
      }
      fragment FragB on Type {
        field(b: $b)
      }
    `],
    ['variable not used by fragment used by other operation', `
      query Foo($b: String) {
        ...FragA
      }
      query Bar($a: String) {
        ...FragB
      }
      fragment FragA on Type {
        field(a: $a)
      }
      fragment FragB on Type {
        field(b: $b)
      }
    `],
    ['variable used only in its own default is unused', `
      query Foo($a: String = "x") {
        field
      }
    `],
  ],

  KnownDirectives: [
    ['directives on variable definitions', `
      query ($a: Int @onVariableDefinition, $b: Int @onField) { dog { name } }
    `],
    ['directive defined in the document', `
      { dog @custom { name @custom } }
      directive @custom on QUERY
    `],
    ['with no directives', `
      query Foo {
        name
        ...Frag
      }
      fragment Frag on Dog {
        name
      }
    `],
    ['with standard directives', `
      {
        human @skip(if: false) {
          name
          pets {
            ... on Dog @include(if: true) {
              name
            }
          }
        }
      }
    `],
    ['with unknown directive', `
      {
        human @unknown(directive: "value") {
          name
        }
      }
    `],
    ['with many unknown directives', `
      {
        __typename @unknown
        human @unknown {
          name
          pets @unknown {
            name
          }
        }
      }
    `],
    ['with well placed directives', `
      query ($var: Boolean @onVariableDefinition) @onQuery {
        human @include(if: $var) {
          name
          ...Frag @include(if: true)
          skippedField @skip(if: true)
          ...SkippedFrag @skip(if: true)
          ... @skip(if: true) {
            skippedField
          }
          ... @onInlineFragment { name }
          ...Frag @onFragmentSpread
        }
      }
      fragment Frag on Human @onFragmentDefinition { name }
      mutation @onMutation {
        someField
      }
      subscription @onSubscription {
        someField
      }
    `],
    ['with misplaced directives', `
      query ($var: Boolean @onQuery) @onMutation {
        human @onQuery {
          name
          ...Frag @onQuery
          ... @onQuery { name }
        }
      }
      fragment Frag on Human @onQuery { name }
      mutation @onQuery {
        someField @onFragmentSpread
      }
      subscription @onQuery {
        someField
      }
    `],
    ['with directives in type system definitions', `
      type Query @onField {
        field(arg: Int @onField): String @deprecated @onQuery
      }
      input In @oneOf { a: Int @deprecated(reason: "x") @onField }
      enum E @onField { A @onQuery }
      scalar S @specifiedBy(url: "x") @onField
      extend schema @onQuery
    `],
  ],

  UniqueDirectivesPerLocation: [
    ['no directives', `
      fragment Test on Type {
        field
      }
    `],
    ['unique directives in different locations', `
      fragment Test on Type @onFragmentDefinition {
        field @onField
      }
    `],
    ['unique directives in same locations', `
      fragment Test on Type @onFragmentDefinition @onQuery {
        field @onField @skip(if: true)
      }
    `],
    ['same directives in different locations', `
      fragment Test on Type @onField {
        field @onField
      }
    `],
    ['same directives in similar locations', `
      fragment Test on Type {
        field @onField
        field @onField
      }
    `],
    ['repeatable directives in same location', `
      fragment Test on Type {
        field @repeatableOnField @repeatableOnField
      }
    `],
    ['unknown directives must be ignored', `
      fragment Test on Type @unknown @unknown {
        field @unknown @unknown
      }
    `],
    ['duplicate directives in one location', `
      fragment Test on Type {
        field @onField @onField
      }
    `],
    ['many duplicate directives in one location', `
      fragment Test on Type {
        field @onField @onField @onField
      }
    `],
    ['different duplicate directives in one location', `
      fragment Test on Type {
        field @onField @skip(if: true) @onField @skip(if: false)
      }
    `],
    ['duplicate directives in many locations', `
      fragment Test on Type @onFragmentDefinition @onFragmentDefinition {
        field @onField @onField
      }
    `],
    ['duplicate directives on type definition and its extension', `
      type TestType @deprecated { f: Int }
      extend type TestType @deprecated
      scalar S @specifiedBy(url: "a")
      extend scalar S @specifiedBy(url: "b")
    `],
  ],

  KnownArgumentNames: [
    ['at most five suggestions', `
      { complicatedArgs { multipleOptAndReq(req: 1, opt: 2) } }
    `, { suggest: true }],
    ['single arg is known', `
      fragment argOnRequiredArg on Dog {
        doesKnowCommand(dogCommand: SIT)
      }
    `],
    ['multiple args are known', `
      fragment multipleArgs on ComplicatedArgs {
        multipleReqs(req1: 1, req2: 2)
      }
    `],
    ['ignores args of unknown fields', `
      fragment argOnUnknownField on Dog {
        unknownField(unknownArg: SIT)
      }
    `],
    ['multiple args in reverse order are known', `
      fragment multipleArgsReverseOrder on ComplicatedArgs {
        multipleReqs(req2: 2, req1: 1)
      }
    `],
    ['no args on optional arg', `
      fragment noArgOnOptionalArg on Dog {
        isHouseTrained
      }
    `],
    ['args are known deeply', `
      {
        dog {
          doesKnowCommand(dogCommand: SIT)
        }
        human {
          pets {
            ... on Dog {
              doesKnowCommand(dogCommand: SIT)
            }
          }
        }
      }
    `],
    ['directive args are known', `
      {
        dog @skip(if: true)
      }
    `],
    ['field args are invalid', `
      {
        dog @skip(unless: true)
      }
    `],
    ['directive without args is valid', `
      {
        dog @onField
      }
    `],
    ['arg passed to directive without arg is reported', `
      {
        dog @onField(if: true)
      }
    `],
    ['misspelled directive args are reported', `
      {
        dog @skip(iff: true)
      }
    `, { suggest: true }],
    ['invalid arg name', `
      fragment invalidArgName on Dog {
        doesKnowCommand(unknown: true)
      }
    `],
    ['misspelled arg name is reported', `
      fragment invalidArgName on Dog {
        doesKnowCommand(DogCommand: true)
      }
    `, { suggest: true }],
    ['unknown args amongst known args', `
      fragment oneGoodArgOneInvalidArg on Dog {
        doesKnowCommand(whoKnows: 1, dogCommand: SIT, unknown: true)
      }
    `],
    ['unknown args deeply', `
      {
        dog {
          doesKnowCommand(unknown: true)
        }
        human {
          pets {
            ... on Dog {
              doesKnowCommand(unknown: true)
            }
          }
        }
      }
    `],
    ['unknown argument on meta field', `
      {
        __type(name: "Dog", other: 1) { name }
      }
    `],
  ],

  UniqueArgumentNames: [
    ['no arguments on field', `{ field }`],
    ['no arguments on directive', `{ field @directive }`],
    ['argument on field', `{ field(arg: "value") }`],
    ['argument on directive', `{ field @directive(arg: "value") }`],
    ['same argument on two fields', `
      {
        one: field(arg: "value")
        two: field(arg: "value")
      }
    `],
    ['same argument on field and directive', `
      {
        field(arg: "value") @directive(arg: "value")
      }
    `],
    ['same argument on two directives', `
      {
        field @directive1(arg: "value") @directive2(arg: "value")
      }
    `],
    ['multiple field arguments', `
      {
        field(arg1: "value", arg2: "value", arg3: "value")
      }
    `],
    ['duplicate field arguments', `
      {
        field(arg1: "value", arg1: "value")
      }
    `],
    ['many duplicate field arguments', `
      {
        field(arg1: "value", arg1: "value", arg1: "value")
      }
    `],
    ['duplicate directive arguments', `
      {
        field @directive(arg1: "value", arg1: "value")
      }
    `],
    ['many duplicate directive arguments', `
      {
        field @directive(arg1: "value", arg1: "value", arg1: "value")
      }
    `],
  ],

  ValuesOfCorrectType: [
    ['variables inside a list or object given to a scalar are seen as null or absent', `
      query ($v: Boolean, $w: Int) {
        dog { name(surname: [$v]) }
        complicatedArgs { intArgField(intArg: { a: $w, b: 1 }) }
      }
    `],
    ['enum suggestions for a lower case value', `
      { complicatedArgs { enumArgField(enumArg: spotted) } }
    `, { suggest: true }],
    ['string into enum without suggestions', `
      { complicatedArgs { enumArgField(enumArg: "BROWN") } }
    `],
    ['good int value', `{ complicatedArgs { intArgField(intArg: 2) } }`],
    ['good negative int value', `{ complicatedArgs { intArgField(intArg: -2) } }`],
    ['good boolean value', `{ complicatedArgs { booleanArgField(booleanArg: true) } }`],
    ['good string value', `{ complicatedArgs { stringArgField(stringArg: "foo") } }`],
    ['good float value', `{ complicatedArgs { floatArgField(floatArg: 1.1) } }`],
    ['int into float', `{ complicatedArgs { floatArgField(floatArg: 1) } }`],
    ['int into ID', `{ complicatedArgs { idArgField(idArg: 1) } }`],
    ['string into ID', `{ complicatedArgs { idArgField(idArg: "someIdString") } }`],
    ['good enum value', `{ dog { doesKnowCommand(dogCommand: SIT) } }`],
    ['enum with null value', `{ complicatedArgs { enumArgField(enumArg: NO_FUR) } }`],
    ['null into nullable type', `{ complicatedArgs { intArgField(intArg: null) } }`],
    ['null into nullable type deep', `{ dog(a: null, b: null, c:{ requiredField: true, intField: null }) { name } }`],
    ['int into string', `{ complicatedArgs { stringArgField(stringArg: 1) } }`],
    ['float into string', `{ complicatedArgs { stringArgField(stringArg: 1.0) } }`],
    ['boolean into string', `{ complicatedArgs { stringArgField(stringArg: true) } }`],
    ['unquoted string into string', `{ complicatedArgs { stringArgField(stringArg: BAR) } }`],
    ['string into int', `{ complicatedArgs { intArgField(intArg: "3") } }`],
    ['big int into int', `{ complicatedArgs { intArgField(intArg: 829384293849283498239482938) } }`],
    ['unquoted string into int', `{ complicatedArgs { intArgField(intArg: FOO) } }`],
    ['simple float into int', `{ complicatedArgs { intArgField(intArg: 3.0) } }`],
    ['float into int', `{ complicatedArgs { intArgField(intArg: 3.333) } }`],
    ['string into float', `{ complicatedArgs { floatArgField(floatArg: "3.333") } }`],
    ['boolean into float', `{ complicatedArgs { floatArgField(floatArg: true) } }`],
    ['unquoted into float', `{ complicatedArgs { floatArgField(floatArg: FOO) } }`],
    ['int into boolean', `{ complicatedArgs { booleanArgField(booleanArg: 2) } }`],
    ['float into boolean', `{ complicatedArgs { booleanArgField(booleanArg: 1.0) } }`],
    ['string into boolean', `{ complicatedArgs { booleanArgField(booleanArg: "true") } }`],
    ['unquoted into boolean', `{ complicatedArgs { booleanArgField(booleanArg: TRUE) } }`],
    ['float into ID', `{ complicatedArgs { idArgField(idArg: 1.0) } }`],
    ['boolean into ID', `{ complicatedArgs { idArgField(idArg: true) } }`],
    ['unquoted into ID', `{ complicatedArgs { idArgField(idArg: SOMETHING) } }`],
    ['int into enum', `{ dog { doesKnowCommand(dogCommand: 2) } }`],
    ['float into enum', `{ dog { doesKnowCommand(dogCommand: 1.0) } }`],
    ['string into enum', `{ dog { doesKnowCommand(dogCommand: "SIT") } }`, { suggest: true }],
    ['boolean into enum', `{ dog { doesKnowCommand(dogCommand: true) } }`],
    ['unknown enum value into enum', `{ dog { doesKnowCommand(dogCommand: JUGGLE) } }`],
    ['different case enum value into enum', `{ dog { doesKnowCommand(dogCommand: sit) } }`, { suggest: true }],
    ['different case enum value without suggestions', `{ dog { doesKnowCommand(dogCommand: sit) } }`],
    ['good list value', `{ complicatedArgs { stringListArgField(stringListArg: ["one", null, "two"]) } }`],
    ['empty list value', `{ complicatedArgs { stringListArgField(stringListArg: []) } }`],
    ['null list value', `{ complicatedArgs { stringListArgField(stringListArg: null) } }`],
    ['single value into list', `{ complicatedArgs { stringListArgField(stringListArg: "one") } }`],
    ['incorrect item type', `{ complicatedArgs { stringListArgField(stringListArg: ["one", 2]) } }`],
    ['single value of incorrect type', `{ complicatedArgs { stringListArgField(stringListArg: 1) } }`],
    ['null into non-null list item', `{ complicatedArgs { stringListNonNullArgField(stringListNonNullArg: ["one", null]) } }`],
    ['arg on optional arg', `{ dog { isHouseTrained(atOtherHomes: true) } }`],
    ['multiple args', `{ complicatedArgs { multipleReqs(req1: 1, req2: 2) } }`],
    ['incorrect value type for required args', `{ complicatedArgs { multipleReqs(req2: "two", req1: "one") } }`],
    ['incorrect value and missing argument', `{ complicatedArgs { multipleReqs(req1: "one") } }`],
    ['null value into non-null arg', `{ complicatedArgs { multipleReqs(req1: null) } }`],
    ['optional arg despite required field in type', `{ complicatedArgs { complexArgField } }`],
    ['partial object, only required', `{ complicatedArgs { complexArgField(complexArg: { requiredField: true }) } }`],
    ['partial object, required field can be falsy', `{ complicatedArgs { complexArgField(complexArg: { requiredField: false }) } }`],
    ['partial object, including required', `{ complicatedArgs { complexArgField(complexArg: { requiredField: true, intField: 4 }) } }`],
    ['full object', `
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            intField: 4,
            stringField: "foo",
            booleanField: false,
            stringListField: ["one", "two"]
          })
        }
      }
    `],
    ['partial object, missing required', `{ complicatedArgs { complexArgField(complexArg: { intField: 4 }) } }`],
    ['partial object, invalid field type', `
      {
        complicatedArgs {
          complexArgField(complexArg: {
            stringListField: ["one", 2],
            requiredField: true,
          })
        }
      }
    `],
    ['partial object, null to non-null field', `
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            nonNullField: null,
          })
        }
      }
    `],
    ['partial object, unknown field arg', `
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            invalidField: "value"
          })
        }
      }
    `, { suggest: true }],
    ['partial object, unknown field arg without suggestion', `
      {
        complicatedArgs {
          complexArgField(complexArg: {
            requiredField: true,
            invalidField: "value"
          })
        }
      }
    `],
    ['scalar into input object', `{ complicatedArgs { complexArgField(complexArg: 1) } }`],
    ['long object value is printed on several lines', `
      {
        complicatedArgs {
          complexArgField(complexArg: { intField: 4, stringField: "a rather long string value", stringListField: ["one", "two", "three"] })
        }
      }
    `],
    ['exactly one oneOf field', `{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "abc" }) } }`],
    ['exactly one oneOf field with a variable', `query ($string: String!) { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $string }) } }`],
    ['oneOf with more than one field', `{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 }) } }`],
    ['oneOf with a null field', `{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: null }) } }`],
    ['oneOf with no fields', `{ complicatedArgs { oneOfArgField(oneOfArg: {}) } }`],
    ['oneOf with unknown field', `{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "a", unknown: 1 }) } }`],
    ['directive arguments with correct values', `
      {
        dog @include(if: true) {
          name
        }
        human @skip(if: false) {
          name
        }
      }
    `],
    ['directive arguments with incorrect values', `
      {
        dog @include(if: "yes") {
          name @skip(if: ENUM)
        }
      }
    `],
    ['variables with valid default values', `
      query WithDefaultValues(
        $a: Int = 1,
        $b: String = "ok",
        $c: ComplexInput = { requiredField: true, intField: 3 }
        $d: Int! = 123
      ) {
        dog { name }
      }
    `],
    ['variables with valid default null values', `
      query WithDefaultValues(
        $a: Int = null,
        $b: String = null,
        $c: ComplexInput = { requiredField: true, intField: null }
      ) {
        dog { name }
      }
    `],
    ['variables with invalid default null values', `
      query WithDefaultValues(
        $a: Int! = null,
        $b: String! = null,
        $c: ComplexInput = { requiredField: null, intField: null }
      ) {
        dog { name }
      }
    `],
    ['variables with invalid default values', `
      query InvalidDefaultValues(
        $a: Int = "one",
        $b: String = 4,
        $c: ComplexInput = "NotVeryComplex"
      ) {
        dog { name }
      }
    `],
    ['variables with complex invalid default values', `
      query WithDefaultValues(
        $a: ComplexInput = { requiredField: 123, intField: "abc" }
      ) {
        dog { name }
      }
    `],
    ['complex variables missing required field', `
      query MissingRequiredField($a: ComplexInput = {intField: 3}) {
        dog { name }
      }
    `],
    ['list variables with invalid item', `
      query InvalidItem($a: [String] = ["one", 2]) {
        dog { name }
      }
    `],
    ['unknown type is ignored', `
      query ($a: Unknown = 1) { dog { name } }
    `],
  ],

  ProvidedRequiredArguments: [
    ['ignores unknown arguments', `{ dog { isHouseTrained(unknownArgument: true) } }`],
    ['arg on optional arg', `{ dog { isHouseTrained(atOtherHomes: true) } }`],
    ['no arg on optional arg', `{ dog { isHouseTrained } }`],
    ['no arg on non-null field with default', `{ complicatedArgs { nonNullFieldWithDefault } }`],
    ['multiple args', `{ complicatedArgs { multipleReqs(req1: 1, req2: 2) } }`],
    ['multiple args reverse order', `{ complicatedArgs { multipleReqs(req2: 2, req1: 1) } }`],
    ['no args on multiple optional', `{ complicatedArgs { multipleOpts } }`],
    ['one arg on multiple optional', `{ complicatedArgs { multipleOpts(opt1: 1) } }`],
    ['all reqs and opts on mixed list', `{ complicatedArgs { multipleOptAndReq(req1: 3, req2: 4, opt1: 5, opt2: 6) } }`],
    ['missing one non-nullable argument', `{ complicatedArgs { multipleReqs(req2: 2) } }`],
    ['missing multiple non-nullable arguments', `{ complicatedArgs { multipleReqs } }`],
    ['incorrect value and missing argument', `{ complicatedArgs { multipleReqs(req1: "one") } }`],
    ['ignores unknown directives', `{ dog @unknown }`],
    ['with directives of valid types', `
      {
        dog @include(if: true) {
          name
        }
        human @skip(if: false) {
          name
        }
      }
    `],
    ['with directive with missing types', `
      {
        dog @include {
          name @skip
        }
      }
    `],
    ['custom directive missing required argument', `
      query Q @withArgs(optional: 2) { dog { name @withArgs(required: "x") } }
    `],
    ['missing argument of the __type meta field', `{ __type { name } }`],
    ['directive defined in the document', `
      { dog @custom { name } }
      directive @custom(a: Int!, b: Int = 1, c: [String]!) on FIELD
    `],
  ],

  VariablesInAllowedPosition: [
    ['Boolean => Boolean', `
      query Query($booleanArg: Boolean)
      {
        complicatedArgs {
          booleanArgField(booleanArg: $booleanArg)
        }
      }
    `],
    ['Boolean => Boolean within fragment', `
      fragment booleanArgFrag on ComplicatedArgs {
        booleanArgField(booleanArg: $booleanArg)
      }
      query Query($booleanArg: Boolean)
      {
        complicatedArgs {
          ...booleanArgFrag
        }
      }
    `],
    ['Boolean! => Boolean', `
      query Query($nonNullBooleanArg: Boolean!)
      {
        complicatedArgs {
          booleanArgField(booleanArg: $nonNullBooleanArg)
        }
      }
    `],
    ['[String] => [String]', `
      query Query($stringListVar: [String])
      {
        complicatedArgs {
          stringListArgField(stringListArg: $stringListVar)
        }
      }
    `],
    ['[String!] => [String]', `
      query Query($stringListVar: [String!])
      {
        complicatedArgs {
          stringListArgField(stringListArg: $stringListVar)
        }
      }
    `],
    ['String => [String] in item position', `
      query Query($stringVar: String)
      {
        complicatedArgs {
          stringListArgField(stringListArg: [$stringVar])
        }
      }
    `],
    ['ComplexInput => ComplexInput in field position', `
      query Query($boolVar: Boolean = false)
      {
        complicatedArgs {
          complexArgField(complexArg: {requiredField: $boolVar})
        }
      }
    `],
    ['Boolean! => Boolean! in directive', `
      query Query($boolVar: Boolean!)
      {
        dog @include(if: $boolVar)
      }
    `],
    ['Int => Int! with non-null default value', `
      query Query($intVar: Int = 1) {
        complicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intVar)
        }
      }
    `],
    ['Int => Int! where argument has default', `
      query Query($intVar: Int) {
        complicatedArgs {
          nonNullFieldWithDefault(arg: $intVar)
        }
      }
    `],
    ['Boolean => Boolean! in directive with default', `
      query Query($boolVar: Boolean = false)
      {
        dog @include(if: $boolVar)
      }
    `],
    ['Int => Int!', `
      query Query($intArg: Int) {
        complicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intArg)
        }
      }
    `],
    ['Int => Int! within fragment', `
      fragment nonNullIntArgFieldFrag on ComplicatedArgs {
        nonNullIntArgField(nonNullIntArg: $intArg)
      }
      query Query($intArg: Int) {
        complicatedArgs {
          ...nonNullIntArgFieldFrag
        }
      }
    `],
    ['Int => Int! within nested fragment', `
      fragment outerFrag on ComplicatedArgs {
        ...nonNullIntArgFieldFrag
      }
      fragment nonNullIntArgFieldFrag on ComplicatedArgs {
        nonNullIntArgField(nonNullIntArg: $intArg)
      }
      query Query($intArg: Int) {
        complicatedArgs {
          ...outerFrag
        }
      }
    `],
    ['String over Boolean', `
      query Query($stringVar: String) {
        complicatedArgs {
          booleanArgField(booleanArg: $stringVar)
        }
      }
    `],
    ['String => [String]', `
      query Query($stringVar: String) {
        complicatedArgs {
          stringListArgField(stringListArg: $stringVar)
        }
      }
    `],
    ['Boolean => Boolean! in directive', `
      query Query($boolVar: Boolean) {
        dog @include(if: $boolVar)
      }
    `],
    ['String => Boolean! in directive', `
      query Query($stringVar: String) {
        dog @include(if: $stringVar)
      }
    `],
    ['[String] => [String!]', `
      query Query($stringListVar: [String])
      {
        complicatedArgs {
          stringListNonNullArgField(stringListNonNullArg: $stringListVar)
        }
      }
    `],
    ['Int => Int! with null default value', `
      query Query($intVar: Int = null) {
        complicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intVar)
        }
      }
    `],
    ['nullable variable in oneOf field', `
      query Query($string: String) {
        complicatedArgs {
          oneOfArgField(oneOfArg: { stringField: $string })
        }
      }
    `],
    ['non-null variable in oneOf field', `
      query Query($string: String!) {
        complicatedArgs {
          oneOfArgField(oneOfArg: { stringField: $string })
        }
      }
    `],
    ['variable used in several operations', `
      query A($intArg: Int!) { complicatedArgs { ...F } }
      query B($intArg: Int) { complicatedArgs { ...F } }
      fragment F on ComplicatedArgs { nonNullIntArgField(nonNullIntArg: $intArg) }
    `],
  ],

  OverlappingFieldsCanBeMerged: [
    ['reports correctly when a non-exclusive follows an exclusive', `
      {
        catOrDog {
          ... on Dog {
            mother {
              ...X
            }
          }
        }
        catOrDog {
          ... on Dog {
            mother {
              ...Y
            }
          }
        }
        human {
          ...X
        }
        human {
          ...Y
        }
      }
      fragment X on Canine {
        name
      }
      fragment Y on Dog {
        name: nickname
      }
    `],
    ['nested list types conflict', `
      {
        catOrDog {
          ... on Dog { list: mother { name } }
          ... on Cat { list: name }
        }
      }
    `],
    ['different nullability of same named type', `
      {
        dogOrHuman {
          ... on Human { r: relatives { name } }
          ... on Dog { r: father { name } }
        }
      }
    `],
    ['does not infinite loop on recursive fragments separated by fields', `
      {
        ...fragA
        ...fragB
      }
      fragment fragA on T {
        x {
          ...fragA
          x {
            ...fragA
          }
        }
      }
      fragment fragB on T {
        x {
          ...fragB
          x {
            ...fragB
          }
        }
      }
    `],
    ['same variables are the same arguments', `
      query ($a: Boolean) {
        dog { isHouseTrained(atOtherHomes: $a) isHouseTrained(atOtherHomes: $a) }
      }
    `],
    ['variable and literal differ', `
      query ($a: Boolean) {
        dog { isHouseTrained(atOtherHomes: $a) isHouseTrained(atOtherHomes: true) }
      }
    `],
    ['list arguments compared by items', `
      {
        complicatedArgs {
          stringListArgField(stringListArg: ["a", "b"])
          stringListArgField(stringListArg: ["a", "b"])
          s: stringListArgField(stringListArg: ["a"])
          s: stringListArgField(stringListArg: ["a", "b"])
        }
      }
    `],
    ['unique fields', `
      fragment uniqueFields on Dog {
        name
        nickname
      }
    `],
    ['identical fields', `
      fragment mergeIdenticalFields on Dog {
        name
        name
      }
    `],
    ['identical fields with identical args', `
      fragment mergeIdenticalFieldsWithIdenticalArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: SIT)
      }
    `],
    ['identical fields with identical directives', `
      fragment mergeSameFieldsWithSameDirectives on Dog {
        name @include(if: true)
        name @include(if: true)
      }
    `],
    ['different args with different aliases', `
      fragment differentArgsWithDifferentAliases on Dog {
        knowsSit: doesKnowCommand(dogCommand: SIT)
        knowsDown: doesKnowCommand(dogCommand: DOWN)
      }
    `],
    ['different directives with different aliases', `
      fragment differentDirectivesWithDifferentAliases on Dog {
        nameIfTrue: name @include(if: true)
        nameIfFalse: name @include(if: false)
      }
    `],
    ['different skip/include directives accepted', `
      fragment differentDirectivesWithDifferentAliases on Dog {
        name @include(if: true)
        name @include(if: false)
      }
    `],
    ['Same aliases with different field targets', `
      fragment sameAliasesWithDifferentFieldTargets on Dog {
        fido: name
        fido: nickname
      }
    `],
    ['Same aliases allowed on non-overlapping fields', `
      fragment sameAliasesWithDifferentFieldTargets on Pet {
        ... on Dog {
          name
        }
        ... on Cat {
          name: nickname
        }
      }
    `],
    ['Alias masking direct field access', `
      fragment aliasMaskingDirectFieldAccess on Dog {
        name: nickname
        name
      }
    `],
    ['different args, second adds an argument', `
      fragment conflictingArgs on Dog {
        doesKnowCommand
        doesKnowCommand(dogCommand: HEEL)
      }
    `],
    ['different args, second missing an argument', `
      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand
      }
    `],
    ['conflicting arg values', `
      fragment conflictingArgs on Dog {
        doesKnowCommand(dogCommand: SIT)
        doesKnowCommand(dogCommand: HEEL)
      }
    `],
    ['conflicting arg names', `
      fragment conflictingArgs on Dog {
        isAtLocation(x: 0)
        isAtLocation(y: 0)
      }
    `],
    ['same arguments in different order', `
      fragment sameArgs on Dog {
        isAtLocation(x: 0, y: 1)
        isAtLocation(y: 1, x: 0)
      }
    `],
    ['object values in different field order are equal', `
      {
        complicatedArgs {
          complexArgField(complexArg: { requiredField: true, intField: 1 })
          complexArgField(complexArg: { intField: 1, requiredField: true })
        }
      }
    `],
    ['string and block string are different', `
      {
        complicatedArgs {
          stringArgField(stringArg: "a")
          stringArgField(stringArg: """a""")
        }
      }
    `],
    ['allows different args where no conflict is possible', `
      fragment conflictingArgs on Pet {
        ... on Dog {
          name(surname: true)
        }
        ... on Cat {
          name
        }
      }
    `],
    ['allows different order of args', `
      {
        complicatedArgs {
          multipleReqs(req1: 1, req2: 2)
          multipleReqs(req2: 2, req1: 1)
        }
      }
    `],
    ['encounters conflict in fragments', `
      {
        ...A
        ...B
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
    `],
    ['reports each conflict once', `
      {
        f1 {
          ...A
          ...B
        }
        f2 {
          ...B
          ...A
        }
        f3 {
          ...A
          ...B
          x: c
        }
      }
      fragment A on Type {
        x: a
      }
      fragment B on Type {
        x: b
      }
    `],
    ['deep conflict', `
      {
        field {
          x: a
        },
        field {
          x: b
        }
      }
    `],
    ['deep conflict with multiple issues', `
      {
        field {
          x: a
          y: c
        },
        field {
          x: b
          y: d
        }
      }
    `],
    ['very deep conflict', `
      {
        field {
          deepField {
            x: a
          }
        },
        field {
          deepField {
            x: b
          }
        }
      }
    `],
    ['reports deep conflict to nearest common ancestor', `
      {
        field {
          deepField {
            x: a
          }
          deepField {
            x: b
          }
        },
        field {
          deepField {
            y
          }
        }
      }
    `],
    ['reports deep conflict to nearest common ancestor in fragments', `
      {
        field {
          ...F
        }
        field {
          ...F
        }
      }
      fragment F on T {
        deepField {
          deeperField {
            x: a
          }
          deeperField {
            x: b
          }
        },
        deepField {
          deeperField {
            y
          }
        }
      }
    `],
    ['reports deep conflict in nested fragments', `
      {
        field {
          ...F
        }
        field {
          ...I
        }
      }
      fragment F on T {
        x: a
        ...G
      }
      fragment G on T {
        y: c
      }
      fragment I on T {
        y: d
        ...J
      }
      fragment J on T {
        x: b
      }
    `],
    ['ignores unknown fragments', `
      {
        field
        ...Unknown
        ...Known
      }

      fragment Known on T {
        field
        ...OtherUnknown
      }
    `],
    ['conflicting return types which potentially overlap', `
      {
        being {
          ...on Human {
            iq
          }
          ...on Alien {
            iq: name
          }
        }
      }
    `],
    ['disallows differing return types despite no overlap', `
      {
        catOrDog {
          ... on Dog {
            scalar: barkVolume
          }
          ... on Cat {
            scalar: name
          }
        }
      }
    `],
    ['disallows differing return type nullability despite no overlap', `
      {
        dogOrHuman {
          ... on Human {
            list: relatives { name }
          }
          ... on Dog {
            list: mother { name }
          }
        }
      }
    `],
    ['disallows differing deep return types despite no overlap', `
      {
        dogOrHuman {
          ... on Dog {
            mother {
              scalar: barkVolume
            }
          }
          ... on Human {
            mother: relatives {
              scalar: name
            }
          }
        }
      }
    `],
    ['allows non-conflicting overlapping types', `
      {
        catOrDog {
          ... on Dog {
            scalar: barkVolume
          }
          ... on Cat {
            scalar: meowsVolume
          }
        }
      }
    `],
    ['same wrapped scalar return types', `
      {
        humanOrAlien {
          ...on Human {
            name
          }
          ...on Alien {
            name
          }
        }
      }
    `],
    ['allows inline fragments without type condition', `
      {
        a
        ... {
          a
        }
      }
    `],
    ['compares deep types including list', `
      {
        human {
          relatives {
            ... on Human {
              pets { name }
            }
          }
          relatives {
            pets: relatives { name }
          }
        }
      }
    `],
    ['ignores unknown types', `
      {
        dogOrHuman {
          ...on UnknownType {
            scalar: name
          }
          ...on Dog {
            scalar: name
          }
        }
      }
    `],
    ['does not infinite loop on recursive fragment', `
      {
        ...fragA
      }

      fragment fragA on Human { name, relatives { name, ...fragA } }
    `],
    ['does not infinite loop on immediately recursive fragment', `
      {
        ...fragA
      }

      fragment fragA on Human { name, ...fragA }
    `],
    ['finds invalid case even with immediately recursive fragment', `
      fragment sameAliasesWithDifferentFieldTargets on Dog {
        ...sameAliasesWithDifferentFieldTargets
        fido: name
        fido: nickname
      }
    `],
    ['does not infinite loop on transitively recursive fragment', `
      {
        ...fragA
        fragB
      }

      fragment fragA on Human { name, ...fragB }
      fragment fragB on Human { name, ...fragC }
      fragment fragC on Human { name, ...fragA }
    `],
    ['finds invalid case with field named after fragment', `
      {
        fragA
        ...fragA
      }

      fragment fragA on Type {
        fragA: b
      }
    `],
    ['finds invalid case even with field named after fragment', `
      {
        fragA
        ...fragA
      }

      fragment fragA on Type {
        fragA: b
      }
    `],
    ['does not infinite loop on transitively recursive fragment with conflict', `
      {
        ...fragA
        fragB
      }

      fragment fragA on Human { name, ...fragB }
      fragment fragB on Human { name, ...fragC }
      fragment fragC on Human { name, ...fragA, fragB: name }
    `],
    ['conflict in variable usage', `
      query ($a: Boolean!, $b: Boolean!) {
        dog { isHouseTrained(atOtherHomes: $a) isHouseTrained(atOtherHomes: $b) }
      }
    `],
    ['work budget aborts pathological documents', `{ dog { ${'name '.repeat(800)}} }`],
    ['many distinct aliases stay within the budget', `{ dog { ${Array.from({ length: 300 }, (_, i) => `a${i}: name`).join(' ')} } }`],
    ['spread with conflicting fields in two fragments on root', `
      {
        ...A
        ...B
        ...A
      }
      fragment A on QueryRoot { dog { name } }
      fragment B on QueryRoot { dog: cat { name } }
    `],
  ],

  UniqueInputFieldNames: [
    ['input object with fields', `{ field(arg: { f: true }) }`],
    ['same input object within two args', `{ field(arg1: { f: true }, arg2: { f: true }) }`],
    ['multiple input object fields', `{ field(arg: { f1: "value", f2: "value", f3: "value" }) }`],
    ['allows for nested input objects with similar fields', `
      {
        field(arg: {
          deep: {
            deep: {
              id: 1
            }
            id: 1
          }
          id: 1
        })
      }
    `],
    ['duplicate input object fields', `{ field(arg: { f1: "value", f1: "value" }) }`],
    ['many duplicate input object fields', `{ field(arg: { f1: "value", f1: "value", f1: "value" }) }`],
    ['nested duplicate input object fields', `{ field(arg: { f1: {f2: "value", f2: "value" }}) }`],
  ],

  MaxIntrospectionDepth: [
    ['default introspection query', `
      query IntrospectionQuery {
        __schema {
          queryType { name }
          types { ...FullType }
        }
      }
      fragment FullType on __Type {
        kind
        name
        fields(includeDeprecated: true) { name args { ...InputValue } type { ...TypeRef } }
        inputFields { ...InputValue }
        interfaces { ...TypeRef }
        enumValues(includeDeprecated: true) { name }
        possibleTypes { ...TypeRef }
      }
      fragment InputValue on __InputValue { name type { ...TypeRef } }
      fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
    `],
    ['three levels of fields', `
      {
        __schema {
          types {
            fields {
              type {
                fields {
                  type {
                    fields {
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
    `],
    ['three levels of fields through __type', `
      {
        __type(name: "Dog") {
          fields { type { fields { type { fields { name } } } } }
        }
      }
    `],
    ['three levels of interfaces via fragments', `
      query {
        __schema { types { ...Ifaces } }
      }
      fragment Ifaces on __Type { interfaces { ...Ifaces2 } }
      fragment Ifaces2 on __Type { interfaces { ...Ifaces3 } }
      fragment Ifaces3 on __Type { interfaces { name } }
    `],
    ['mixed lists at depth two are fine', `
      {
        __schema { types { fields { type { inputFields { name } } } } }
      }
    `],
    ['possibleTypes and inputFields nest too', `
      {
        __schema { types { possibleTypes { inputFields { type { possibleTypes { name } } } } } }
      }
    `],
    ['recursive fragment is not followed forever', `
      {
        __schema { types { ...Rec } }
      }
      fragment Rec on __Type { name ofType { ...Rec } }
    `],
  ],

  SpecifiedRules: [
    ['valid kitchen sink', `
      query Kitchen($id: ID, $skip: Boolean!, $cmd: DogCommand = SIT, $input: ComplexInput) @onQuery {
        human(id: $id) {
          name(surname: true)
          ...HumanParts
          pets @skip(if: $skip) {
            __typename
            ... on Dog { doesKnowCommand(dogCommand: $cmd) barkVolume }
            ... on Cat { meows furColor }
          }
        }
        complicatedArgs {
          complexArgField(complexArg: $input)
          oneOfArgField(oneOfArg: { intField: 3 })
          multipleOptAndReq(req1: 1, req2: 2)
          stringListArgField(stringListArg: ["a", "b"])
        }
        catOrDog { ... on Being { name } }
        __schema { queryType { name } }
        __type(name: "Dog") { fields { name } }
      }
      fragment HumanParts on Human { relatives { name } iq }
      mutation Rename { renameDog(name: "Rex") { name } }
      subscription OnMessage { newMessage }
    `],
    ['errors from several rules, in walk order', `
      query Bad($unused: Int, $bad: Dog) {
        dog { name { first } unknownField doesKnowCommand(dogCommand: JUMP, extra: 1) }
        human(id: $undefined) { pets }
        ...Missing
        complicatedArgs { multipleReqs(req1: "x") }
      }
      fragment Unused on Cat { meows }
      fragment Cycle on Dog { ...Cycle }
    `],
    ['errors inside a fragment are reported once', `
      { dog { ...F } cat { ...G } }
      fragment F on Dog { name nickname: barkVolume nickname }
      fragment G on Cat { meows(loud: true) }
    `],
    ['type system definitions among operations', `
      { dog { name } }
      type Extra { a: Unknown }
      extend type Dog @onField
    `],
    ['anonymous operations and duplicate names', `
      { dog { name } }
      query A { dog { name } }
      query A { cat { name } }
      { cat { name } }
    `],
    ['variables in wrong positions and unused', `
      query Q($a: String, $b: Int, $c: [String!], $d: OneOfInput) {
        complicatedArgs {
          intArgField(intArg: $a)
          nonNullIntArgField(nonNullIntArg: $b)
          stringListNonNullArgField(stringListNonNullArg: $c)
        }
      }
    `],
    ['suggestions across rules', `
      query ($v: ComplexInpt) {
        dgo { name }
        dog { nam barkVolum @skip(iff: true) doesKnowCommand(dogComand: SIT) }
        complicatedArgs { complexArgField(complexArg: { requiredFeld: true }) enumArgField(enumArg: BRWN) }
      }
    `, { suggest: true }],
    ['same document without suggestions', `
      query ($v: ComplexInpt) {
        dgo { name }
        dog { nam barkVolum @skip(iff: true) doesKnowCommand(dogComand: SIT) }
        complicatedArgs { complexArgField(complexArg: { requiredFeld: true }) enumArgField(enumArg: BRWN) }
      }
    `],
    ['subscription problems', `
      subscription S($b: Boolean!) { newMessage importantEmails @include(if: $b) }
      subscription { __typename }
    `],
    ['directives misplaced, unknown and repeated', `
      query @onField @unknown { dog @onQuery @onField @onField { name @skip(if: true) @skip(if: false) } }
    `],
    ['deep introspection is rejected', `
      { __schema { types { fields { type { fields { type { fields { name } } } } } } } }
    `],
    ['conflicting fields and bad literals together', `
      {
        dog { name: nickname name doesKnowCommand(dogCommand: 1) }
        complicatedArgs { intArgField(intArg: "1") intArgField(intArg: 2) }
      }
    `],
  ],
};
