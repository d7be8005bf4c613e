import { graphql } from "../api";
import { dataTable } from "../charts";
import { h, type Child } from "../dom";
import { formatDate, formatDecimal, formatInteger, formatMoney, humanise, organisationType } from "../format";
import type { Route } from "../router";
import type { Viewer } from "../token";
import { errorBox, loading, organisationLink, partialErrors } from "./common";
import { card, fetchWhoCommissions } from "./whoCommissions";

const ORGANISATION_QUERY = /* GraphQL */ `
  query OrganisationPage($code: String!, $survey: String!) {
    organisation(code: $code) {
      code name type tier region population centralEmail postalAddress inScope
      surveyStatus(survey: $survey)
      county { code name }
      districts { code name }
      policeForceArea { code name }
      commissioningDelegatedTo { code name }
      successor { code name }
      contacts { code fullName jobTitle role email phone department { name } }
      partnerships {
        role
        partnership { code name kind establishedOn lead { code name } members { role organisation { code name } } }
      }
      contractsAsCommissioner { ...ContractRow }
      contractsAsProvider { ...ContractRow }
      servicesCommissioned(survey: $survey) { serviceType { code name category } commissioning womenOnly }
      responses(survey: $survey) {
        code submittedOn focus jointCommissioningGroup leadStatus leadDepartment activities otherActivities comments
        staffLines { lineNumber responsibility seniority fte }
      }
      funding { code programme funder financialYear amountGbp purpose source }
    }
  }
  fragment ContractRow on Contract {
    code title isJoint startDate endDate annualValueGbp refugeUnits extensionPattern latestPossibleEndDate status
    provider { code name }
    leadCommissioner { code name }
    coCommissioners { code name }
    serviceTypes { name }
    extensionOptions { number years endDate }
  }
`;

interface OrgRef { code: string; name: string }
interface ContractRow {
  code: string; title: string; isJoint: boolean; startDate: string | null; endDate: string | null;
  annualValueGbp: number | null; refugeUnits: number | null; provider: OrgRef; leadCommissioner: OrgRef;
  serviceTypes: { name: string }[]; coCommissioners: OrgRef[]; extensionPattern: string | null;
  latestPossibleEndDate: string | null; status: string; extensionOptions: { number: number; years: number; endDate: string | null }[];
}
interface SurveyAnswers {
  code: string; submittedOn: string | null; focus: string | null; jointCommissioningGroup: string | null; leadStatus: string[];
  leadDepartment: string | null; activities: string[]; otherActivities: string | null; comments: string | null;
  staffLines: { lineNumber: number; responsibility: string; seniority: string | null; fte: number }[];
}
interface FundingRow {
  code: string; programme: string; funder: string; financialYear: string; amountGbp: number; purpose: string | null; source: string | null;
}
interface Organisation {
  code: string; name: string; type: string; tier: string | null; region: string | null; population: number | null;
  centralEmail: string | null; postalAddress: string | null; inScope: boolean; surveyStatus: string;
  county: OrgRef | null; districts: OrgRef[]; policeForceArea: OrgRef | null; commissioningDelegatedTo: OrgRef | null;
  successor: OrgRef | null;
  contacts: { code: string; fullName: string; jobTitle: string | null; role: string; email: string | null; phone: string | null; department: { name: string } | null }[];
  partnerships: { role: string; partnership: { code: string; name: string; kind: string; establishedOn: string | null; lead: OrgRef; members: { role: string; organisation: OrgRef }[] } }[];
  responses: SurveyAnswers[];
  funding: FundingRow[];
  contractsAsCommissioner: ContractRow[];
  contractsAsProvider: ContractRow[];
  servicesCommissioned: { serviceType: { code: string; name: string; category: string }; commissioning: string; womenOnly: boolean }[];
}

