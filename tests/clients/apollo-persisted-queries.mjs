// Apollo Client 4 with its persisted-queries link against the running service, as a dashboard built on Apollo would
// use it: node apollo-persisted-queries.mjs <graphql endpoint> [trusted-manifest.json]
//
// Without a manifest the link hashes each document itself (automatic persisted queries, GET for queries); with one,
// it sends the manifest's hash for each operation by name (trusted documents). Prints one JSON object: every HTTP
// exchange the link made and the outcome of each operation, for the .NET test to check.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { print } from "graphql";

const [endpoint, manifestPath] = process.argv.slice(2);
if (!endpoint) {
  console.error("usage: node apollo-persisted-queries.mjs <graphql endpoint> [trusted-manifest.json]");
  process.exit(2);
}

const exchanges = [];
async function recordingFetch(url, init) {
  const response = await fetch(url, init);
  const text = await response.clone().text();
  const body = init?.body ? JSON.parse(init.body) : null;
  const parameters = new URL(url).searchParams;
  exchanges.push({
    method: init?.method ?? "GET",
    sentQuery: body ? typeof body.query === "string" : parameters.has("query"),
    sentHash: (body?.extensions ?? JSON.parse(parameters.get("extensions") ?? "{}"))?.persistedQuery?.sha256Hash ?? null,
    status: response.status,
    cacheControl: response.headers.get("Cache-Control"),
    codes: (JSON.parse(text).errors ?? []).map((e) => e.extensions?.code ?? null),
  });
  return response;
}

const sha256 = (text) => createHash("sha256").update(text).digest("hex");
let hashOptions = { sha256 };
if (manifestPath) {
  // Trusted documents: the hash is the manifest's, found by operation name (the document text Apollo would print
  // differs from the manifest's text, so hashing it would not find it).
  const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
  const hashesByName = Object.fromEntries(Object.entries(manifest).map(([hash, document]) => [/(?:query|mutation|subscription)\s+(\w+)/.exec(document)[1], hash]));
  hashOptions = {
    generateHash: (document) => {
      const name = document.definitions.find((d) => d.kind === "OperationDefinition")?.name?.value;
      return hashesByName[name] ?? sha256(print(document));
    },
  };
}

function client() {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      new PersistedQueryLink({ ...hashOptions, useGETForHashedQueries: true }),
      new HttpLink({ uri: endpoint, fetch: recordingFetch }),
    ]),
  });
}

const operations = {
  ApolloOrganisations: gql`query ApolloOrganisations($first: Int) { organisations(first: $first) { totalCount nodes { code name } } }`,
  DashboardFilters: gql`query DashboardFilters { surveys { code title } }`,
};

async function run(apollo, name, variables) {
  try {
    const { data } = await apollo.query({ query: operations[name], variables, fetchPolicy: "network-only" });
    return { name, data };
  } catch (error) {
    return { name, error: error.message, codes: (error.errors ?? []).map((e) => e.extensions?.code ?? null) };
  }
}

const outcomes = [];
if (manifestPath) {
  // One trusted operation of the dashboard, then an ad-hoc one the service must refuse.
  outcomes.push(await run(client(), "DashboardFilters"));
  outcomes.push(await run(client(), "ApolloOrganisations", { first: 3 }));
} else {
  // A first client registers the document; a second one (a fresh page, say) finds it by hash alone.
  const first = client();
  outcomes.push(await run(first, "ApolloOrganisations", { first: 3 }));
  outcomes.push(await run(first, "ApolloOrganisations", { first: 3 }));
  outcomes.push(await run(client(), "ApolloOrganisations", { first: 3 }));
}
console.log(JSON.stringify({ exchanges, outcomes }));
