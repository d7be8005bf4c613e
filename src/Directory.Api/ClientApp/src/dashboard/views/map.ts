import hexmap from "../../../../../../data/reference/hexmaps/local-authority-districts-2020.hexjson";
import { graphql } from "../api";
import { dataTable, outcomeColours } from "../charts";
import { h } from "../dom";
import { formatDate, formatDecimal, formatInteger, formatMoney, humanise } from "../format";
import type { Route } from "../router";
import { allPages, errorBox, labelledInput, labelledSelect, loading, navigateOnSubmit, organisationLink, partialErrors } from "./common";

// The map: a hex cartogram of England's lower-tier councils (Open Innovations' HexJSON, MIT licence), one hexagon
// per council, coloured by one measure. County councils have no hexagon of their own: they are the outline of their
// districts' hexagons. Every figure comes from the API; the table under the map holds the same values.

const DEFAULT_SURVEY = "STADV-2020";
const SVG = "http://www.w3.org/2000/svg";

const COUNCILS_QUERY = /* GraphQL */ `
  query MapCouncils($survey: String!, $after: String) {
    organisations(where: { type: { eq: LOCAL_AUTHORITY } }, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        code name tier region population
        surveyStatus(survey: $survey)
        county { code name population }
        policeForceArea { code name }
        servicesCommissioned(survey: $survey) { serviceType { code } commissioning }
      }
    }
  }
`;

const FTE_QUERY = /* GraphQL */ `
  query MapFte($survey: String!) {
    mappingReport(survey: $survey) {
      ftePerHead(limit: 1) { councils { organisation { code } fte population ftePer100k } }
    }
  }
`;

const FUNDING_QUERY = /* GraphQL */ `
  query MapPart4Funding($year: String) {
    years: fundingSummary(where: { programme: { eq: PART4_SAFE_ACCOMMODATION_DUTY } }, groupBy: FINANCIAL_YEAR) { key awards }
    recipients: fundingSummary(
      where: { programme: { eq: PART4_SAFE_ACCOMMODATION_DUTY }, financialYear: { eq: $year } }
      groupBy: RECIPIENT
    ) { key amountGbp }
  }
`;

const CONTRACTS_QUERY = /* GraphQL */ `
  query MapContractsEnding($from: Date!, $to: Date!, $after: String) {
    contracts(where: { endDate: { gte: $from, lt: $to } }, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { code endDate leadCommissioner { code } coCommissioners { code } }
    }
  }
`;

const SERVICE_TYPES_QUERY = /* GraphQL */ `
  query MapServiceTypes { serviceTypes { code name } }
`;

interface OrgRef { code: string; name: string }
interface Council {
  code: string; name: string; tier: string | null; region: string | null; population: number | null;
  surveyStatus: string;
  county: (OrgRef & { population: number | null }) | null;
  policeForceArea: OrgRef | null;
  servicesCommissioned: { serviceType: { code: string }; commissioning: string }[];
}
interface Connection<T> { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] }

/** One council's value of the chosen measure: exact (data-value), shown, and the legend class it is coloured by. */
interface MeasureValue { exact: string | number | null; text: string; key: string }
interface LegendEntry { key: string; label: string; colour: string }
interface Measure {
  title: string;
  legend: LegendEntry[];
  note?: string;
  value: (council: Council) => MeasureValue;
}

const MEASURES: [string, string][] = [
  ["status", "Survey status"],
  ["fte", "DA staff (FTE) per 100,000 people"],
  ["service", "Commissions a service type"],
  ["funding", "Part 4 duty funding per head"],
  ["contracts", "Contracts ending within 12 months"],
];

const BOUNDARIES: [string, string][] = [
  ["county", "County councils"],
  ["pfa", "Police force areas"],
  ["region", "Regions"],
  ["none", "None"],
];

// Colour-blind-safe: a single-hue blue scale for amounts (told apart by lightness alone) and blue against orange for
// categories, never red against green; "no data" is a light grey. Every colour is also named in the legend, and the
// table under the map has the values.
const BLUES = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const NO_DATA = "#e5e5e5";
const CATEGORY = outcomeColours;

