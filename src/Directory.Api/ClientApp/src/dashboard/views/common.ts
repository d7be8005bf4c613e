import { GraphQLRequestError, type GraphQLErrorPayload } from "../api";
import { h } from "../dom";

/** An error box announced to screen readers; lists every GraphQL error with its path and code. */
export function errorBox(title: string, error: unknown): HTMLElement {
  const errors: GraphQLErrorPayload[] = error instanceof GraphQLRequestError ? error.errors : [];
  const message = error instanceof Error ? error.message : String(error);
  return h(
    "div",
    { class: "error", role: "alert", "data-error": "" },
    h("h2", {}, title),
    errors.length > 0 ? errorList(errors) : h("p", {}, message),
  );
}

/** Field errors that came with partial data. */
export function partialErrors(errors: GraphQLErrorPayload[]): HTMLElement | null {
  if (errors.length === 0) return null;
  return h(
    "div",
    { class: "error", role: "alert", "data-error": "" },
    h("h2", {}, "Some of this page could not be loaded"),
    errorList(errors),
  );
}

function errorList(errors: GraphQLErrorPayload[]): HTMLElement {
  return h(
    "ul",
    {},
    errors.map((e) =>
      h(
        "li",
        {},
        e.message,
        e.path ? h("span", { class: "meta" }, ` (at ${e.path.join(".")})`) : null,
        e.extensions?.code ? h("span", { class: "meta" }, ` [${e.extensions.code}]`) : null,
      ),
    ),
  );
}

/**
 * Submitting the form navigates to `#/<path>?<fixed and the non-empty fields named>`: the route holds the choices, so
 * every view stays linkable and the back button works.
 */
export function navigateOnSubmit(form: HTMLFormElement, path: string, fields: string[], fixed: Record<string, string> = {}): void {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const params = new URLSearchParams(fixed);
    for (const field of fields) {
      const value = String(data.get(field) ?? "").trim();
      if (value) params.set(field, value);
    }
    const query = params.toString();
    window.location.hash = query ? `#/${path}?${query}` : `#/${path}`;
  });
}

export function loading(what: string): HTMLElement {
  return h("p", { class: "loading", role: "status" }, `Loading ${what}…`);
}

export function organisationLink(org: { code: string; name: string } | null | undefined): Node | string {
  if (!org) return "—";
  return h("a", { href: `#/organisation/${encodeURIComponent(org.code)}` }, org.name);
}

/** A labelled select whose options are value/label pairs. */
export function labelledSelect(
  label: string,
  name: string,
  options: [string, string][],
  selected: string,
): HTMLElement {
  const id = `filter-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h(
      "select",
      { id, name },
      options.map(([value, text]) => h("option", { value, selected: value === selected }, text)),
    ),
  );
}

export function labelledInput(label: string, name: string, value: string, attributes: Record<string, string> = {}): HTMLElement {
  const id = `field-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name, value, type: "text", ...attributes }),
  );
}

/** Every node of a paged connection, asking page after page (the API serves at most 100 a page). */
export async function allPages<T>(
  page: (after: string | null) => Promise<{ pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] }>,
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const connection = await page(after);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo.hasNextPage || connection.pageInfo.endCursor === null) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

export interface PageInfo { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }

/** The cursor arguments of one page of a connection. */
export type PageRequest = { first: number; after?: string | null } | { last: number; before?: string | null };

/** "Previous page" and "Next page" buttons over a connection; `show` loads the page asked for. */
export function pager(label: string, pageInfo: PageInfo, pageSize: number, show: (page: PageRequest) => void): HTMLElement {
  const previous = h("button", { type: "button", class: "secondary", disabled: !pageInfo.hasPreviousPage }, "Previous page");
  const next = h("button", { type: "button", class: "secondary", disabled: !pageInfo.hasNextPage }, "Next page");
  previous.addEventListener("click", () => show({ last: pageSize, before: pageInfo.startCursor }));
  next.addEventListener("click", () => show({ first: pageSize, after: pageInfo.endCursor }));
  return h("nav", { class: "pager", "aria-label": label }, previous, next);
}
