import { storedToken } from "./token";

// GraphQL over HTTP: POST application/json, asking for application/graphql-response+json so that request errors
// come back with meaningful status codes (GraphQL-over-HTTP draft).
export const GRAPHQL_ENDPOINT = "/graphql";

export interface GraphQLErrorPayload {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: { code?: string } & Record<string, unknown>;
}

/** A request that produced no usable data: transport failure, HTTP error or GraphQL request error. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly errors: GraphQLErrorPayload[],
    readonly status: number | null,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

export interface GraphQLResult<T> {
  data: T;
  /** Field errors that came with partial data; shown beside the data. */
  errors: GraphQLErrorPayload[];
}

export function authorizationHeaders(): Record<string, string> {
  const token = storedToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// Apollo's automatic persisted queries protocol: the dashboard's own operations are trusted documents of the
// service (build.mjs lists them), so it sends only their hashes; were the service built from other sources, it
// answers PERSISTED_QUERY_NOT_FOUND and the document follows with its hash (refused when the service only accepts
// its trusted documents). When the service has persisted queries turned off, full documents are sent from then on.
let persistedQueriesSupported = true;

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const sha256Hash = persistedQueriesSupported ? PERSISTED_OPERATION_HASHES[query] : undefined;
  if (sha256Hash === undefined) return interpret<T>(await post<T>({ query, variables }));

  const extensions = { persistedQuery: { version: 1, sha256Hash } };
  const byHash = await post<T>({ variables, extensions });
  const code = byHash.body?.errors?.[0]?.extensions?.code;
  if (code === "PERSISTED_QUERY_NOT_SUPPORTED") {
    persistedQueriesSupported = false;
    return interpret<T>(await post<T>({ query, variables }));
  }
  if (code === "PERSISTED_QUERY_NOT_FOUND") return interpret<T>(await post<T>({ query, variables, extensions }));
  return interpret<T>(byHash);
}

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: GraphQLErrorPayload[];
}

interface Answer<T> {
  response: Response;
  /** The parsed body; null when the answer is not JSON. */
  body: GraphQLResponseBody<T> | null;
}

async function post<T>(request: Record<string, unknown>): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json;q=0.9",
        ...authorizationHeaders(),
      },
      body: JSON.stringify(request),
    });
  } catch (error) {
    throw new GraphQLRequestError(`The service could not be reached (${String(error)}).`, [], null);
  }

  const contentType = response.headers.get("Content-Type") ?? "";
  return { response, body: contentType.includes("json") ? ((await response.json()) as GraphQLResponseBody<T>) : null };
}

function interpret<T>({ response, body }: Answer<T>): GraphQLResult<T> {
  if (body === null) {
    throw new GraphQLRequestError(
      `The GraphQL endpoint answered HTTP ${response.status} ${response.statusText} without a GraphQL response.`,
      [],
      response.status,
    );
  }
  const errors = body.errors ?? [];
  if (body.data === undefined || body.data === null) {
    const message = errors.length > 0
      ? errors.map((e) => e.message).join(" ")
      : `HTTP ${response.status} ${response.statusText}: the response has no data.`;
    throw new GraphQLRequestError(message, errors, response.status);
  }
  return { data: body.data, errors };
}