export async function renderMap(main: HTMLElement, route: Route): Promise<void> {
  const survey = route.params.get("survey") || DEFAULT_SURVEY;
  const measureName = MEASURES.some(([m]) => m === route.params.get("measure")) ? route.params.get("measure")! : "status";
  const boundaries = BOUNDARIES.some(([b]) => b === route.params.get("boundaries")) ? route.params.get("boundaries")! : "county";
  const serviceType = route.params.get("serviceType") || "REFUGE";
  const asOf = validDate(route.params.get("asOf")) ?? today();
  const requestedYear = route.params.get("year") || "";

  main.append(
    h("h1", { tabindex: -1 }, "Map of councils"),
    h("p", { class: "lead" }, "England's lower-tier councils, one hexagon each, coloured by the measure you choose. Select a council to open its page."),
  );
  const form = h("form", { class: "filters", "aria-label": "Choose what the map shows", "data-form": "map" });
  const results = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("the map"));
  main.append(form, results);

  let serviceTypes: [string, string][] = [[serviceType, serviceType]];
  try {
    const { data } = await graphql<{ serviceTypes: { code: string; name: string }[] }>(SERVICE_TYPES_QUERY);
    if (data.serviceTypes.length > 0) serviceTypes = data.serviceTypes.map((t) => [t.code, t.name]);
  } catch {
    // The map's own requests below report a failure.
  }

  try {
    const [councils, extra] = await Promise.all([
      allPages<Council>(async (after) => (await graphql<{ organisations: Connection<Council> }>(COUNCILS_QUERY, { survey, after })).data.organisations),
      measureData(measureName, survey, requestedYear, asOf),
    ]);
    const { year } = extra;
    form.append(...[
      labelledSelect("Colour by", "measure", MEASURES, measureName),
      measureName === "service" ? labelledSelect("Service type", "serviceType", serviceTypes, serviceType) : null,
      measureName === "funding" ? labelledSelect("Financial year", "year", extra.years.map((y): [string, string] => [y, y]), year) : null,
      measureName === "contracts" ? labelledInput("Ending within 12 months of", "asOf", asOf, { type: "date" }) : null,
      labelledSelect("Boundaries", "boundaries", BOUNDARIES, boundaries),
      h("button", { type: "submit" }, "Show"),
    ].filter((n): n is HTMLElement => !!n));
    navigateOnSubmit(form, "map", ["measure", "serviceType", "year", "asOf", "boundaries"], survey === DEFAULT_SURVEY ? {} : { survey });

    const byCode = new Map(councils.map((c) => [c.code, c]));
    const measure = buildMeasure(measureName, { ...extra, byCode, serviceType, serviceTypes, asOf });
    const lowerTier = councils.filter((c) => c.tier !== "COUNTY" && hexmap.hexes[c.code] !== undefined);
    results.replaceChildren(...[partialErrors(extra.errors), mapSection(lowerTier, measure, boundaries), mapTable(lowerTier, measure)]
      .filter((n): n is HTMLElement => !!n));
  } catch (error) {
    results.replaceChildren(errorBox("The map could not be loaded", error));
  }
  results.setAttribute("aria-busy", "false");
}

interface ExtraData {
  fte: Map<string, { fte: number; ftePer100k: number }>;
  funding: Map<string, number>;
  years: string[];
  year: string;
  contracts: Map<string, string[]>;
  errors: import("../api").GraphQLErrorPayload[];
}

