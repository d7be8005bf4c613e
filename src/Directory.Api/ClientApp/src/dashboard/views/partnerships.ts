import { graphql } from "../api";
import { dataTable } from "../charts";
import { h } from "../dom";
import { formatDate, formatInteger, humanise } from "../format";
import type { Route } from "../router";
import {
  errorBox, labelledInput, labelledSelect, loading, organisationLink, pager, partialErrors, navigateOnSubmit,
  type PageInfo, type PageRequest,
} from "./common";

const PAGE_SIZE = 25;

const PARTNERSHIPS_QUERY = /* GraphQL */ `
  query Partnerships($where: PartnershipFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    regions { name }
    partnerships(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        code
        name
        kind
        lead { code name }
        establishedOn
        members { role organisation { code name } }
      }
    }
  }
`;

interface Named { code: string; name: string }
interface Partnership {
  code: string;
  name: string;
  kind: string;
  lead: Named;
  establishedOn: string | null;
  members: { role: string; organisation: Named }[];
}
interface PartnershipsPage {
  regions: { name: string }[];
  partnerships: { totalCount: number; pageInfo: PageInfo; nodes: Partnership[] };
}

const KINDS: [string, string][] = [
  ["", "Any kind"],
  ["LOCAL_PARTNERSHIP_BOARD", "Local Partnership Board"],
  ["COMMUNITY_SAFETY_PARTNERSHIP", "Community Safety Partnership"],
  ["JOINT_COMMISSIONING_GROUP", "Joint commissioning group"],
];

/** The `partnerships` filter for the route's parameters; null when none is set. */
export function partnershipFilter(params: URLSearchParams): Record<string, unknown> | null {
  const where: Record<string, unknown> = {};
  const name = params.get("name")?.trim();
  const member = params.get("member")?.trim();
  if (params.get("kind")) where["kind"] = { eq: params.get("kind") };
  if (name) where["name"] = { contains: name };
  if (params.get("region")) where["lead"] = { region: { eq: params.get("region") } };
  if (member) where["members"] = { some: { organisation: { or: [{ code: { eq: member } }, { name: { contains: member } }] } } };
  return Object.keys(where).length > 0 ? where : null;
}

/** Multi-agency partnerships: kind, lead, date established and every member, filterable and paged. */
export async function renderPartnerships(main: HTMLElement, route: Route): Promise<void> {
  const params = route.params;
  const where = partnershipFilter(params);
  const value = (key: string) => params.get(key) ?? "";
  main.append(
    h("h1", { tabindex: -1 }, "Partnerships"),
    h("p", { class: "lead" }, "Local Partnership Boards, Community Safety Partnerships and joint commissioning groups: who leads them and who is a member."),
  );
  const regionField = labelledSelect("Region of the lead", "region", [["", "All regions"]], value("region"));
  const form = h("form", { class: "filters", "aria-label": "Filter the partnerships", "data-form": "partnerships" },
    labelledSelect("Kind", "kind", KINDS, value("kind")),
    labelledInput("Name contains", "name", value("name"), { type: "search", autocomplete: "off" }),
    labelledInput("Member (name or code)", "member", value("member"), { type: "search", autocomplete: "off" }),
    regionField,
    h("button", { type: "submit" }, "Apply"));
  navigateOnSubmit(form, "partnerships", ["kind", "name", "member", "region"]);
  main.append(form);

  const results = h("div", { "aria-live": "polite", "data-results": "partnerships" });
  main.append(results);
  const show = async (page: PageRequest): Promise<void> => {
    results.replaceChildren(loading("the partnerships"));
    try {
      const { data, errors } = await graphql<PartnershipsPage>(PARTNERSHIPS_QUERY, { where, ...page });
      const select = regionField.querySelector("select");
      if (select && select.options.length === 1) {
        select.append(...data.regions.map((r) => h("option", { value: r.name, selected: r.name === value("region") }, r.name)));
      }
      const list = data.partnerships;
      const count = h("p", { class: "summary", role: "status", "data-total": list.totalCount },
        list.totalCount === 0
          ? "No partnership matches these filters."
          : `${formatInteger(list.totalCount)} partnerships; showing ${list.nodes.length} on this page.`);
      const table = list.nodes.length === 0 ? null : dataTable("Partnerships", list.nodes, [
        { header: "Partnership", cell: (p) => p.name, value: (p) => p.code, rowHeader: true },
        { header: "Kind", cell: (p) => humanise(p.kind), value: (p) => p.kind },
        { header: "Lead", cell: (p) => organisationLink(p.lead), value: (p) => p.lead.code },
        { header: "Established", cell: (p) => formatDate(p.establishedOn), value: (p) => p.establishedOn },
        {
          header: "Members",
          cell: (p) => h("ul", { class: "people" }, p.members.map((m) =>
            h("li", { "data-member": m.organisation.code }, organisationLink(m.organisation), m.role === "LEAD" ? " (lead)" : ""))),
          value: (p) => p.members.map((m) => m.organisation.code).join(" "),
        },
      ], "partnerships");
      results.replaceChildren(...[
        partialErrors(errors),
        count,
        table,
        list.nodes.length === 0 ? null : pager("Partnership pages", list.pageInfo, PAGE_SIZE, (next) => void show(next)),
      ].filter((n): n is HTMLElement => !!n));
    } catch (error) {
      results.replaceChildren(errorBox("The partnerships could not be loaded", error));
    }
  };
  await show({ first: PAGE_SIZE });
}
