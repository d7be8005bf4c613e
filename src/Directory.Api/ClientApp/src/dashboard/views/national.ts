import { graphql } from "../api";
import { chartWithTable, outcomeColours } from "../charts";
import { h } from "../dom";
import { formatDecimal, formatInteger, formatPercent, humanise } from "../format";
import type { Route } from "../router";
import { errorBox, labelledSelect, loading, organisationLink, partialErrors, navigateOnSubmit } from "./common";

const DEFAULT_SURVEY = "STADV-2020";

const FILTERS_QUERY = /* GraphQL */ `
  query DashboardFilters {
    surveys { code title }
    regions { name }
  }
`;

const REPORT_QUERY = /* GraphQL */ `
  query NationalPicture($survey: String!, $region: String, $orgType: ReportOrganisationType) {
    mappingReport(survey: $survey, region: $region) {
      survey { code title responseCount }
      region
      responseCount(orgType: $orgType)
      coverage {
        rows { organisationType completed additionalContact notReceived total }
        outOfScopeResponses
        responses
      }
      departmentBreakdown(orgType: $orgType) { category count percent }
      activities(orgType: $orgType) { answered rows { option count percent } }
      leadStatus(orgType: $orgType) { answered rows { option count percent } }
      focus(orgType: $orgType) { answered rows { option count percent } }
      seniority(orgType: $orgType) { answered rows { option count percent } }
      jointCommissioningGroup(orgType: $orgType) { answered rows { option count percent } }
      servicesCommissioned(orgType: $orgType) { serviceType { code name } sole joint womenOnly }
      staffing(orgType: $orgType) {
        rows { responsibility staff fte estimatedFte }
        total { staff fte estimatedFte }
        reportingOrganisations
        unknownCommissioningOrganisations
        teamSizes { size organisations percent }
      }
      jobTitles(orgType: $orgType) { category jobTitles { jobTitle count } }
      ftePerHead(limit: 10) {
        highest { organisation { code name } fte population ftePer100k }
        lowest { organisation { code name } fte population ftePer100k }
      }
    }
  }
`;

interface Filters {
  surveys: { code: string; title: string }[];
  regions: { name: string }[];
}

interface CoverageRow { organisationType: string; completed: number; additionalContact: number; notReceived: number; total: number }
interface OptionShare { option: string; count: number; percent: number }
interface Breakdown { answered: number; rows: OptionShare[] }
interface StaffingRow { responsibility: string | null; staff: number; fte: number; estimatedFte: number }
interface FteRow { organisation: { code: string; name: string }; fte: number; population: number; ftePer100k: number }
interface ServiceShare { serviceType: { code: string; name: string }; sole: number; joint: number; womenOnly: number }
interface TeamSize { size: number; organisations: number; percent: number }
interface JobTitleRow { category: string; jobTitle: string; count: number }

interface Report {
  mappingReport: {
    survey: { code: string; title: string; responseCount: number };
    region: string | null;
    responseCount: number;
    coverage: { rows: CoverageRow[]; outOfScopeResponses: number };
    departmentBreakdown: { category: string; count: number; percent: number }[];
    activities: Breakdown;
    leadStatus: Breakdown;
    focus: Breakdown;
    seniority: Breakdown;
    jointCommissioningGroup: Breakdown;
    servicesCommissioned: ServiceShare[];
    jobTitles: { category: string; jobTitles: { jobTitle: string; count: number }[] }[];
    staffing: {
      rows: StaffingRow[];
      total: StaffingRow;
      reportingOrganisations: number;
      unknownCommissioningOrganisations: number;
      teamSizes: TeamSize[];
    };
    ftePerHead: { highest: FteRow[]; lowest: FteRow[] };
  } | null;
}

const ORGANISATION_TYPES: [string, string][] = [
  ["", "All surveyed types"],
  ["LOCAL_AUTHORITY", "Local authorities"],
  ["PCC", "Police and Crime Commissioners"],
  ["CCG", "Clinical Commissioning Groups"],
];

const SHORT_TYPE_NAMES: Record<string, string> = { LOCAL_AUTHORITY: "Councils", PCC: "PCCs", CCG: "CCGs" };

