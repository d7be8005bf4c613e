import "./workers";
import "graphiql/style.css";
import "./graphiql.css";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TOKEN_STORAGE_KEY } from "../dashboard/token";

// The endpoint is the page's own URL (GET /graphql with Accept: text/html serves this page), so GraphiQL works
// under any path base the service is mounted at.
const endpoint = new URL(document.body.dataset.endpoint ?? "/graphql", window.location.href).toString();

// A token pasted into the dashboard (development sign-in) also authenticates GraphiQL's requests; headers typed
// into GraphiQL's header editor are merged on top by GraphiQL itself.
const token = sessionStorage.getItem(TOKEN_STORAGE_KEY);
const fetcher = createGraphiQLFetcher({
  url: endpoint,
  headers: token ? { Authorization: `Bearer ${token}` } : {},
});

const defaultQuery = `# The Commissioning Directory. Open the documentation explorer (book icon) to browse the schema.
query NationalPicture {
  surveys { code title responseCount }
  mappingReport(survey: "STADV-2020") {
    coverage { rows { organisationType completed additionalContact notReceived total } }
  }
}
`;

const initialQuery = new URLSearchParams(window.location.search).get("query") ?? undefined;

const container = document.getElementById("graphiql");
if (!container) {
  throw new Error("The GraphiQL page has no #graphiql element.");
}
createRoot(container).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} initialQuery={initialQuery} />
  </StrictMode>,
);
