// The graphql-sse and graphql-ws clients subscribing to the running service, as a dashboard or an integration would:
// node live-updates.mjs <sse-distinct|sse-single|ws> <graphql endpoint> <results to wait for> <token or -> <document>
//
// Prints one JSON line per thing the client reports — {"connected":true}, {"next":<result>}, {"error":…},
// {"complete":true} — and exits after that many results, or when the server ends the operation or the connection.
// The .NET tests read the lines as they come.
import { createClient as createSseClient } from "graphql-sse";
import { createClient as createWsClient } from "graphql-ws";
import WebSocket from "ws";

const [transport, endpoint, wanted, token, query] = process.argv.slice(2);
if (!query) {
  console.error("usage: node live-updates.mjs <sse-distinct|sse-single|ws> <endpoint> <count> <token|-> <document>");
  process.exit(2);
}
const authorization = token && token !== "-" ? `Bearer ${token}` : null;
const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");

let client;
if (transport === "ws") {
  client = createWsClient({
    url: endpoint.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: authorization ? { Authorization: authorization } : {},
    on: { connected: () => print({ connected: true }) },
  });
} else {
  client = createSseClient({
    url: endpoint,
    singleConnection: transport === "sse-single",
    retryAttempts: 0,
    headers: authorization ? { Authorization: authorization } : {},
    on: { connected: () => print({ connected: true }) },
  });
}

let received = 0;
const done = (code) => {
  client.dispose();
  // Let the last lines reach the pipe before leaving.
  process.stdout.write("", () => process.exit(code));
};
client.subscribe(
  { query },
  {
    next: (result) => {
      print({ next: result });
      if (++received >= Number(wanted)) {
        done(0);
      }
    },
    error: (error) => {
      const described = error?.code !== undefined
        ? { code: error.code, reason: error.reason }
        : Array.isArray(error) ? { errors: error } : { message: String(error?.message ?? error), status: error?.response?.status };
      print({ error: described });
      done(0);
    },
    complete: () => {
      print({ complete: true });
      done(0);
    },
  },
);
