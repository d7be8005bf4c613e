import { graphql } from "../api";
import { chartWithTable, dataTable } from "../charts";
import { h } from "../dom";
import { formatDate, formatInteger, formatMoney, humanise } from "../format";
import type { Route } from "../router";
import {
  errorBox, labelledInput, labelledSelect, loading, organisationLink, pager, partialErrors, navigateOnSubmit,
  type PageInfo, type PageRequest,
} from "./common";

const PAGE_SIZE = 25;

const CHOICES_QUERY = /* GraphQL */ `
  query ContractChoices {
    serviceTypes { code name }
    regions { name }
  }
`;

const CONTRACTS_QUERY = /* GraphQL */ `
  query Contracts($where: ContractFilterInput, $groupBy: ContractGrouping!, $first: Int, $after: String, $last: Int, $before: String) {
    contracts(where: $where, order: [{ endDate: ASC }, { code: ASC }], first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes {
        code
        title
        provider { code name }
        leadCommissioner { code name }
        coCommissioners { code name }
        serviceTypes { code name }
        startDate
        endDate
        latestPossibleEndDate
        extensionPattern
        extensionOptions { number years startDate endDate }
        annualValueGbp
        refugeUnits
        status
      }
    }
    contractSummary(where: $where, groupBy: $groupBy) { key label contracts annualValueGbp refugeUnits }
  }
`;

interface Named { code: string; name: string }
interface Extension { number: number; years: number; startDate: string | null; endDate: string | null }
interface Contract {
  code: string;
  title: string;
  provider: Named;
  leadCommissioner: Named;
  coCommissioners: Named[];
  serviceTypes: Named[];
  startDate: string | null;
  endDate: string | null;
  latestPossibleEndDate: string | null;
  extensionPattern: string | null;
  extensionOptions: Extension[];
  annualValueGbp: number | null;
  refugeUnits: number | null;
  status: string;
}
interface SummaryRow { key: string; label: string; contracts: number; annualValueGbp: number; refugeUnits: number }
interface ContractsPage {
  contracts: { totalCount: number; pageInfo: PageInfo; nodes: Contract[] };
  contractSummary: SummaryRow[];
}

const GROUPINGS: [string, string][] = [
  ["REGION", "Region of the lead commissioner"],
  ["LEAD_COMMISSIONER", "Lead commissioner"],
  ["PROVIDER", "Provider"],
  ["SERVICE_TYPE", "Service type"],
  ["POLICE_FORCE_AREA", "Police force area"],
  ["END_YEAR", "Year the contract ends"],
];

const FILTER_KEYS = ["serviceType", "commissioner", "provider", "region", "endingFrom", "endingTo", "minValue", "maxValue", "groupBy"];

/** A code or a name: an exact code, or a name containing the text. */
function organisationMatching(text: string): Record<string, unknown> {
  return { or: [{ code: { eq: text } }, { name: { contains: text } }] };
}

/** The `contracts` and `contractSummary` filter for the route's parameters; null when none is set. */
export function contractFilter(params: URLSearchParams): Record<string, unknown> | null {
  const where: Record<string, unknown>[] = [];
  const serviceType = params.get("serviceType");
  const commissioner = params.get("commissioner")?.trim();
  const provider = params.get("provider")?.trim();
  const region = params.get("region");
  if (serviceType) where.push({ serviceTypes: { some: { code: { eq: serviceType } } } });
  if (commissioner) where.push({ commissioners: { some: organisationMatching(commissioner) } });
  if (provider) where.push({ provider: organisationMatching(provider) });
  if (region) where.push({ leadCommissioner: { region: { eq: region } } });
  const ending: Record<string, string> = {};
  if (params.get("endingFrom")) ending["gte"] = params.get("endingFrom")!;
  if (params.get("endingTo")) ending["lte"] = params.get("endingTo")!;
  if (Object.keys(ending).length > 0) where.push({ endDate: ending });
  const value: Record<string, number> = {};
  for (const [key, operator] of [["minValue", "gte"], ["maxValue", "lte"]] as const) {
    const number = Number(params.get(key) ?? "");
    if (params.get(key) && Number.isFinite(number)) value[operator] = number;
  }
  if (Object.keys(value).length > 0) where.push({ annualValueGbp: value });
  return where.length === 0 ? null : where.length === 1 ? where[0]! : { and: where };
}

/**
 * Contracts for DA services: a filterable, paged table; a renewal timeline of the page's contracts (each a bar from
 * start to end with its optional extensions after it, today marked, grouped by lead commissioner); and totals by the
 * chosen grouping from `contractSummary` over every contract the filter matches.
 */