/** Only what the chosen measure needs is asked for. */
async function measureData(measure: string, survey: string, requestedYear: string, asOf: string): Promise<ExtraData> {
  const extra: ExtraData = { fte: new Map(), funding: new Map(), years: [], year: requestedYear, contracts: new Map(), errors: [] };
  if (measure === "fte") {
    type Row = { organisation: { code: string }; fte: number; ftePer100k: number };
    const { data, errors } = await graphql<{ mappingReport: { ftePerHead: { councils: Row[] } } | null }>(FTE_QUERY, { survey });
    for (const row of data.mappingReport?.ftePerHead.councils ?? []) extra.fte.set(row.organisation.code, row);
    extra.errors = errors;
  } else if (measure === "funding") {
    type Answer = { years: { key: string; awards: number }[]; recipients: { key: string; amountGbp: number }[] };
    let { data, errors } = await graphql<Answer>(FUNDING_QUERY, { year: requestedYear || null });
    extra.years = data.years.map((y) => y.key);
    // Without a (known) year chosen, the year with the most Part 4 awards (the latest of equals): a year in which one
    // county alone has an award would leave the map grey.
    if (!extra.years.includes(requestedYear) && data.years.length > 0) {
      extra.year = data.years.reduce((best, y) => (y.awards >= best.awards ? y : best)).key;
      ({ data, errors } = await graphql<Answer>(FUNDING_QUERY, { year: extra.year }));
    }
    for (const row of data.recipients) extra.funding.set(row.key, row.amountGbp);
    extra.errors = errors;
  } else if (measure === "contracts") {
    type Contract = { code: string; endDate: string; leadCommissioner: { code: string }; coCommissioners: { code: string }[] };
    const contracts = await allPages<Contract>(async (after) =>
      (await graphql<{ contracts: Connection<Contract> }>(CONTRACTS_QUERY, { from: asOf, to: yearAfter(asOf), after })).data.contracts);
    for (const contract of contracts) {
      for (const code of new Set([contract.leadCommissioner.code, ...contract.coCommissioners.map((c) => c.code)])) {
        extra.contracts.set(code, [...(extra.contracts.get(code) ?? []), contract.code]);
      }
    }
  }
  return extra;
}

interface MeasureInputs extends ExtraData {
  byCode: Map<string, Council>;
  serviceType: string;
  serviceTypes: [string, string][];
  asOf: string;
}

function buildMeasure(name: string, inputs: MeasureInputs): Measure {
  switch (name) {
    case "fte": {
      const values = [...inputs.byCode.values()].filter((c) => c.tier !== "COUNTY").map((c) => inputs.fte.get(c.code)?.ftePer100k)
        .filter((v): v is number => v !== undefined);
      const scale = quantileScale(values, formatDecimal);
      return {
        title: "DA staff (FTE) per 100,000 people",
        legend: [...scale.legend, { key: "none", label: "No staff reported", colour: NO_DATA }],
        note: "Full-time equivalent staff working on domestic abuse reported in the council's own survey response, per 100,000 of its 2020 population.",
        value: (c) => {
          const row = inputs.fte.get(c.code);
          return row
            ? { exact: row.ftePer100k, text: formatDecimal(row.ftePer100k), key: scale.key(row.ftePer100k) }
            : { exact: null, text: "No staff reported", key: "none" };
        },
      };
    }
    case "service": {
      const serviceName = inputs.serviceTypes.find(([code]) => code === inputs.serviceType)?.[1] ?? inputs.serviceType;
      const labels: Record<string, string> = { SOLE: "Sole", JOINT: "Joint", NO: "No", NO_RESPONSE: "No response" };
      return {
        title: `Commissions ${serviceName}`,
        legend: [
          { key: "SOLE", label: "Sole: commissions it alone", colour: CATEGORY.good },
          { key: "JOINT", label: "Joint: commissions it with others", colour: CATEGORY.partial },
          { key: "NO", label: "No: responded without it", colour: CATEGORY.bad },
          { key: "NO_RESPONSE", label: "No response to the survey", colour: NO_DATA },
        ],
        note: "From the council's own survey response: sole where any response names the service as commissioned alone, otherwise joint where one names it as joint.",
        value: (c) => {
          const key = serviceCommissioning(c, inputs.serviceType);
          return { exact: key, text: labels[key]!, key };
        },
      };
    }
    case "funding": {
      // A district has no Part 4 duty award: the duty (and the money) is its county's, shown per head of the county.
      const perHead = (c: Council): { amount: number; population: number; from: string } | null => {
        const holder = c.tier === "DISTRICT" && c.county ? c.county : c;
        const amount = inputs.funding.get(holder.code);
        return amount === undefined || !holder.population ? null : { amount, population: holder.population, from: holder.code };
      };
      const values = [...inputs.byCode.values()].filter((c) => c.tier !== "COUNTY").map((c) => perHead(c))
        .filter((v): v is NonNullable<typeof v> => v !== null).map((v) => v.amount / v.population);
      const scale = quantileScale(values, (v) => `£${formatDecimal(v)}`);
      return {
        title: `Part 4 safe accommodation duty funding per head, ${inputs.year || "all years"}`,
        legend: [...scale.legend, { key: "none", label: "No award recorded", colour: NO_DATA }],
        note: "A district council shows its county's award per head of the county's population (the county holds the duty); other councils their own award per head. Most sample figures are synthetic, not real allocations.",
        value: (c) => {
          const v = perHead(c);
          if (!v) return { exact: null, text: "No award recorded", key: "none" };
          const ratio = v.amount / v.population;
          const county = v.from !== c.code ? ` (county: ${formatMoney(v.amount)})` : "";
          return { exact: ratio, text: `£${formatDecimal(ratio)}${county}`, key: scale.key(ratio) };
        },
      };
    }
    case "contracts": {
      const colours = ["#f7f7f7", "#fdbe85", "#e6550d", "#a63603"];
      return {
        title: `Contracts ending between ${formatDate(inputs.asOf)} and ${formatDate(yearAfter(inputs.asOf))}`,
        legend: [
          { key: "0", label: "None", colour: colours[0]! },
          { key: "1", label: "1", colour: colours[1]! },
          { key: "2", label: "2", colour: colours[2]! },
          { key: "3", label: "3 or more", colour: colours[3]! },
        ],
        note: "Contracts the council leads or co-commissions whose end date (before any extension) falls within 12 months of the date chosen.",
        value: (c) => {
          const count = inputs.contracts.get(c.code)?.length ?? 0;
          return { exact: count, text: formatInteger(count), key: String(Math.min(count, 3)) };
        },
      };
    }
    default:
      return {
        title: "Survey status",
        legend: [
          { key: "COMPLETED", label: "Completed", colour: CATEGORY.good },
          { key: "ADDITIONAL_CONTACT", label: "Additional contact", colour: CATEGORY.partial },
          { key: "NOT_RECEIVED", label: "Not received", colour: CATEGORY.bad },
        ],
        value: (c) => ({ exact: c.surveyStatus, text: humanise(c.surveyStatus), key: c.surveyStatus }),
      };
  }
}

