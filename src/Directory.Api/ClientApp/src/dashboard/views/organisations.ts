import { graphql } from "../api";
import { dataTable } from "../charts";
import { h } from "../dom";
import { formatInteger, humanise, organisationType } from "../format";
import type { Route } from "../router";
import { errorBox, labelledInput, labelledSelect, loading, organisationLink, partialErrors } from "./common";

const PAGE_SIZE = 25;

const ORGANISATIONS_QUERY = /* GraphQL */ `
  query Organisations($where: OrganisationFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    organisations(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { code name type region population }
    }
  }
`;

interface OrganisationPage {
  organisations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: { code: string; name: string; type: string; region: string | null; population: number | null }[];
  };
}

const TYPES: [string, string][] = [
  ["", "Any type"],
  ["LOCAL_AUTHORITY", "Local authorities"],
  ["PCC", "Police and Crime Commissioners"],
  ["CCG", "Clinical Commissioning Groups"],
  ["ICB", "Integrated Care Boards"],
  ["PROVIDER", "Providers"],
  ["OTHER", "Other"],
];

export async function renderOrganisations(main: HTMLElement, route: Route): Promise<void> {
  const name = route.params.get("name") ?? "";
  const type = route.params.get("type") ?? "";
  main.append(h("h1", { tabindex: -1 }, "Organisations"));
  const form = h("form", { class: "filters", role: "search", "data-form": "organisations" },
    labelledInput("Name contains", "name", name, { type: "search", autocomplete: "off" }),
    labelledSelect("Type", "type", TYPES, type),
    h("button", { type: "submit" }, "Find"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const params = new URLSearchParams();
    const nameValue = String(data.get("name") ?? "").trim();
    const typeValue = String(data.get("type") ?? "");
    if (nameValue) params.set("name", nameValue);
    if (typeValue) params.set("type", typeValue);
    window.location.hash = `#/organisations?${params.toString()}`;
  });
  const results = h("div", { "aria-live": "polite" });
  main.append(form, results);

  const where: Record<string, unknown> = {};
  if (name) where["name"] = { contains: name };
  if (type) where["type"] = { eq: type };

  const show = async (page: Record<string, unknown>): Promise<void> => {
    results.replaceChildren(loading("organisations"));
    try {
      const { data, errors } = await graphql<OrganisationPage>(ORGANISATIONS_QUERY, { where, ...page });
      const { organisations } = data;
      const previous = h("button", { type: "button", disabled: !organisations.pageInfo.hasPreviousPage }, "Previous page");
      const next = h("button", { type: "button", disabled: !organisations.pageInfo.hasNextPage }, "Next page");
      previous.addEventListener("click", () => void show({ last: PAGE_SIZE, before: organisations.pageInfo.startCursor }));
      next.addEventListener("click", () => void show({ first: PAGE_SIZE, after: organisations.pageInfo.endCursor }));
      results.replaceChildren(...[
        partialErrors(errors),
        h("p", { class: "summary", role: "status", "data-total": organisations.totalCount }, `${formatInteger(organisations.totalCount)} organisations.`),
        organisations.nodes.length === 0 ? null : dataTable("Organisations", organisations.nodes, [
          { header: "Name", cell: (o) => organisationLink(o), value: (o) => o.code, rowHeader: true },
          { header: "Code", cell: (o) => o.code },
          { header: "Type", cell: (o) => organisationType(o.type) },
          { header: "Region", cell: (o) => o.region ?? "—" },
          { header: "Population", cell: (o) => formatInteger(o.population), value: (o) => o.population, numeric: true },
        ], "organisations"),
        h("nav", { class: "pager", "aria-label": "Organisation list pages" }, previous, next),
      ].filter((n): n is HTMLElement => !!n));
    } catch (error) {
      results.replaceChildren(errorBox("The organisations could not be loaded", error));
    }
  };
  await show({ first: PAGE_SIZE });
}