export async function renderContracts(main: HTMLElement, route: Route): Promise<void> {
  const params = route.params;
  const groupBy = GROUPINGS.some(([value]) => value === params.get("groupBy")) ? params.get("groupBy")! : "REGION";
  const where = contractFilter(params);
  main.append(
    h("h1", { tabindex: -1 }, "Contracts"),
    h("p", { class: "lead" }, "Contracts for domestic abuse services: who commissions them, who provides them, what they are worth and when they come up for renewal."),
  );

  let serviceTypes: [string, string][] = [["", "Any service type"]];
  let regions: [string, string][] = [["", "All regions"]];
  try {
    const { data } = await graphql<{ serviceTypes: Named[]; regions: { name: string }[] }>(CHOICES_QUERY);
    serviceTypes = [...serviceTypes, ...data.serviceTypes.map((t): [string, string] => [t.code, t.name])];
    regions = [...regions, ...data.regions.map((r): [string, string] => [r.name, r.name])];
  } catch {
    // The contracts request below reports the failure; the filters keep their defaults meanwhile.
  }
  const value = (key: string) => params.get(key) ?? "";
  const form = h("form", { class: "filters", "aria-label": "Filter the contracts", "data-form": "contracts" },
    labelledSelect("Service type", "serviceType", serviceTypes, value("serviceType")),
    labelledInput("Commissioner (name or code)", "commissioner", value("commissioner"), { type: "search", autocomplete: "off" }),
    labelledInput("Provider (name or code)", "provider", value("provider"), { type: "search", autocomplete: "off" }),
    labelledSelect("Region of the lead commissioner", "region", regions, value("region")),
    labelledInput("Ending on or after", "endingFrom", value("endingFrom"), { type: "date" }),
    labelledInput("Ending on or before", "endingTo", value("endingTo"), { type: "date" }),
    labelledInput("Annual value at least (£)", "minValue", value("minValue"), { type: "number", min: "0", step: "any", inputmode: "decimal" }),
    labelledInput("Annual value at most (£)", "maxValue", value("maxValue"), { type: "number", min: "0", step: "any", inputmode: "decimal" }),
    labelledSelect("Totals by", "groupBy", GROUPINGS, groupBy),
    h("button", { type: "submit" }, "Apply"));
  navigateOnSubmit(form, "contracts", FILTER_KEYS);
  main.append(form);

  const results = h("div", { "aria-live": "polite", "data-results": "contracts" });
  main.append(results);
  const show = async (page: PageRequest): Promise<void> => {
    results.replaceChildren(loading("the contracts"));
    try {
      const { data, errors } = await graphql<ContractsPage>(CONTRACTS_QUERY, { where, groupBy, ...page });
      const list = data.contracts;
      const count = h("p", { class: "summary", role: "status", "data-total": list.totalCount },
        list.totalCount === 0
          ? "No contract matches these filters."
          : `${formatInteger(list.totalCount)} contracts, soonest ending first; showing ${list.nodes.length} on this page.`);
      const grouping = GROUPINGS.find(([key]) => key === groupBy)?.[1] ?? humanise(groupBy);
      results.replaceChildren(...[
        partialErrors(errors),
        count,
        list.nodes.length === 0 ? null : contractTable(list.nodes),
        list.nodes.length === 0 ? null : pager("Contract pages", list.pageInfo, PAGE_SIZE, (next) => void show(next)),
        list.nodes.length === 0 ? null : renewalTimeline(list.nodes, new Date()),
        totals(data.contractSummary, grouping),
      ].filter((n): n is HTMLElement => !!n));
    } catch (error) {
      results.replaceChildren(errorBox("The contracts could not be loaded", error));
    }
  };
  await show({ first: PAGE_SIZE });
}

function names(list: Named[]): string {
  return list.length === 0 ? "—" : list.map((o) => o.name).join("; ");
}

function contractTable(contracts: Contract[]): HTMLElement {
  return h("section", { class: "panel", "aria-label": "Contracts", "data-section": "contracts" }, dataTable("Contracts", contracts, [
    { header: "Contract", cell: (c) => h("span", {}, c.code, " ", h("span", { class: "meta" }, c.title)), value: (c) => c.code, rowHeader: true },
    { header: "Service types", cell: (c) => names(c.serviceTypes), value: (c) => c.serviceTypes.map((t) => t.code).join(" ") },
    { header: "Lead commissioner", cell: (c) => organisationLink(c.leadCommissioner), value: (c) => c.leadCommissioner.code },
    { header: "Co-commissioners", cell: (c) => names(c.coCommissioners), value: (c) => c.coCommissioners.map((o) => o.code).join(" ") },
    { header: "Provider", cell: (c) => organisationLink(c.provider), value: (c) => c.provider.code },
    { header: "Start", cell: (c) => formatDate(c.startDate), value: (c) => c.startDate },
    { header: "End", cell: (c) => formatDate(c.endDate), value: (c) => c.endDate },
    { header: "Latest possible end", cell: (c) => formatDate(c.latestPossibleEndDate), value: (c) => c.latestPossibleEndDate },
    { header: "Annual value", cell: (c) => formatMoney(c.annualValueGbp), value: (c) => c.annualValueGbp, numeric: true },
    { header: "Status", cell: (c) => humanise(c.status), value: (c) => c.status },
  ], "contracts"));
}

const DAY = 86_400_000;

function time(date: string): number {
  return new Date(`${date}T00:00:00Z`).getTime();
}