/** SOLE, JOINT, NO or NO_RESPONSE for one council and service type, from its own responses. */
function serviceCommissioning(council: Council, serviceType: string): string {
  if (council.surveyStatus !== "COMPLETED") return "NO_RESPONSE";
  const modes = council.servicesCommissioned.filter((s) => s.serviceType.code === serviceType).map((s) => s.commissioning);
  return modes.includes("SOLE") ? "SOLE" : modes.includes("JOINT") ? "JOINT" : "NO";
}

/** Up to five classes at the quintiles of the values, lightest lowest; equal quintiles merge (one value: one class). */
function quantileScale(values: number[], format: (v: number) => string): { legend: LegendEntry[]; key: (v: number) => string } {
  const sorted = [...values].sort((a, b) => a - b);
  const lowest = sorted[0] ?? 0;
  const highest = sorted[sorted.length - 1] ?? 0;
  const breaks = [...new Set([1, 2, 3, 4].map((i) => sorted[Math.floor((i * sorted.length) / 5)] ?? 0))].filter((b) => b > lowest);
  const key = (v: number): string => String(breaks.filter((b) => v >= b).length);
  const classes = breaks.length + 1;
  const legend = Array.from({ length: classes }, (_, i): LegendEntry => {
    const low = i === 0 ? lowest : breaks[i - 1]!;
    const high = i === classes - 1 ? highest : breaks[i]!;
    return {
      key: String(i),
      label: i === classes - 1 ? `${format(low)} to ${format(high)}` : `${format(low)} to under ${format(high)}`,
      // The darkest blue for the highest class, spread evenly over the scale.
      colour: BLUES[BLUES.length - classes + i]!,
    };
  });
  return { legend, key };
}

