import { graphql } from "../api";
import { chartWithTable } from "../charts";
import { h } from "../dom";
import { formatInteger, formatMoney } from "../format";
import type { Route } from "../router";
import { errorBox, labelledSelect, loading, partialErrors, navigateOnSubmit } from "./common";

const FUNDING_QUERY = /* GraphQL */ `
  query Funding($where: FundingAwardFilterInput, $synthetic: FundingAwardFilterInput!) {
    regions { name }
    years: fundingSummary(groupBy: FINANCIAL_YEAR) { key }
    byProgramme: fundingSummary(where: $where, groupBy: PROGRAMME) { key label awards amountGbp }
    syntheticByProgramme: fundingSummary(where: $synthetic, groupBy: PROGRAMME) { key awards amountGbp }
    byRegion: fundingSummary(where: $where, groupBy: REGION) { key label awards amountGbp }
    syntheticByRegion: fundingSummary(where: $synthetic, groupBy: REGION) { key awards amountGbp }
    byYear: fundingSummary(where: $where, groupBy: FINANCIAL_YEAR) { key label awards amountGbp }
    syntheticByYear: fundingSummary(where: $synthetic, groupBy: FINANCIAL_YEAR) { key awards amountGbp }
  }
`;

interface Total { key: string; awards: number; amountGbp: number }
interface SummaryRow extends Total { label: string }
interface FundingData {
  regions: { name: string }[];
  years: { key: string }[];
  byProgramme: SummaryRow[];
  syntheticByProgramme: Total[];
  byRegion: SummaryRow[];
  syntheticByRegion: Total[];
  byYear: SummaryRow[];
  syntheticByYear: Total[];
}

/** A group's totals with the part of them that is synthetic (invented) split out. */
interface FundingRow extends SummaryRow { syntheticAwards: number; syntheticGbp: number }

const PROGRAMMES: [string, string][] = [
  ["", "Any programme"],
  ["PART4_SAFE_ACCOMMODATION_DUTY", "Part 4 safe accommodation duty"],
  ["PART4_TIER2_CAPACITY", "Part 4 tier-2 capacity"],
  ["PUBLIC_HEALTH_GRANT", "Public health grant"],
  ["PCC_VICTIM_SERVICES", "PCC victim services"],
];

/** The `fundingAwards`/`fundingSummary` filter for the route's parameters; null when none is set. */
export function fundingFilter(params: URLSearchParams): Record<string, unknown> | null {
  const where: Record<string, unknown> = {};
  if (params.get("programme")) where["programme"] = { eq: params.get("programme") };
  if (params.get("year")) where["financialYear"] = { eq: params.get("year") };
  if (params.get("region")) where["recipient"] = { region: { eq: params.get("region") } };
  return Object.keys(where).length > 0 ? where : null;
}

/**
 * Funding for DA work by programme, region and financial year. Most of the sample's figures are synthetic
 * (invented from population, `source: "synthetic"`): every chart and table splits them out and says so, so an
 * invented figure is never presented as a real allocation.
 */
export async function renderFunding(main: HTMLElement, route: Route): Promise<void> {
  const params = route.params;
  const where = fundingFilter(params);
  const synthetic = { and: [...(where ? [where] : []), { source: { eq: "synthetic" } }] };
  const value = (key: string) => params.get(key) ?? "";
  main.append(
    h("h1", { tabindex: -1 }, "Funding"),
    h("p", { class: "lead" }, "Money awarded for domestic abuse work, by programme, region and financial year."),
    h("p", { class: "warning", "data-synthetic-notice": "" },
      h("strong", {}, "Synthetic figures: "),
      "most amounts here are invented for the sample data (derived from population). They are shown separately as “synthetic” and are not real allocations."),
  );
  const results = h("div", { "aria-live": "polite", "data-results": "funding" }, loading("the funding"));
  main.append(results);
  try {
    const { data, errors } = await graphql<FundingData>(FUNDING_QUERY, { where, synthetic });
    const form = h("form", { class: "filters", "aria-label": "Filter the funding", "data-form": "funding" },
      labelledSelect("Programme", "programme", PROGRAMMES, value("programme")),
      labelledSelect("Financial year", "year", [["", "Every year"], ...data.years.map((y): [string, string] => [y.key, y.key])], value("year")),
      labelledSelect("Region of the recipient", "region", [["", "All regions"], ...data.regions.map((r): [string, string] => [r.name, r.name])], value("region")),
      h("button", { type: "submit" }, "Apply"));
    navigateOnSubmit(form, "funding", ["programme", "year", "region"]);
    results.before(form);
    results.replaceChildren(...[
      partialErrors(errors),
      fundingSection("fundingByProgramme", "By programme", "Programme", withSynthetic(data.byProgramme, data.syntheticByProgramme)),
      fundingSection("fundingByRegion", "By region of the recipient", "Region", withSynthetic(data.byRegion, data.syntheticByRegion)),
      fundingSection("fundingByYear", "By financial year", "Financial year", withSynthetic(data.byYear, data.syntheticByYear)),
    ].filter((n): n is HTMLElement => !!n));
  } catch (error) {
    results.replaceChildren(errorBox("The funding could not be loaded", error));
  }
}

function withSynthetic(rows: SummaryRow[], synthetic: Total[]): FundingRow[] {
  return rows.map((row) => {
    const invented = synthetic.find((s) => s.key === row.key);
    return { ...row, syntheticAwards: invented?.awards ?? 0, syntheticGbp: invented?.amountGbp ?? 0 };
  });
}

function fundingSection(name: string, title: string, header: string, rows: FundingRow[]): HTMLElement {
  const label = (r: FundingRow) => r.label;
  return chartWithTable<FundingRow>({
    name,
    title,
    description: "Amounts in pounds; the synthetic (invented) part of each total is drawn and listed separately.",
    labels: rows.map(label),
    series: [
      { label: "Published figures (£)", values: rows.map((r) => r.amountGbp - r.syntheticGbp) },
      { label: "Synthetic figures, not real (£)", values: rows.map((r) => r.syntheticGbp) },
    ],
    horizontal: true,
    stacked: true,
    valueLabel: "Amount (£)",
    rows,
    columns: [
      { header, cell: label, value: (r) => r.key, rowHeader: true },
      { header: "Awards", cell: (r) => formatInteger(r.awards), value: (r) => r.awards, numeric: true },
      { header: "Amount", cell: (r) => formatMoney(r.amountGbp), value: (r) => r.amountGbp, numeric: true },
      { header: "Synthetic awards", cell: (r) => formatInteger(r.syntheticAwards), value: (r) => r.syntheticAwards, numeric: true },
      { header: "Synthetic amount", cell: (r) => formatMoney(r.syntheticGbp), value: (r) => r.syntheticGbp, numeric: true },
    ],
  });
}
