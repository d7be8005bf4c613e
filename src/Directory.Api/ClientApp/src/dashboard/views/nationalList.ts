import { graphql } from "../api";
import { dataTable } from "../charts";
import { h } from "../dom";
import { formatInteger, humanise, organisationType } from "../format";
import type { Route } from "../router";
import type { Viewer } from "../token";
import { errorBox, labelledInput, labelledSelect, loading, navigateOnSubmit, organisationLink, partialErrors } from "./common";
import { exportPanel } from "./exports";

const PAGE_SIZE = 25;

const LIST_QUERY = /* GraphQL */ `
  query NationalContactList($survey: String!, $where: NationalContactListFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    surveys { code title }
    nationalContactList(survey: $survey, where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        organisation { code name }
        organisationType
        status
        commissionedByCounty
        contacts { code fullName jobTitle email }
        countyContacts { code fullName jobTitle email organisation { code name } }
        centralEmail
      }
    }
  }
`;

interface Person { code: string; fullName: string; jobTitle: string | null; email: string | null }

interface Row {
  organisation: { code: string; name: string };
  organisationType: string;
  status: string;
  commissionedByCounty: boolean;
  contacts: Person[];
  countyContacts: (Person & { organisation: { code: string; name: string } })[];
  centralEmail: string | null;
}

interface ListPage {
  surveys: { code: string; title: string }[];
  nationalContactList: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: Row[];
  };
}

type Page = { first: number; after?: string | null } | { last: number; before?: string | null };

const STATUSES: [string, string][] = [["", "Any status"], ["COMPLETED", "Completed"], ["ADDITIONAL_CONTACT", "Additional contact"], ["NOT_RECEIVED", "Not received"]];
const TYPES: [string, string][] = [["", "Any type"], ["LOCAL_AUTHORITY", "Local authority"], ["PCC", "PCC"], ["CCG", "CCG"]];

/** The `where` of the list (and of its export) for the view's filters; null when no filter is set. */
export function listFilter(status: string, type: string, name: string): Record<string, unknown> | null {
  const organisation: Record<string, unknown> = {};
  if (type) organisation["type"] = { eq: type };
  if (name) organisation["name"] = { contains: name };
  const where: Record<string, unknown> = {};
  if (status) where["status"] = { eq: status };
  if (Object.keys(organisation).length > 0) where["organisation"] = organisation;
  return Object.keys(where).length > 0 ? where : null;
}

function people(list: Person[], marker?: (p: Person) => string): HTMLElement | string {
  if (list.length === 0) return "—";
  return h("ul", { class: "people" }, list.map((p) =>
    h("li", { "data-contact": p.code },
      p.fullName,
      p.jobTitle ? `, ${p.jobTitle}` : "",
      p.email ? [" — ", h("a", { href: `mailto:${p.email}` }, p.email)] : "",
      marker ? ` (${marker(p)})` : "")));
}

/**
 * The national contact list of a survey (as in the STADV report): one row per in-scope organisation with its survey
 * status, the commissioners the viewer may see — the county's for a district that delegates commissioning — and the
 * central mailbox where nothing was received; filterable, paged, and exportable through the audited endpoint.
 */
export async function renderNationalList(main: HTMLElement, route: Route, viewer: Viewer): Promise<void> {
  const survey = route.params.get("survey") ?? "STADV-2020";
  const status = route.params.get("status") ?? "";
  const type = route.params.get("type") ?? "";
  const name = (route.params.get("name") ?? "").trim();
  const where = listFilter(status, type, name);
  main.append(
    h("h1", { tabindex: -1 }, "National contact list"),
    h("p", { class: "lead" },
      "Every organisation in the survey with its status and whom to contact: the commissioners named in its responses, its county's where the county commissions for it, or its central mailbox where nothing was received."),
  );

  const form = h("form", { class: "filters", "data-form": "national-list" },
    labelledSelect("Survey status", "status", STATUSES, status),
    labelledSelect("Organisation type", "type", TYPES, type),
    labelledInput("Organisation name contains", "name", name, { type: "search", autocomplete: "off" }),
    h("button", { type: "submit" }, "Apply"));
  navigateOnSubmit(form, "national-list", ["status", "type", "name"], { survey });
  main.append(form);

  const params: Record<string, string> = { survey };
  if (where) params["where"] = JSON.stringify(where);
  main.append(exportPanel({
    list: "national-contact-list",
    params,
    description: "Exports these rows — one per contact you may see, or the organisation's mailbox — as the service records them.",
    viewer,
  }));

  const results = h("div", { "aria-live": "polite", "data-results": "national-list" });
  main.append(results);

  const show = async (page: Page): Promise<void> => {
    results.replaceChildren(loading("the national contact list"));
    try {
      const { data, errors } = await graphql<ListPage>(LIST_QUERY, { survey, where, ...page });
      const list = data.nationalContactList;
      const count = h("p", { class: "summary", role: "status", "data-total": list.totalCount },
        list.totalCount === 0
          ? "No organisation matches these filters."
          : `${formatInteger(list.totalCount)} organisations; showing ${list.nodes.length} on this page.`);
      const signInHint = viewer.token ? null : h("p", { class: "hint", "data-sign-in-hint": "" },
        "Commissioners' details are shown only to signed-in users: use “Sign in with a token” above. Central mailboxes are public.");
      const table = list.nodes.length === 0 ? null : dataTable(`National contact list, ${survey}`, list.nodes, [
        { header: "Organisation", cell: (r) => organisationLink(r.organisation), value: (r) => r.organisation.code, rowHeader: true },
        { header: "Type", cell: (r) => organisationType(r.organisationType) },
        { header: "Status", cell: (r) => humanise(r.status), value: (r) => r.status },
        { header: "Commissioned by county", cell: (r) => (r.commissionedByCounty ? "Yes" : "No") },
        { header: "Commissioners", cell: (r) => people(r.contacts), value: (r) => r.contacts.map((c) => c.code).join(" ") },
        {
          header: "County commissioners",
          cell: (r) => people(r.countyContacts, (p) => r.countyContacts.find((c) => c.code === p.code)?.organisation.name ?? ""),
          value: (r) => r.countyContacts.map((c) => c.code).join(" "),
        },
        { header: "Central mailbox", cell: (r) => (r.centralEmail ? h("a", { href: `mailto:${r.centralEmail}` }, r.centralEmail) : "—") },
      ], "national-list");
      const previous = h("button", { type: "button", disabled: !list.pageInfo.hasPreviousPage }, "Previous page");
      const next = h("button", { type: "button", disabled: !list.pageInfo.hasNextPage }, "Next page");
      previous.addEventListener("click", () => void show({ last: PAGE_SIZE, before: list.pageInfo.startCursor }));
      next.addEventListener("click", () => void show({ first: PAGE_SIZE, after: list.pageInfo.endCursor }));
      const pager = h("nav", { class: "pager", "aria-label": "National contact list pages" }, previous, next);
      results.replaceChildren(...[partialErrors(errors), count, signInHint, table, pager].filter((n): n is HTMLElement => !!n));
    } catch (error) {
      results.replaceChildren(errorBox("The national contact list could not be loaded", error));
    }
  };
  await show({ first: PAGE_SIZE });
}