// Pointy-topped hexagons in HexJSON's odd-r layout: odd rows are shifted half a hexagon right, and r grows northwards.
const RADIUS = 10;
const WIDTH = Math.sqrt(3) * RADIUS;

interface Hex { council: Council; x: number; y: number; corners: [number, number][] }

function layout(councils: Council[]): { hexes: Hex[]; width: number; height: number } {
  const cells = councils.map((council) => ({ council, cell: hexmap.hexes[council.code]! }));
  const maxR = Math.max(...cells.map((c) => c.cell.r));
  const minQ = Math.min(...cells.map((c) => c.cell.q));
  const hexes = cells.map(({ council, cell }) => {
    const x = WIDTH * (cell.q - minQ + ((cell.r & 1) === 1 ? 0.5 : 0)) + WIDTH / 2 + 2;
    const y = 1.5 * RADIUS * (maxR - cell.r) + RADIUS + 2;
    const corners = [30, 90, 150, 210, 270, 330].map((degrees): [number, number] => {
      const angle = (Math.PI / 180) * degrees;
      return [round(x + RADIUS * Math.cos(angle)), round(y + RADIUS * Math.sin(angle))];
    });
    return { council, x, y, corners };
  });
  return {
    hexes,
    width: Math.max(...hexes.map((hex) => hex.x)) + WIDTH / 2 + 2,
    height: Math.max(...hexes.map((hex) => hex.y)) + RADIUS + 2,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The outline of each group of hexagons: the edges not shared with another hexagon of the same group. */
function outlines(hexes: Hex[], group: (council: Council) => string | null): string {
  const edges = new Map<string, { count: number; from: [number, number]; to: [number, number] }>();
  for (const hex of hexes) {
    const name = group(hex.council);
    if (name === null) continue;
    hex.corners.forEach((from, i) => {
      const to = hex.corners[(i + 1) % 6]!;
      const ends = [from.join(","), to.join(",")].sort();
      const key = `${name}|${ends[0]}|${ends[1]}`;
      const edge = edges.get(key);
      if (edge) edge.count += 1;
      else edges.set(key, { count: 1, from, to });
    });
  }
  return [...edges.values()].filter((e) => e.count === 1).map((e) => `M${e.from.join(" ")}L${e.to.join(" ")}`).join("");
}

function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function mapSection(councils: Council[], measure: Measure, boundaries: string): HTMLElement {
  const { hexes, width, height } = layout(councils);
  const colours = new Map(measure.legend.map((entry) => [entry.key, entry.colour]));
  const tooltip = h("p", { class: "map-tooltip", "data-map-tooltip": "", "aria-hidden": "true", hidden: true });
  const root = svg("svg", { viewBox: `0 0 ${round(width)} ${round(height)}`, role: "group", "aria-labelledby": "map-heading", class: "hexmap" });

  const show = (hex: Hex, polygon: SVGElement, value: MeasureValue): void => {
    tooltip.textContent = `${hex.council.name}: ${value.text}`;
    tooltip.hidden = false;
    const box = polygon.getBoundingClientRect();
    const frame = root.getBoundingClientRect();
    tooltip.style.left = `${Math.round(box.left - frame.left + box.width / 2)}px`;
    tooltip.style.top = `${Math.round(box.top - frame.top)}px`;
  };
  const hide = (): void => { tooltip.hidden = true; };

  const polygons: SVGElement[] = [];
  for (const hex of hexes) {
    const value = measure.value(hex.council);
    // Each hexagon is a link to the council's page; one roving tab stop (arrow keys move between hexagons), so the
    // keyboard does not have to tab through three hundred of them.
    const polygon = svg("polygon", {
      points: hex.corners.map((c) => c.join(",")).join(" "),
      fill: colours.get(value.key) ?? NO_DATA,
      class: "hex",
      role: "link",
      tabindex: polygons.length === 0 ? 0 : -1,
      "aria-label": `${hex.council.name}: ${value.text}`,
      "data-code": hex.council.code,
      "data-value": value.exact === null ? "" : String(value.exact),
      "data-key": value.key,
    });
    const open = (): void => { window.location.hash = `#/organisation/${encodeURIComponent(hex.council.code)}`; };
    polygon.addEventListener("mouseenter", () => show(hex, polygon, value));
    polygon.addEventListener("mouseleave", hide);
    polygon.addEventListener("focus", () => show(hex, polygon, value));
    polygon.addEventListener("blur", hide);
    polygon.addEventListener("click", open);
    polygon.addEventListener("keydown", (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === "Enter" || key === " ") {
        event.preventDefault();
        open();
        return;
      }
      const next = neighbour(hexes, hex, key);
      if (next) {
        event.preventDefault();
        const target = polygons[hexes.indexOf(next)]!;
        polygon.setAttribute("tabindex", "-1");
        target.setAttribute("tabindex", "0");
        (target as SVGElement & HTMLOrSVGElement).focus();
      }
    });
    polygons.push(polygon);
    root.append(polygon);
  }

  const group = boundaries === "pfa" ? (c: Council) => c.policeForceArea?.code ?? null
    : boundaries === "region" ? (c: Council) => c.region
    : boundaries === "county" ? (c: Council) => (c.tier === "DISTRICT" ? c.county?.code ?? null : null)
    : null;
  if (group) root.append(svg("path", { d: outlines(hexes, group), class: "hex-outline", "data-boundaries": boundaries, "aria-hidden": "true" }));

  const boundaryNames: Record<string, string> = { county: "county councils (around their districts)", pfa: "police force areas", region: "regions" };
  return h(
    "section",
    { class: "panel", "aria-labelledby": "map-heading", "data-section": "map" },
    h("h2", { id: "map-heading" }, measure.title),
    measure.note ? h("p", { class: "hint", "data-map-note": "" }, measure.note) : null,
    h("p", { class: "hint" }, "Hover over or focus a hexagon for the council's name and value; arrow keys move between hexagons, Enter opens the council. ",
      group ? `Thick lines outline ${boundaryNames[boundaries]}.` : ""),
    h("div", { class: "map-and-legend" },
      h("div", { class: "map-frame" }, root, tooltip),
      h("div", { class: "legend", "data-legend": "" },
        h("h3", {}, "Legend"),
        h("ul", {}, measure.legend.map((entry) => h("li", { "data-legend-key": entry.key },
          h("span", { class: "swatch", style: `background: ${entry.colour}`, "aria-hidden": "true" }), entry.label))),
      )),
    h("p", { class: "hint" }, "Hex cartogram © Open Innovations, ", h("a", { href: "/app/hexmaps/LICENSE.txt" }, "MIT licence"), "."),
  );
}

/** The nearest hexagon in the direction of an arrow key. */
function neighbour(hexes: Hex[], from: Hex, key: string): Hex | null {
  const direction = ({ ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as Record<string, [number, number]>)[key];
  if (!direction) return null;
  let best: Hex | null = null;
  let bestScore = Infinity;
  for (const hex of hexes) {
    const dx = hex.x - from.x;
    const dy = hex.y - from.y;
    const along = dx * direction[0] + dy * direction[1];
    if (along <= 0.1) continue;
    const across = Math.abs(dx * direction[1] - dy * direction[0]);
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = hex;
    }
  }
  return best;
}

function mapTable(councils: Council[], measure: Measure): HTMLElement {
  const rows = [...councils].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  return h(
    "section",
    { class: "panel", "aria-labelledby": "map-table-heading", "data-section": "map-table" },
    h("h2", { id: "map-table-heading" }, "The map's data"),
    h("div", { class: "tall-table" }, dataTable(`${measure.title}, by council`, rows, [
      { header: "Council", cell: (c) => organisationLink(c), value: (c) => c.code, rowHeader: true },
      { header: "County", cell: (c) => (c.tier === "DISTRICT" ? organisationLink(c.county) : "—") },
      { header: "Region", cell: (c) => c.region ?? "—" },
      { header: measure.title, cell: (c) => measure.value(c).text, value: (c) => measure.value(c).exact ?? "" },
    ], "map")),
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function validDate(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** The same day a year later (29 February goes to 1 March). */
function yearAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next.toISOString().slice(0, 10);
}