/**
 * One bar per contract from its start to its end, its optional extensions drawn after it, grouped by lead
 * commissioner, on one time axis with today marked. HTML rather than a canvas: the bars are positioned in percent
 * so the timeline fits any width, and each bar carries its dates as text for screen readers.
 */
export function renewalTimeline(contracts: Contract[], today: Date): HTMLElement {
  const dated = contracts.filter((c) => c.startDate && c.endDate);
  const ends = dated.map((c) => time(c.latestPossibleEndDate ?? c.endDate!));
  const startYear = new Date(Math.min(today.getTime(), ...dated.map((c) => time(c.startDate!)))).getUTCFullYear();
  const endYear = new Date(Math.max(today.getTime(), ...ends)).getUTCFullYear() + 1;
  const from = Date.UTC(startYear, 0, 1);
  const span = Date.UTC(endYear, 0, 1) - from;
  const at = (t: number) => `${((t - from) / span) * 100}%`;
  const width = (a: number, b: number) => `${(Math.max(b - a, DAY) / span) * 100}%`;
  const todayMark = () => h("span", { class: "timeline-today", style: `left: ${at(today.getTime())}`, "aria-hidden": "true" });

  const years = [];
  for (let year = startYear; year < endYear; year++) years.push(year);
  const axis = h("div", { class: "timeline-row timeline-axis", "aria-hidden": "true" },
    h("span", { class: "timeline-label" }),
    h("span", { class: "timeline-track" },
      years.map((year) => h("span", { class: "timeline-year", style: `left: ${at(Date.UTC(year, 0, 1))}` }, String(year))),
      h("span", { class: "timeline-today-label", style: `left: ${at(today.getTime())}` }, "Today")));

  const byLead = new Map<string, { lead: Named; contracts: Contract[] }>();
  for (const contract of dated) {
    const group = byLead.get(contract.leadCommissioner.code) ?? { lead: contract.leadCommissioner, contracts: [] };
    group.contracts.push(contract);
    byLead.set(contract.leadCommissioner.code, group);
  }
  const groups = [...byLead.values()].sort((a, b) => a.lead.name.localeCompare(b.lead.name, "en-GB"));
  const headingId = "timeline-heading";
  return h("section", { class: "panel", "aria-labelledby": headingId, "data-section": "timeline" },
    h("h2", { id: headingId }, "Renewal timeline"),
    h("p", { class: "hint" },
      `The contracts on this page from start to end (solid), then their optional extensions (outlined), by lead commissioner. The dark line is today, ${formatDate(today.toISOString().slice(0, 10))}.`),
    h("div", { class: "timeline", "data-timeline": "" },
      axis,
      groups.map((group) => h("div", { class: "timeline-group", "data-lead": group.lead.code },
        h("h3", {}, organisationLink(group.lead)),
        group.contracts.map((c) => {
          const start = time(c.startDate!);
          const end = time(c.endDate!);
          const extensions = c.extensionOptions.filter((e) => e.startDate && e.endDate);
          const described = `${formatDate(c.startDate)} to ${formatDate(c.endDate)}` + (extensions.length === 0
            ? ", no extension options"
            : `; ${extensions.length} extension option${extensions.length === 1 ? "" : "s"} to ${formatDate(c.latestPossibleEndDate)}`);
          return h("div", { class: "timeline-row", "data-contract": c.code },
            h("span", { class: "timeline-label" }, `${c.code} `, h("span", { class: "meta" }, c.title)),
            h("span", { class: "timeline-track" },
              h("span", { class: "visually-hidden" }, described),
              h("span", { class: "timeline-term", style: `left: ${at(start)}; width: ${width(start, end)}`, "data-start": c.startDate, "data-end": c.endDate }),
              extensions.map((e) => h("span", {
                class: "timeline-extension",
                style: `left: ${at(time(e.startDate!))}; width: ${width(time(e.startDate!), time(e.endDate!))}`,
                "data-extension": e.number,
                "data-start": e.startDate,
                "data-end": e.endDate,
              })),
              todayMark()));
        })))));
}

function totals(rows: SummaryRow[], grouping: string): HTMLElement {
  const label = (r: SummaryRow) => (r.key === "" ? "Not recorded" : r.label);
  return chartWithTable<SummaryRow>({
    name: "contractTotals",
    title: `Totals by ${grouping.toLowerCase()}`,
    description: "Every contract the filters match (not only this page); a contract with several service types counts in full under each.",
    labels: rows.map(label),
    series: [{ label: "Annual value (£)", values: rows.map((r) => r.annualValueGbp) }],
    horizontal: true,
    valueLabel: "Annual value (£)",
    rows,
    columns: [
      { header: "Group", cell: label, value: (r) => r.key, rowHeader: true },
      { header: "Contracts", cell: (r) => formatInteger(r.contracts), value: (r) => r.contracts, numeric: true },
      { header: "Annual value", cell: (r) => formatMoney(r.annualValueGbp), value: (r) => r.annualValueGbp, numeric: true },
      { header: "Refuge units", cell: (r) => formatInteger(r.refugeUnits), value: (r) => r.refugeUnits, numeric: true },
    ],
  });
}