export async function renderNational(main: HTMLElement, route: Route): Promise<void> {
  const survey = route.params.get("survey") || DEFAULT_SURVEY;
  const orgType = route.params.get("orgType") || "";
  const region = route.params.get("region") || "";

  main.append(
    h("h1", { tabindex: -1 }, "The national picture"),
    h("p", { class: "lead" },
      "What the national mapping survey found: who responded, where commissioners sit, what they do and how many staff work on domestic abuse."),
  );
  const form = h("form", { class: "filters", "aria-label": "Choose what the national picture shows", "data-form": "national" });
  main.append(form);
  const results = h("div", { "aria-live": "polite", "aria-busy": "true" }, loading("the national picture"));
  main.append(results);

  // The filter choices come from the API too: the surveys and the regions.
  let surveys: [string, string][] = [[survey, survey]];
  let regions: [string, string][] = [["", "All regions"]];
  try {
    const { data } = await graphql<Filters>(FILTERS_QUERY);
    if (data.surveys.length > 0) surveys = data.surveys.map((s) => [s.code, `${s.title} (${s.code})`]);
    regions = [["", "All regions"], ...data.regions.map((r): [string, string] => [r.name, r.name])];
  } catch {
    // The report request below reports the failure; the filters keep their defaults meanwhile.
  }
  if (region && !regions.some(([value]) => value === region)) regions.push([region, region]);
  form.append(
    labelledSelect("Survey", "survey", surveys, survey),
    labelledSelect("Organisation type", "orgType", ORGANISATION_TYPES, orgType),
    labelledSelect("Region", "region", regions, region),
    h("button", { type: "submit" }, "Show"),
  );
  navigateOnSubmit(form, "", ["survey", "orgType", "region"]);

  try {
    const { data, errors } = await graphql<Report>(REPORT_QUERY, {
      survey,
      region: region || null,
      orgType: orgType || null,
    });
    results.replaceChildren();
    results.setAttribute("aria-busy", "false");
    const report = data.mappingReport;
    if (!report) {
      results.append(h("p", { class: "empty", role: "status" }, `There is no survey with the code ${survey}.`));
      return;
    }
    results.append(...[partialErrors(errors), ...reportSections(report, orgType)].filter((n): n is HTMLElement => !!n));
  } catch (error) {
    results.replaceChildren(errorBox("The national picture could not be loaded", error));
    results.setAttribute("aria-busy", "false");
  }
}

