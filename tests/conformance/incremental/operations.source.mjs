// Source of incremental/operations.json (run `npm run build-cases` after editing): operations with @defer and @stream,
// run through graphql-js 17 `experimentalExecuteIncrementally` (incremental.mjs) and through our engine's
// ExecuteIncrementallyAsync, against test-schema.graphql plus defer-stream.graphql, each on a fresh fixture.
const q = String.raw;

export const groups = {
  defer: [
    // An inline fragment at the root, without and with a label.
    { query: q`{ version ... @defer { councils { id name } } }` },
    { query: q`{ version ... @defer(label: "councils") { councils { id name } } }` },
    // A named fragment spread with @defer, below a field.
    {
      query: q`{ service(id: "service-1") { id ...Details @defer(label: "details") } }
fragment Details on Service { name kind places provider { name } }`,
    },
    // Nested: the inner fragment is announced when the outer one completes.
    { query: q`{ service(id: "service-1") { id ... @defer(label: "outer") { name provider { id ... @defer(label: "inner") { name } } } } }` },
    // Two sibling fragments at the same place.
    { query: q`{ version ... @defer(label: "a") { councils { id } } ... @defer(label: "b") { charities { id } } }` },
    // Inside a list: one deferred fragment per item.
    { query: q`{ councils { id ... @defer { name region } } }` },
    // On an abstract type: applies to the items of the matching type only.
    { query: q`{ nodes(ids: ["council-1", "service-2", "area-3"]) { id ... on Service @defer { name kind } } }` },
  ],
  dedup: [
    // Everything the fragment selects is already sent: nothing is deferred, a plain response.
    { query: q`{ councils { id } ... @defer { councils { id } } }` },
    // Part already sent: only the rest is deferred, at a subPath below the fragment's path.
    { query: q`{ service(id: "service-1") { id name } ... @defer { service(id: "service-1") { name kind } } }` },
    // A field in two sibling fragments is sent once.
    { query: q`{ service(id: "service-1") { id ... @defer(label: "x") { name places } ... @defer(label: "y") { name kind } } }` },
    // The same named fragment spread plainly and deferred: the plain spread wins.
    {
      query: q`{ service(id: "service-1") { ...Names ...Names @defer } }
fragment Names on Service { id name }`,
    },
    // A nested @defer inside a fragment whose fields the parent fragment also selects.
    { query: q`{ service(id: "service-1") { id ... @defer(label: "p") { name ... @defer(label: "c") { name kind } } } }` },
  ],
  conditions: [
    { query: q`{ version ... @defer(if: false) { councils { id } } }` },
    { query: q`query ($d: Boolean!) { version ... @defer(if: $d) { councils { id } } }`, variables: { d: false } },
    { query: q`query ($d: Boolean!) { version ... @defer(if: $d) { councils { id } } }`, variables: { d: true } },
    { query: q`query ($d: Boolean = true) { version ... @defer(if: $d) { councils { id } } }` },
    { query: q`{ councils @stream(if: false) { id } }` },
    { query: q`query ($s: Boolean!, $n: Int!) { councils @stream(if: $s, initialCount: $n) { id } }`, variables: { s: true, n: 2 } },
    { query: q`{ version ... @defer @skip(if: true) { councils { id } } }` },
  ],
  errors: [
    // A nullable field failing inside a deferred fragment: data with errors in the incremental entry.
    { query: q`{ version ... @defer { failing councils { id } } }` },
    // A non-null field failing at the fragment's top: the fragment completes with errors and no data.
    { query: q`{ version ... @defer(label: "broken") { failingNonNull } }` },
    // A non-null error below the fragment's top nulls the nearest nullable field only.
    { query: q`{ service(id: "service-1") { id ... @defer { name strictSecret } } }` },
    { query: q`{ services(first: 2) { id ... @defer { secret } } }` },
    // The deferred fragment's place is nulled in the initial result: the deferred work is dropped.
    { query: q`{ service(id: "service-1") { strictSecret ... @defer { name } } version }` },
    // One failing fragment, one fine sibling.
    { query: q`{ version ... @defer(label: "bad") { failingNonNull } ... @defer(label: "good") { councils { id } } }` },
  ],
  stream: [
    { query: q`{ councils @stream { id name } }` },
    { query: q`{ councils @stream(initialCount: 1, label: "more") { id } }` },
    // initialCount equal to the length: a stream with nothing left, completed at once.
    { query: q`{ councils @stream(initialCount: 3) { id } }` },
    // initialCount above the length: no stream at all.
    { query: q`{ councils @stream(initialCount: 10) { id } }` },
    { query: q`{ services(first: 4) @stream(initialCount: 2) { id name provider { name } } }` },
    // Item errors: a nullable item that fails is null with an error.
    { query: q`{ listWithErrors @stream(initialCount: 1) }` },
    // A non-null item that fails ends the stream with an error.
    { query: q`{ listWithNonNullErrors @stream }` },
    { query: q`{ listWithNullItem @stream(initialCount: 2) }` },
    // Scalars lists and nested lists (only the outer list streams).
    { query: q`{ service(id: "service-1") { tags @stream(initialCount: 1) referrals @stream } }` },
  ],
  mixed: [
    // A stream inside a deferred fragment starts when the fragment completes.
    { query: q`{ version ... @defer(label: "d") { councils @stream(initialCount: 1, label: "s") { id } } }` },
    // Deferred fragments inside streamed items.
    { query: q`{ councils @stream(initialCount: 1) { id ... @defer { name } } }` },
    // An asynchronous resolver in a deferred fragment.
    { query: q`{ version ... @defer { delayed(value: "soon") } }` },
    // @defer below a mutation's root field.
    { query: q`mutation { createService(input: { name: "New refuge", kind: REFUGE, providerId: "charity-1" }) { id ... @defer { name kind } } }` },
  ],
};