export async function renderOrganisation(main: HTMLElement, route: Route, code: string, viewer: Viewer): Promise<void> {
  const survey = route.params.get("survey") || "STADV-2020";
  const heading = h("h1", { tabindex: -1 }, `Organisation ${code}`);
  const body = h("div", { "aria-live": "polite" }, loading("the organisation"));
  main.append(heading, body);
  try {
    const { data, errors } = await graphql<{ organisation: Organisation | null }>(ORGANISATION_QUERY, { code, survey });
    body.replaceChildren();
    const org = data.organisation;
    if (!org) {
      body.append(h("p", { class: "empty", role: "status" }, `There is no organisation with the code ${code}.`));
      return;
    }
    heading.textContent = org.name;
    document.title = `${org.name} — Commissioning Directory`;
    body.append(...[partialErrors(errors), details(org, survey), contacts(org), partnerships(org), contracts(org), services(org, survey),
      surveyAnswers(org, survey, viewer), staff(org, survey, viewer), funding(org)]
      .filter((n): n is HTMLElement => !!n));
    // The place's other commissioners, for a council or a police and crime commissioner (whoCommissions' places).
    if (org.type === "LOCAL_AUTHORITY" || org.type === "PCC") body.append(await whoCommissionsHere(org));
  } catch (error) {
    body.replaceChildren(errorBox("The organisation could not be loaded", error));
  }
}