function reportSections(report: NonNullable<Report["mappingReport"]>, orgType: string): HTMLElement[] {
  const scope = [orgType ? humanise(orgType) : "all surveyed organisation types", report.region ?? "England"].join(", ");
  const coverageRows = orgType
    ? report.coverage.rows.filter((r) => r.organisationType === orgType)
    : report.coverage.rows;

  // The responses within the report's scope: the survey's own count is national, whatever the region.
  const responses = report.coverage.responses + report.coverage.outOfScopeResponses;
  const summary = h(
    "p",
    { class: "summary", "data-summary": "" },
    `${report.survey.title}: `,
    // The responses of the organisations shown (region and type), not the survey's national total.
    h("strong", { "data-value": report.responseCount, "data-response-count": "" }, formatInteger(report.responseCount)),
    report.responseCount === 1 ? " response" : " responses",
    ` from in-scope organisations. Showing ${scope}.`,
  );

  const coverage = chartWithTable<CoverageRow>({
    name: "coverage",
    title: "Response coverage",
    description: "In-scope organisations by whether a survey response was received.",
    // Short axis labels keep the chart readable on a phone; the table has the full names.
    labels: coverageRows.map((r) => SHORT_TYPE_NAMES[r.organisationType] ?? humanise(r.organisationType)),
    series: [
      { label: "Completed", values: coverageRows.map((r) => r.completed) },
      { label: "Additional contact", values: coverageRows.map((r) => r.additionalContact) },
      { label: "Not received", values: coverageRows.map((r) => r.notReceived) },
    ],
    horizontal: true,
    stacked: true,
    colours: [outcomeColours.good, outcomeColours.partial, outcomeColours.bad],
    valueLabel: "Organisations",
    rows: coverageRows,
    columns: [
      { header: "Organisation type", cell: (r) => humanise(r.organisationType), value: (r) => r.organisationType, rowHeader: true },
      { header: "Completed", cell: (r) => formatInteger(r.completed), value: (r) => r.completed, numeric: true },
      { header: "Additional contact", cell: (r) => formatInteger(r.additionalContact), value: (r) => r.additionalContact, numeric: true },
      { header: "Not received", cell: (r) => formatInteger(r.notReceived), value: (r) => r.notReceived, numeric: true },
      { header: "Total", cell: (r) => formatInteger(r.total), value: (r) => r.total, numeric: true },
    ],
    footer: h("p", { class: "hint" }, `Responses from organisations outside the survey population: ${formatInteger(report.coverage.outOfScopeResponses)}.`),
  });

  const departments = chartWithTable({
    name: "departments",
    title: "Where commissioners sit",
    description: "The departments of the commissioners named in the responses.",
    labels: report.departmentBreakdown.map((r) => humanise(r.category)),
    series: [{ label: "Commissioners", values: report.departmentBreakdown.map((r) => r.count) }],
    horizontal: true,
    valueLabel: "Commissioners",
    rows: report.departmentBreakdown,
    columns: [
      { header: "Department", cell: (r) => humanise(r.category), value: (r) => r.category, rowHeader: true },
      { header: "Commissioners", cell: (r) => formatInteger(r.count), value: (r) => r.count, numeric: true },
      { header: "Share", cell: (r) => formatPercent(r.percent), value: (r) => r.percent, numeric: true },
    ],
  });

  const activities = breakdownSection("activities", "Activities commissioners are involved in", report.activities,
    "Several activities could be chosen, so shares may add up to more than 100%.");
  const leadStatus = breakdownSection("leadStatus", "Is there a DA/VAWG lead?", report.leadStatus,
    "Several answers could be given.");
  const focus = breakdownSection("focus", "The focus of the organisation's DA work", report.focus, "One answer per response.");
  const seniority = breakdownSection("seniority", "Seniority of the commissioners named", report.seniority,
    "Shares of the commissioners whose seniority was given.");
  const jointGroup = breakdownSection("jointCommissioningGroup", "Is there a joint commissioning group?",
    report.jointCommissioningGroup, "One answer per response.");

  const services = chartWithTable<ServiceShare>({
    name: "servicesCommissioned",
    title: "Services commissioned",
    description: "Organisations commissioning each type of service, alone or jointly; an organisation may do both.",
    labels: report.servicesCommissioned.map((r) => r.serviceType.name),
    series: [
      { label: "Commissioned alone", values: report.servicesCommissioned.map((r) => r.sole) },
      { label: "Commissioned jointly", values: report.servicesCommissioned.map((r) => r.joint) },
    ],
    horizontal: true,
    stacked: true,
    valueLabel: "Organisations",
    rows: report.servicesCommissioned,
    columns: [
      { header: "Service type", cell: (r) => r.serviceType.name, value: (r) => r.serviceType.code, rowHeader: true },
      { header: "Alone", cell: (r) => formatInteger(r.sole), value: (r) => r.sole, numeric: true },
      { header: "Jointly", cell: (r) => formatInteger(r.joint), value: (r) => r.joint, numeric: true },
      { header: "Women only", cell: (r) => formatInteger(r.womenOnly), value: (r) => r.womenOnly, numeric: true },
    ],
  });

  const staffRows = [...report.staffing.rows];
  const staffing = chartWithTable<StaffingRow>({
    name: "staffing",
    title: "Staff working on domestic abuse",
    description:
      `FTE reported by ${formatInteger(report.staffing.reportingOrganisations)} organisations (R), and the estimate for the whole ` +
      `population including ${formatInteger(report.staffing.unknownCommissioningOrganisations)} organisations that did not respond (U): FTE × (R + U) / R.`,
    labels: staffRows.map((r) => humanise(r.responsibility)),
    series: [
      { label: "FTE reported", values: staffRows.map((r) => r.fte) },
      { label: "FTE estimated for the whole population", values: staffRows.map((r) => r.estimatedFte) },
    ],
    horizontal: true,
    valueLabel: "Full-time equivalent",
    rows: [...staffRows, report.staffing.total],
    columns: [
      { header: "Responsibility", cell: (r) => (r.responsibility ? humanise(r.responsibility) : "Total"), value: (r) => r.responsibility ?? "TOTAL", rowHeader: true },
      { header: "Staff", cell: (r) => formatInteger(r.staff), value: (r) => r.staff, numeric: true },
      { header: "FTE reported", cell: (r) => formatDecimal(r.fte), value: (r) => r.fte, numeric: true },
      { header: "FTE estimated", cell: (r) => formatDecimal(r.estimatedFte), value: (r) => r.estimatedFte, numeric: true },
    ],
  });

  const teamSizes = chartWithTable<TeamSize>({
    name: "teamSizes",
    title: "Team sizes",
    description: "Organisations by the number of staff lines they reported.",
    labels: report.staffing.teamSizes.map((r) => `${r.size} staff`),
    series: [{ label: "Organisations", values: report.staffing.teamSizes.map((r) => r.organisations) }],
    valueLabel: "Organisations",
    rows: report.staffing.teamSizes,
    columns: [
      { header: "Staff", cell: (r) => formatInteger(r.size), value: (r) => r.size, rowHeader: true },
      { header: "Organisations", cell: (r) => formatInteger(r.organisations), value: (r) => r.organisations, numeric: true },
      { header: "Share", cell: (r) => formatPercent(r.percent), value: (r) => r.percent, numeric: true },
    ],
  });

  const jobTitleRows: JobTitleRow[] = report.jobTitles.flatMap((g) =>
    g.jobTitles.map((t) => ({ category: g.category, jobTitle: t.jobTitle, count: t.count })));
  const jobTitles = chartWithTable<JobTitleRow>({
    name: "jobTitles",
    title: "Commissioners' job titles",
    description: "The job titles of the commissioners named, by department; the chart counts commissioners per department.",
    labels: report.jobTitles.map((g) => humanise(g.category)),
    series: [{ label: "Commissioners with a job title", values: report.jobTitles.map((g) => g.jobTitles.reduce((sum, t) => sum + t.count, 0)) }],
    horizontal: true,
    valueLabel: "Commissioners",
    rows: jobTitleRows,
    columns: [
      { header: "Job title", cell: (r) => r.jobTitle, value: (r) => `${r.category}/${r.jobTitle}`, rowHeader: true },
      { header: "Department", cell: (r) => humanise(r.category), value: (r) => r.category },
      { header: "Commissioners", cell: (r) => formatInteger(r.count), value: (r) => r.count, numeric: true },
    ],
  });

  const highest = ftePerHeadSection("ftePerHeadHighest", "Councils with the most DA staff per 100,000 people", report.ftePerHead.highest);
  const lowest = ftePerHeadSection("ftePerHeadLowest", "Councils with the fewest DA staff per 100,000 people", report.ftePerHead.lowest);

  return [summary, coverage, services, jointGroup, focus, departments, jobTitles, seniority, activities, leadStatus,
    staffing, teamSizes, highest, lowest];
}

