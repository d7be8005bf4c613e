import { graphql } from "../api";
import { dataTable } from "../charts";
import { h } from "../dom";
import { formatInteger, humanise } from "../format";
import type { Route } from "../router";
import type { Viewer } from "../token";
import { errorBox, labelledInput, loading, organisationLink, partialErrors } from "./common";
import { exportPanel } from "./exports";

const PAGE_SIZE = 25;

const CONTACTS_QUERY = /* GraphQL */ `
  query ContactList($search: String, $first: Int, $after: String, $last: Int, $before: String) {
    contacts(search: $search, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        code fullName jobTitle role email phone
        organisation { code name type }
        department { name }
      }
    }
  }
`;

interface ContactPage {
  contacts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: {
      code: string; fullName: string; jobTitle: string | null; role: string; email: string | null; phone: string | null;
      organisation: { code: string; name: string; type: string }; department: { name: string } | null;
    }[];
  };
}

type Page = { first: number; after?: string | null } | { last: number; before?: string | null };

export async function renderContacts(main: HTMLElement, route: Route, viewer: Viewer): Promise<void> {
  const search = route.params.get("search") ?? "";
  main.append(
    h("h1", { tabindex: -1 }, "Contacts"),
    h("p", { class: "lead" },
      "The commissioners and other contacts you may see. Search matches name, job title, organisation, department and email; every word must match."),
  );

  const form = h("form", { class: "filters", role: "search", "data-form": "contacts" },
    labelledInput("Search contacts", "search", search, { type: "search", autocomplete: "off" }),
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = String(new FormData(form).get("search") ?? "").trim();
    window.location.hash = value ? `#/contacts?search=${encodeURIComponent(value)}` : "#/contacts";
  });
  main.append(form);

  main.append(exportPanel({
    list: "contacts",
    params: search ? { search } : {},
    description: search
      ? `Exports the contacts matching “${search}” that you may see, as the service records them.`
      : "Exports every contact you may see, as the service records them.",
    viewer,
  }));

  const results = h("div", { "aria-live": "polite", "data-results": "contacts" });
  main.append(results);

  const show = async (page: Page): Promise<void> => {
    results.replaceChildren(loading("contacts"));
    try {
      const { data, errors } = await graphql<ContactPage>(CONTACTS_QUERY, { search: search || null, ...page });
      const { contacts } = data;
      const count = h("p", { class: "summary", role: "status", "data-total": contacts.totalCount },
        contacts.totalCount === 0
          ? search ? `No contact you may see matches “${search}”.` : "No contacts are visible to you."
          : `${formatInteger(contacts.totalCount)} contacts${search ? ` match “${search}”` : ""}; showing ${contacts.nodes.length} on this page.`);
      // Anonymous callers see no people at all: say why, rather than leave them wondering whether the search failed.
      const signInHint = viewer.token ? null : h("p", { class: "hint", "data-sign-in-hint": "" },
        "People's details are shown only to signed-in users: use “Sign in with a token” above.");
      const table = contacts.nodes.length === 0 ? null : dataTable("Contacts", contacts.nodes, [
        { header: "Name", cell: (c) => c.fullName, value: (c) => c.code, rowHeader: true },
        { header: "Job title", cell: (c) => c.jobTitle ?? "—" },
        { header: "Organisation", cell: (c) => organisationLink(c.organisation), value: (c) => c.organisation.code },
        { header: "Department", cell: (c) => c.department?.name ?? "—" },
        { header: "Role", cell: (c) => humanise(c.role) },
        { header: "Email", cell: (c) => (c.email ? h("a", { href: `mailto:${c.email}` }, c.email) : "—") },
        { header: "Phone", cell: (c) => c.phone ?? "—" },
      ], "contacts");
      const previous = h("button", { type: "button", disabled: !contacts.pageInfo.hasPreviousPage }, "Previous page");
      const next = h("button", { type: "button", disabled: !contacts.pageInfo.hasNextPage }, "Next page");
      previous.addEventListener("click", () => void show({ last: PAGE_SIZE, before: contacts.pageInfo.startCursor }));
      next.addEventListener("click", () => void show({ first: PAGE_SIZE, after: contacts.pageInfo.endCursor }));
      const pager = h("nav", { class: "pager", "aria-label": "Contact list pages" }, previous, next);
      results.replaceChildren(...[partialErrors(errors), count, signInHint, table, pager].filter((n): n is HTMLElement => !!n));
    } catch (error) {
      results.replaceChildren(errorBox("The contacts could not be loaded", error));
    }
  };
  await show({ first: PAGE_SIZE });
}
