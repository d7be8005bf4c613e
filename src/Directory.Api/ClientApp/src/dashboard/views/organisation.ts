import { graphql } from "../api";
import { dataTable } from "../charts";
import { h, type Child } from "../dom";
import { formatDate, formatInteger, formatMoney, humanise, organisationType } from "../format";
import type { Route } from "../router";
import { errorBox, loading, organisationLink, partialErrors } from "./common";

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
        partnership { code name kind establishedOn lead { code name } members { organisation { code name } } }
      }
      contractsAsCommissioner { ...ContractRow }
      contractsAsProvider { ...ContractRow }
      servicesCommissioned(survey: $survey) { serviceType { code name category } commissioning womenOnly }
    }
  }
  fragment ContractRow on Contract {
    code title isJoint startDate endDate annualValueGbp refugeUnits
    provider { code name }
    leadCommissioner { code name }
    serviceTypes { name }
  }
`;

interface OrgRef { code: string; name: string }
interface ContractRow {
  code: string; title: string; isJoint: boolean; startDate: string | null; endDate: string | null;
  annualValueGbp: number | null; refugeUnits: number | null; provider: OrgRef; leadCommissioner: OrgRef;
  serviceTypes: { name: string }[];
}
interface Organisation {
  code: string; name: string; type: string; tier: string | null; region: string | null; population: number | null;
  centralEmail: string | null; postalAddress: string | null; inScope: boolean; surveyStatus: string;
  county: OrgRef | null; districts: OrgRef[]; policeForceArea: OrgRef | null; commissioningDelegatedTo: OrgRef | null;
  successor: OrgRef | null;
  contacts: { code: string; fullName: string; jobTitle: string | null; role: string; email: string | null; phone: string | null; department: { name: string } | null }[];
  partnerships: { role: string; partnership: { code: string; name: string; kind: string; establishedOn: string | null; lead: OrgRef; members: { organisation: OrgRef }[] } }[];
  contractsAsCommissioner: ContractRow[];
  contractsAsProvider: ContractRow[];
  servicesCommissioned: { serviceType: { code: string; name: string; category: string }; commissioning: string; womenOnly: boolean }[];
}

export async function renderOrganisation(main: HTMLElement, route: Route, code: string): Promise<void> {
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
    body.append(...[partialErrors(errors), details(org, survey), contacts(org), partnerships(org), contracts(org), services(org, survey)]
      .filter((n): n is HTMLElement => !!n));
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
    [`Status in ${survey}`, humanise(org.surveyStatus)],
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
    { header: "Members", cell: (p) => formatInteger(p.partnership.members.length), value: (p) => p.partnership.members.length, numeric: true },
    { header: "Established", cell: (p) => formatDate(p.partnership.establishedOn) },
  ], "partnerships"), "This organisation belongs to no recorded partnership.", org.partnerships.length === 0);
}

function contracts(org: Organisation): HTMLElement {
  const all = [
    ...org.contractsAsCommissioner.map((c) => ({ ...c, as: "Commissioner" })),
    ...org.contractsAsProvider.map((c) => ({ ...c, as: "Provider" })),
  ];
  return section("contracts", "Contracts", dataTable("Contracts the organisation commissions or provides", all, [
    { header: "Contract", cell: (c) => c.title, value: (c) => c.code, rowHeader: true },
    { header: "As", cell: (c) => c.as },
    { header: "Provider", cell: (c) => organisationLink(c.provider) },
    { header: "Lead commissioner", cell: (c) => organisationLink(c.leadCommissioner) },
    { header: "Joint", cell: (c) => (c.isJoint ? "Yes" : "No") },
    { header: "Services", cell: (c) => c.serviceTypes.map((s) => s.name).join(", ") || "—" },
    { header: "Start", cell: (c) => formatDate(c.startDate) },
    { header: "End", cell: (c) => formatDate(c.endDate) },
    { header: "Annual value", cell: (c) => formatMoney(c.annualValueGbp), value: (c) => c.annualValueGbp, numeric: true },
  ], "contracts"), "No contracts are recorded for this organisation.", all.length === 0);
}

function services(org: Organisation, survey: string): HTMLElement {
  return section("services", `Services commissioned (${survey})`, dataTable("Services commissioned", org.servicesCommissioned, [
    { header: "Service", cell: (s) => s.serviceType.name, value: (s) => s.serviceType.code, rowHeader: true },
    { header: "Category", cell: (s) => humanise(s.serviceType.category) },
    { header: "Commissioning", cell: (s) => humanise(s.commissioning) },
    { header: "Women only", cell: (s) => (s.womenOnly ? "Yes" : "No") },
  ], "services"), "The organisation reported no commissioned services in this survey.", org.servicesCommissioned.length === 0);
}