function breakdownSection(name: string, title: string, breakdown: Breakdown, note: string): HTMLElement {
  return chartWithTable<OptionShare>({
    name,
    title,
    description: `${formatInteger(breakdown.answered)} answered. ${note}`,
    labels: breakdown.rows.map((r) => humanise(r.option)),
    series: [{ label: "Share of those that answered (%)", values: breakdown.rows.map((r) => r.percent) }],
    horizontal: true,
    valueLabel: "Percent of those that answered",
    rows: breakdown.rows,
    columns: [
      { header: "Answer", cell: (r) => humanise(r.option), value: (r) => r.option, rowHeader: true },
      { header: "Count", cell: (r) => formatInteger(r.count), value: (r) => r.count, numeric: true },
      { header: "Share", cell: (r) => formatPercent(r.percent), value: (r) => r.percent, numeric: true },
    ],
  });
}

function ftePerHeadSection(name: string, title: string, rows: FteRow[]): HTMLElement {
  return chartWithTable<FteRow>({
    name,
    title,
    description: "Councils only; FTE working on domestic abuse per 100,000 population.",
    labels: rows.map((r) => r.organisation.name),
    series: [{ label: "FTE per 100,000 people", values: rows.map((r) => r.ftePer100k) }],
    horizontal: true,
    valueLabel: "FTE per 100,000 people",
    rows,
    columns: [
      { header: "Council", cell: (r) => organisationLink(r.organisation), value: (r) => r.organisation.code, rowHeader: true },
      { header: "FTE", cell: (r) => formatDecimal(r.fte), value: (r) => r.fte, numeric: true },
      { header: "Population", cell: (r) => formatInteger(r.population), value: (r) => r.population, numeric: true },
      { header: "FTE per 100,000", cell: (r) => formatDecimal(r.ftePer100k), value: (r) => r.ftePer100k, numeric: true },
    ],
  });
}

