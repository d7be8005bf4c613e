// Source of execution/operations.json (run `npm run build-cases` after editing). Each operation runs against a
// fresh copy of fixture.json, through parse, validate and execute, in graphql-js and in our engine.
// Groups prefix the ids; the index inside a group completes them (e.g. "nested-03").
const q = String.raw;

export const groups = {
  nested: [
    { query: q`{ version }` },
    { query: q`{ councils { id name region population website } }` },
    { query: q`{ charities { id name registeredNumber foundedOn income website } }` },
    { query: q`{ service(id: "service-1") { id name kind startDate endDate updatedAt tags places rating open } }` },
    { query: q`{ service(id: "service-1") { name provider { id name } commissioners { id name } } }` },
    { query: q`{ councils { name areas { id name parent { name parent { name } } } } }` },
    { query: q`{ councils { name contacts { name email address { town postcode } } } }` },
    { query: q`{ services { id referrals matrix } }` },
    { query: q`{ service(id: "service-1") { funding(year: 2024) { year amount currency sources } none: funding(year: 1999) { year } } }` },
    { query: q`{ service(id: "service-missing") { id } }` },
    { query: q`{ charities { name services { name kind } contacts { name } } }` },
    { query: q`{ councils { name commissions { name provider { name services(first: 1) { name } } } } }` },
    { query: q`{ services(first: 3) { name contact { name email } } }` },
    { query: q`{ nodes(ids: ["council-1", "nope", "area-6", "contact-2"]) { id } }` },
    { query: q`{ charities { name services(kind: REFUGE) { name } } }` },
  ],
  alias: [
    { query: q`{ first: service(id: "service-1") { title: name } second: service(id: "service-2") { title: name } }` },
    { query: q`{ a: version b: version }` },
    { query: q`{ council: organisation(id: "council-1") { name } charity: organisation(id: "charity-1") { name } }` },
    { query: q`{ service(id: "service-1") { plain: label shouted: label(case: UPPER) quiet: label(prefix: "The ", case: LOWER) } }` },
    { query: q`{ refuges: services(filter: { kind: REFUGE }) { id } helplines: services(filter: { kind: HELPLINE }) { id } }` },
  ],
  fragments: [
    {
      query: q`query { service(id: "service-1") { ...ServiceParts } }
fragment ServiceParts on Service { id name provider { ...OrgParts } }
fragment OrgParts on Organisation { id name website }`,
    },
    {
      query: q`{ organisation(id: "council-1") { ...on Council { region population } ...on Charity { registeredNumber } name } }`,
    },
    {
      query: q`{ organisation(id: "charity-1") { ...on Council { region } ...on Charity { registeredNumber income } } }`,
    },
    {
      query: q`{ search(text: "harbour") { __typename ...on Named { name } ...on Service { kind } ...on Area { code } } }`,
    },
    {
      query: q`{ nodes(ids: ["council-2", "service-3", "contact-3", "area-1"]) { id ...on Named { name } ...on Contact { email } } }`,
    },
    {
      query: q`{ provider(id: "council-1") { ...Provider } other: provider(id: "charity-2") { ...Provider } }
fragment Provider on Provider { __typename ...on Organisation { name } ...on Council { region } }`,
    },
    {
      query: q`{ service(id: "service-2") { ... { id name } ... @include(if: true) { kind } } }`,
    },
    {
      query: q`query { service(id: "service-1") { ...A ...B } }
fragment A on Service { name provider { name } }
fragment B on Service { name provider { id } }`,
    },
    {
      query: q`{ node(id: "area-6") { ...AreaChain } }
fragment AreaChain on Area { name parent { name parent { name parent { name } } } }`,
    },
    {
      query: q`{ search(text: "council") { ...on Organisation { name contacts { name } } } }`,
    },
  ],
  typename: [
    { query: q`{ __typename }` },
    { query: q`{ search(text: "northshire") { __typename } }` },
    { query: q`mutation { __typename }` },
    { query: q`{ councils { __typename areas { __typename } contacts { __typename } } }` },
    { query: q`{ t: __typename node(id: "service-4") { kind: __typename } }` },
  ],
  directives: [
    { query: q`{ version @skip(if: true) councils @include(if: false) { id } charities { id } }` },
    { query: q`query ($skip: Boolean!) { version @skip(if: $skip) charities { id } }`, variables: { skip: true } },
    { query: q`query ($skip: Boolean!) { version @skip(if: $skip) charities { id } }`, variables: { skip: false } },
    { query: q`query ($on: Boolean = true) { version @include(if: $on) }` },
    { query: q`query ($on: Boolean = true) { version @include(if: $on) }`, variables: { on: false } },
    {
      query: q`query ($a: Boolean!, $b: Boolean!) { version @skip(if: $a) @include(if: $b) }`,
      variables: { a: false, b: true },
    },
    {
      query: q`query ($a: Boolean!, $b: Boolean!) { version @skip(if: $a) @include(if: $b) }`,
      variables: { a: true, b: true },
    },
    {
      query: q`query ($withProvider: Boolean!) { service(id: "service-1") { name ...P @include(if: $withProvider) } }
fragment P on Service { provider { name } }`,
      variables: { withProvider: false },
    },
    {
      query: q`query ($withProvider: Boolean!) { service(id: "service-1") { name ... on Service @skip(if: $withProvider) { kind } provider @include(if: $withProvider) { name } } }`,
      variables: { withProvider: true },
    },
    {
      query: q`{ service(id: "service-1") { name name @skip(if: true) } }`,
    },
    {
      query: q`query Tagged @tag(name: "op") { service(id: "service-1") @tag(name: "a") @tag(name: "b") { name } }`,
    },
  ],
  variables: [
    { query: q`query ($id: ID!) { service(id: $id) { name } }`, variables: { id: 'service-2' } },
    { query: q`query ($id: ID!) { node(id: $id) { id } }`, variables: { id: 42 } },
    { query: q`query ($id: ID = "charity-3") { organisation(id: $id) { name } }` },
    { query: q`query ($id: ID = "charity-3") { organisation(id: $id) { name } }`, variables: { id: 'council-3' } },
    { query: q`query ($ints: [Int]) { echo(ints: $ints) }`, variables: { ints: 7 } },
    { query: q`query ($ints: [Int]) { echo(ints: $ints) }`, variables: { ints: [1, null, 3] } },
    { query: q`query ($nested: [[Int!]]) { echo(nested: $nested) }`, variables: { nested: 5 } },
    { query: q`query ($nested: [[Int!]]) { echo(nested: $nested) }`, variables: { nested: [[1, 2], [3]] } },
    { query: q`{ echo(ints: 4, nested: [1, 2]) }` },
    { query: q`query ($f: Float) { echo(float: $f) }`, variables: { f: 3 } },
    { query: q`query ($f: Float) { echo(float: $f) }`, variables: { f: 2.5 } },
    { query: q`{ echo(float: 4, int: -7, string: "s", boolean: false, id: 12, kind: IDVA) }` },
    { query: q`query ($filter: ServiceFilter) { echo(filter: $filter) }`, variables: { filter: { kind: 'REFUGE', open: true } } },
    {
      query: q`query ($filter: ServiceFilter) { echo(filter: $filter) }`,
      variables: { filter: { kinds: 'HELPLINE', sort: { order: 'DESC' } } },
    },
    { query: q`{ echo(filter: { sort: null, minPlaces: null }) }` },
    { query: q`{ echo(filter: {}) }` },
    { query: q`query ($m: MatrixInput) { echo(matrix: $m) }`, variables: { m: { rows: [[1], [2, 3]], nested: { rows: 4 } } } },
    { query: q`query ($k: ServiceKind) { services(filter: { kind: $k }) { id } }`, variables: { k: 'COUNSELLING' } },
    { query: q`query ($k: ServiceKind) { services(filter: { kind: $k }) { id } }` },
    { query: q`query ($k: ServiceKind) { services(filter: { kind: $k }) { id } }`, variables: { k: null } },
    { query: q`query ($first: Int = 2) { services(first: $first) { id } }` },
    { query: q`query ($first: Int = 2) { services(first: $first) { id } }`, variables: { first: null } },
    { query: q`query ($d: Date) { echo(date: $d) }`, variables: { d: '2024-02-29' } },
    { query: q`{ echo(date: "2024-01-31", old: "still works") }` },
    { query: q`query ($x: String) { echo(string: $x) }` },
    { query: q`query ($x: String) { echo(string: $x) }`, variables: { x: null } },
    { query: q`{ echo }` },
    {
      query: q`query ($region: Region!, $open: Boolean) { services(filter: { region: $region, open: $open, sort: { field: PLACES, order: DESC } }) { id places } }`,
      variables: { region: 'LONDON', open: true },
    },
  ],
  invalidVariables: [
    { query: q`query ($id: ID!) { service(id: $id) { name } }` },
    { query: q`query ($id: ID!) { service(id: $id) { name } }`, variables: { id: null } },
    { query: q`query ($n: Int) { echo(int: $n) }`, variables: { n: 'seven' } },
    { query: q`query ($n: Int) { echo(int: $n) }`, variables: { n: 1.5 } },
    { query: q`query ($n: Int) { echo(int: $n) }`, variables: { n: 2147483648 } },
    { query: q`query ($b: Boolean) { echo(boolean: $b) }`, variables: { b: 'true' } },
    { query: q`query ($k: ServiceKind) { echo(kind: $k) }`, variables: { k: 'PLUMBING' } },
    { query: q`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: ['council-1', null] } },
    { query: q`query ($f: ServiceFilter) { echo(filter: $f) }`, variables: { f: { colour: 'red' } } },
    { query: q`query ($m: MatrixInput) { echo(matrix: $m) }`, variables: { m: { label: 'no rows' } } },
    { query: q`query ($f: ServiceFilter) { echo(filter: $f) }`, variables: { f: 'REFUGE' } },
    { query: q`query ($s: String) { echo(string: $s) }`, variables: { s: 12 } },
  ],
  oneOf: [
    { query: q`{ contact(by: { email: "duty@open-door.example.org" }) { name } }` },
    { query: q`{ contact(by: { postcode: "WM1 1AA" }) { name } }` },
    { query: q`query ($by: ContactBy!) { contact(by: $by) { name } }`, variables: { by: { id: 'contact-2' } } },
    { query: q`query ($by: ContactBy!) { contact(by: $by) { name } }`, variables: { by: { id: 'contact-2', email: 'x@example.org' } } },
    { query: q`query ($by: ContactBy!) { contact(by: $by) { name } }`, variables: { by: { email: null } } },
    { query: q`query ($by: ContactBy!) { contact(by: $by) { name } }`, variables: { by: {} } },
    { query: q`query ($email: String!) { contact(by: { email: $email }) { name } }`, variables: { email: 'safety@lowfield.example.org' } },
    { query: q`query ($by: ContactBy) { echo(by: $by) }`, variables: { by: { postcode: 'NS1 1AA' } } },
  ],
  errors: [
    { query: q`{ failing version }` },
    { query: q`{ failingNonNull version }` },
    { query: q`{ nullNonNull }` },
    { query: q`{ listWithErrors listWithNonNullErrors listWithNullItem }` },
    { query: q`{ tooBig }` },
    { query: q`{ services(first: 2) { name secret } }` },
    // first: 1, because with two failing items graphql-js stops at the first error (which the spec leaves open).
    { query: q`{ services(first: 1) { name strictSecret } }` },
    { query: q`{ service(id: "service-3") { name strictSecret } version }` },
    { query: q`{ service(id: "service-orphan") { name provider { name } } }` },
    { query: q`{ node(id: "service-orphan") { id ... on Service { commissioners { name } } } }` },
    { query: q`{ nodes(ids: ["service-1", "service-orphan"]) { ... on Service { name provider { name } } } }` },
    { query: q`{ charities { name trustees { name } } }` },
    { query: q`{ organisation(id: "council-1") { ... on Council { commissions { name deep: secret } } } }` },
    { query: q`{ services(first: -1) { id } }` },
    { query: q`{ search(text: "") { __typename } version }` },
    { query: q`{ renamed: failing other: service(id: "service-2") { hidden: secret } }` },
    { query: q`{ councils { name areas { name parent { name } } } failing }` },
  ],
  mutations: [
    { query: q`mutation { a: incrementCounter b: incrementCounter c: incrementCounter(by: 10) }` },
    { query: q`mutation { a: incrementCounter(by: 2) b: multiplyCounter(by: 5) c: incrementCounter d: resetCounter e: incrementCounter(by: 3) }` },
    { query: q`mutation { a: incrementCounter fail: failingMutation b: incrementCounter }` },
    {
      query: q`mutation ($input: CreateServiceInput!) { createService(input: $input) { id name kind places tags startDate open provider { name } contact { name } } }`,
      variables: { input: { name: 'Pop-up Drop-in', kind: 'OUTREACH', providerId: 'charity-2', startDate: '2025-01-06', contact: { id: 'contact-5' } } },
    },
    {
      query: q`mutation { first: createService(input: { name: "One", kind: REFUGE, providerId: "council-1", tags: ["a"] }) { id } second: createService(input: { name: "Two", kind: HELPLINE, providerId: "council-1", places: null }) { id places } }`,
    },
    {
      query: q`mutation { createService(input: { name: "Nowhere", kind: REFUGE, providerId: "council-404" }) { id } }`,
    },
    { query: q`mutation { closeService(id: "service-1") { id open } again: closeService(id: "service-1") { open } missing: closeService(id: "nope") { id } }` },
    { query: q`mutation { a: incrementCounter(by: 2147483647) b: incrementCounter }` },
    { query: q`mutation ($by: Int) { incrementCounter(by: $by) }`, variables: { by: null } },
    { query: q`mutation Named { a: resetCounter ...M } fragment M on Mutation { b: incrementCounter(by: 4) c: multiplyCounter(by: 2) }` },
  ],
  enums: [
    { query: q`{ councils(region: LONDON) { name region } }` },
    { query: q`{ services(filter: { kinds: [REFUGE, IDVA] }) { name kind } }` },
    { query: q`{ services(filter: { kind: OTHER }) { name kind } }` },
    { query: q`query ($r: Region) { councils(region: $r) { name } }`, variables: { r: 'SOUTH_WEST' } },
    { query: q`{ echo(kind: ADVOCACY) }` },
  ],
  scalars: [
    { query: q`{ services(first: 4) { name startDate updatedAt } councils { website } }` },
    { query: q`{ contact(by: { id: "contact-1" }) { address { postcode } } }` },
    { query: q`{ echo(date: 20240101) }` },
    { query: q`query ($d: Date) { echo(date: $d) }`, variables: { d: { year: 2024 } } },
    { query: q`{ charities { income } services { rating } }` },
  ],
  operationSelection: [
    { query: q`query A { version } query B { charities { id } }`, operationName: 'B' },
    { query: q`query A { version } query B { charities { id } }`, operationName: 'A' },
    { query: q`query A { version } query B { charities { id } }` },
    { query: q`query A { version } query B { charities { id } }`, operationName: 'C' },
    { query: q`query A { version } mutation B { resetCounter }`, operationName: 'B' },
  ],
  introspection: [
    { query: q`{ __type(name: "Service") { name kind description fields { name type { name kind ofType { name kind } } } } }` },
    { query: q`{ __type(name: "ServiceKind") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }` },
    { query: q`{ __type(name: "ContactBy") { name isOneOf inputFields { name type { name } } } }` },
    { query: q`{ __schema { queryType { name } mutationType { name } subscriptionType { name } description } }` },
    { query: q`{ __type(name: "Organisation") { interfaces { name } possibleTypes { name } } }` },
    { query: q`{ __type(name: "DateTime") { name kind specifiedByURL } __type2: __type(name: "Nope") { name } }` },
  ],
  async: [
    { query: q`{ delayed other: delayed(value: "sooner") version }` },
    { query: q`{ services(first: 2) { name } delayed failing }` },
    { query: q`{ a: delayed(value: null) b: delayed(value: "x") }` },
  ],
  deprecated: [
    { query: q`{ service(id: "service-1") { capacity places label(upper: true) } }` },
    { query: q`{ contact(by: { id: "contact-1" }) { phone } charities { registeredNumberOld } }` },
    { query: q`{ echo(filter: { type: "refuge" }) }` },
  ],
  more: [
    { query: q`{ echo(string: "caf\u00e9 ☕ \uD83D\uDE00 \"quoted\" \\ tab\t") }` },
    { query: q`query ($f: ServiceFilter = { sort: { order: DESC } }) { services(filter: $f) { name } }` },
    { query: q`{ services(filter: { sort: { field: START_DATE } }) { name startDate } }` },
    { query: q`{ services(filter: { nameContains: "REFUGE", minPlaces: 10 }) { name places } }` },
    { query: q`query ($ids: [ID!]! = ["area-2", "area-6"]) { nodes(ids: $ids) { ... on Area { name parent { name } } } }` },
    {
      query: q`mutation ($tags: [String!]) { createService(input: { name: "T", kind: REFUGE, providerId: "charity-1", tags: $tags }) { id tags places } }`,
      variables: { tags: 'single' },
    },
    { query: q`mutation { createService(input: { name: "N", kind: IDVA, providerId: "council-2", contact: { id: "contact-6" } }) { kind contact { name } provider { ... on Council { region } } } }` },
    { query: q`{ councils { name commissions { name kind } } }` },
    {
      query: q`query ($detail: Boolean = false) { search(text: "e", limit: 50) { __typename ...on Named { name ...on Service @include(if: $detail) { places } } ...on Service @skip(if: $detail) { kind } } }`,
    },
    { query: q`{ services { name matrix referrals tags } }` },
  ],
  resultCoercion: [
    { query: q`{ node(id: "area-7") { ... on Area { code name parent { code } } } }` },
    { query: q`{ service(id: "service-8") { places capacity } }` },
    { query: q`{ organisation(id: "charity-2") { ... on Charity { income } } }` },
    { query: q`{ service(id: "service-5") { open } }` },
    { query: q`{ services(filter: { open: true }) { id open } }` },
  ],
  edges: [
    { query: q`query ($x: Int) { echo(ints: [$x, 2]) }` },
    { query: q`query ($m: Int) { echo(filter: { minPlaces: $m, open: true }) }` },
    { query: q`query ($m: Int) { echo(filter: { minPlaces: $m }) }`, variables: { m: null } },
    { query: q`query ($e: String) { contact(by: { email: $e }) { name } }`, variables: { e: null } },
    { query: q`query ($e: String) { contact(by: { email: $e }) { name } }` },
    { query: q`{ service(id: "service-1") { name } service(id: "service-1") { kind provider { name } } }` },
    { query: q`{ __type(name: "Query") { fields { name } } }` },
    { query: q`{ __type(name: "Service") { fields(includeDeprecated: false) { name } } }` },
    { query: q`{ councils { name areas { name } } }` },
    { query: q`{ councils { name areas { name code } } charities { name } }` },
    { query: q`query ($skip: Boolean = true) { search(text: "lowfield") { t: __typename @skip(if: $skip) ... on Named { name } } }` },
    { query: q`{ service(id: "service-2") { ...S ... on Service { funding(year: 2024) { amount } } } } fragment S on Service { funding(year: 2024) { year } }` },
  ],
  validationFailures: [
    { query: q`{ service(id: "service-1") { nope } }` },
    { query: q`{ service { name } }` },
    { query: q`{ version` },
  ],
};