function details(org: Organisation, survey: string): HTMLElement {
  const rows: [string, Child][] = [
    ["Code", org.code],
    ["Type", organisationType(org.type)],
    ["Council tier", org.tier ? humanise(org.tier) : null],
    ["Region", org.region],
    ["Population (2020)", org.population === null ? null : formatInteger(org.population)],
    ["Central mailbox", org.centralEmail ? h("a", { href: `mailto:${org.centralEmail}` }, org.centralEmail) : null],
    ["Postal address", org.postalAddress],
    ["In the survey population", org.inScope ? "Yes" : "No"],
    // Providers and other organisations were never surveyed: a status would wrongly say nothing was received.
    [`Status in ${survey}`, org.inScope ? humanise(org.surveyStatus) : null],
    ["County", org.county ? organisationLink(org.county) : null],
    ["Police and Crime Commissioner", org.policeForceArea ? organisationLink(org.policeForceArea) : null],
    ["Commissioning done by", org.commissioningDelegatedTo ? organisationLink(org.commissioningDelegatedTo) : null],
    ["Merged into", org.successor ? organisationLink(org.successor) : null],
    ["Districts", org.districts.length > 0 ? list(org.districts.map((d) => organisationLink(d))) : null],
  ];
  return h(
    "section",
    { class: "panel", "aria-labelledby": "org-details", "data-section": "details" },
    h("h2", { id: "org-details" }, "Details"),
    h("dl", { class: "details" }, rows.filter(([, value]) => value !== null && value !== undefined)
      .flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
  );
}

function list(items: Child[]): HTMLElement {
  return h("ul", { class: "inline-list" }, items.map((item) => h("li", {}, item)));
}

function section(name: string, title: string, content: HTMLElement, emptyText: string, isEmpty: boolean): HTMLElement {
  const id = `org-${name}`;
  return h(
    "section",
    { class: "panel", "aria-labelledby": id, "data-section": name },
    h("h2", { id }, title),
    isEmpty ? h("p", { class: "empty" }, emptyText) : content,
  );
}

function contacts(org: Organisation): HTMLElement {
  return section("contacts", "Contacts you may see", dataTable("Contacts", org.contacts, [
    { header: "Name", cell: (c) => c.fullName, value: (c) => c.code, rowHeader: true },
    { header: "Job title", cell: (c) => c.jobTitle ?? "—" },
    { header: "Role", cell: (c) => humanise(c.role) },
    { header: "Department", cell: (c) => c.department?.name ?? "—" },
    { header: "Email", cell: (c) => (c.email ? h("a", { href: `mailto:${c.email}` }, c.email) : "—") },
    { header: "Phone", cell: (c) => c.phone ?? "—" },
  ], "contacts"), "No contacts of this organisation are visible to you. Signing in with a role that may see them shows more.",
  org.contacts.length === 0);
}

function partnerships(org: Organisation): HTMLElement {
  return section("partnerships", "Partnerships", dataTable("Partnerships", org.partnerships, [
    { header: "Partnership", cell: (p) => p.partnership.name, value: (p) => p.partnership.code, rowHeader: true },
    { header: "Kind", cell: (p) => humanise(p.partnership.kind) },
    { header: "This organisation's role", cell: (p) => humanise(p.role) },
    { header: "Lead", cell: (p) => organisationLink(p.partnership.lead) },
    {
      header: "Members",
      cell: (p) => list(p.partnership.members.map((m) => h("span", {}, organisationLink(m.organisation), m.role === "LEAD" ? " (lead)" : ""))),
      value: (p) => p.partnership.members.map((m) => m.organisation.code).join(" "),
    },
    { header: "Established", cell: (p) => formatDate(p.partnership.establishedOn) },
  ], "partnerships"), "This organisation belongs to no recorded partnership.", org.partnerships.length === 0);
}

function contracts(org: Organisation): HTMLElement {
  const all = [
    ...org.contractsAsCommissioner.map((c) => ({ ...c, as: "Commissioner" })),
    ...org.contractsAsProvider.map((c) => ({ ...c, as: "Provider" })),
  ];
  const table = dataTable("Contracts the organisation commissions or provides (ended contracts greyed)", all, [
    { header: "Contract", cell: (c) => h("span", {}, c.title, c.status === "ENDED" ? " (ended)" : null), value: (c) => c.code, rowHeader: true },
    { header: "As", cell: (c) => c.as },
    { header: "Status", cell: (c) => humanise(c.status), value: (c) => c.status },
    { header: "Provider", cell: (c) => organisationLink(c.provider) },
    { header: "Commissioners", cell: (c) => list([h("span", {}, organisationLink(c.leadCommissioner), " (lead)"), ...c.coCommissioners.map((o) => organisationLink(o))]),
      value: (c) => [c.leadCommissioner, ...c.coCommissioners].map((o) => o.code).join(" ") },
    { header: "Services", cell: (c) => c.serviceTypes.map((s) => s.name).join(", ") || "—" },
    { header: "Term", cell: (c) => `${formatDate(c.startDate)} to ${formatDate(c.endDate)}` },
    { header: "Extensions", cell: (c) => extensions(c), value: (c) => c.latestPossibleEndDate },
    { header: "Refuge units", cell: (c) => formatInteger(c.refugeUnits), value: (c) => c.refugeUnits, numeric: true },
    { header: "Annual value", cell: (c) => formatMoney(c.annualValueGbp), value: (c) => c.annualValueGbp, numeric: true },
  ], "contracts");
  // Ended contracts stay listed (the history matters) but greyed, and say so in words too.
  table.querySelectorAll("tbody tr").forEach((row, i) => {
    if (all[i]?.status === "ENDED") row.classList.add("ended");
  });
  return section("contracts", "Contracts", table, "No contracts are recorded for this organisation.", all.length === 0);
}

function services(org: Organisation, survey: string): HTMLElement {
  return section("services", `Services commissioned (${survey})`, dataTable("Services commissioned", org.servicesCommissioned, [
    { header: "Service", cell: (s) => s.serviceType.name, value: (s) => s.serviceType.code, rowHeader: true },
    { header: "Category", cell: (s) => humanise(s.serviceType.category) },
    { header: "Commissioning", cell: (s) => humanise(s.commissioning) },
    { header: "Women only", cell: (s) => (s.womenOnly ? "Yes" : "No") },
  ], "services"), "The organisation reported no commissioned services in this survey.", org.servicesCommissioned.length === 0);
}

function extensions(contract: ContractRow): Child {
  if (contract.extensionOptions.length === 0) return contract.extensionPattern ? `${contract.extensionPattern} years, none left` : "None";
  const options = contract.extensionOptions.map((e) => `${e.years} year${e.years === 1 ? "" : "s"} to ${formatDate(e.endDate)}`).join("; ");
  return `${contract.extensionPattern ?? ""} years: ${options}. Latest possible end ${formatDate(contract.latestPossibleEndDate)}.`;
}

const SIGN_IN_FOR_ANSWERS = "Survey answers are shown to signed-in viewers only.";

function surveyAnswers(org: Organisation, survey: string, viewer: Viewer): HTMLElement | null {
  if (!org.inScope) return null;
  const answers = (r: SurveyAnswers): [string, Child][] => [
    ["Submitted", formatDate(r.submittedOn)],
    ["Focus", humanise(r.focus)],
    ["Joint commissioning group", humanise(r.jointCommissioningGroup)],
    ["DA/VAWG lead", r.leadStatus.map(humanise).join(", ") || "—"],
    ["Lead's department", r.leadDepartment ?? "—"],
    ["Activities", r.activities.map(humanise).join(", ") || "—"],
    ["Other activities", r.otherActivities ?? "—"],
    ...(r.comments === null ? [] : [["Comments", r.comments] as [string, Child]]),
  ];
  const content = h("div", {}, org.responses.map((r) => h("div", { "data-response": r.code },
    h("h3", {}, `Response ${r.code}`),
    h("dl", { class: "details" }, answers(r).flatMap(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])))));
  return section("answers", `Survey answers (${survey})`, content,
    viewer.token ? "No response of this organisation is visible to you." : SIGN_IN_FOR_ANSWERS, org.responses.length === 0);
}

