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

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json;q=0.9",
        ...authorizationHeaders(),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new GraphQLRequestError(`The service could not be reached (${String(error)}).`, [], null);
  }

  const contentType = response.headers.get("Content-Type") ?? "";
  if (!contentType.includes("json")) {
    throw new GraphQLRequestError(
      `The GraphQL endpoint answered HTTP ${response.status} ${response.statusText} without a GraphQL response.`,
      [],
      response.status,
    );
  }
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLErrorPayload[] };
  const errors = body.errors ?? [];
  if (body.data === undefined || body.data === null) {
    const message = errors.length > 0
      ? errors.map((e) => e.message).join(" ")
      : `HTTP ${response.status} ${response.statusText}: the response has no data.`;
    throw new GraphQLRequestError(message, errors, response.status);
  }
  return { data: body.data, errors };
}