function staff(org: Organisation, survey: string, viewer: Viewer): HTMLElement | null {
  if (!org.inScope) return null;
  const lines = org.responses.flatMap((r) => r.staffLines);
  const total = lines.reduce((sum, l) => sum + l.fte, 0);
  const table = dataTable(`Staff working on domestic abuse: ${lines.length} people, ${formatDecimal(total)} FTE`, lines, [
    { header: "Line", cell: (l) => formatInteger(l.lineNumber), value: (l) => l.lineNumber, rowHeader: true },
    { header: "Responsibility", cell: (l) => humanise(l.responsibility) },
    { header: "Seniority", cell: (l) => humanise(l.seniority) },
    { header: "FTE", cell: (l) => formatDecimal(l.fte), value: (l) => l.fte, numeric: true },
  ], "staff");
  table.dataset["totalFte"] = String(total);
  return section("staff", `Staff and FTE (${survey})`, table,
    viewer.token ? "No staff were reported." : SIGN_IN_FOR_ANSWERS, lines.length === 0);
}

function funding(org: Organisation): HTMLElement {
  return section("funding", "Funding", dataTable("Funding awarded (synthetic figures are invented, not real allocations)", org.funding, [
    { header: "Award", cell: (f) => f.code, value: (f) => f.code, rowHeader: true },
    { header: "Programme", cell: (f) => humanise(f.programme) },
    { header: "Funder", cell: (f) => f.funder },
    { header: "Year", cell: (f) => f.financialYear },
    { header: "Amount", cell: (f) => formatMoney(f.amountGbp), value: (f) => f.amountGbp, numeric: true },
    { header: "Source", cell: (f) => (f.source === "synthetic" ? "Synthetic (invented)" : f.source ?? "—") },
  ], "funding"), "No funding is recorded for this organisation.", org.funding.length === 0);
}

async function whoCommissionsHere(org: Organisation): Promise<HTMLElement> {
  // whoCommissions knows a council by its code and a commissioner by its name.
  const place = org.type === "PCC" ? org.name : org.code;
  const link = h("a", { href: `#/who-commissions?place=${encodeURIComponent(place)}` }, "Who commissions here, by service type");
  try {
    const { data } = await fetchWhoCommissions(place, null);
    const others = data.whoCommissions.filter((row) => row.organisation.code !== org.code);
    return section("who-commissions", "Who else commissions here", h("div", {}, h("p", {}, link),
      h("ul", { class: "cards", "data-cards": "" }, others.map((row) => card(row)))),
    "No other organisation has a commissioning role for this place.", others.length === 0);
  } catch (error) {
    return section("who-commissions", "Who else commissions here", errorBox("The place's commissioners could not be loaded", error), "", false);
  }
}
