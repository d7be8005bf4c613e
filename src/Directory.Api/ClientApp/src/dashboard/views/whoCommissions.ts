import { graphql, GraphQLRequestError, type GraphQLResult } from "../api";
import { h, uniqueId } from "../dom";
import { formatDate, formatMoney, humanise, organisationType } from "../format";
import type { Route } from "../router";
import type { Viewer } from "../token";
import { errorBox, labelledSelect, loading, navigateOnSubmit, organisationLink, partialErrors } from "./common";

// "Who commissions this here": the organisations with a commissioning role for a place (whoCommissions), as cards
// with their services, live contracts and the people the viewer may contact (or the mailbox).

const PLACE_CHOICES_QUERY = /* GraphQL */ `
  query WhoCommissionsChoices {
    regions { name }
    serviceTypes { code name }
  }
`;

const PLACE_SUGGESTIONS_QUERY = /* GraphQL */ `
  query PlaceSuggestions($name: String!) {
    organisations(where: { name: { contains: $name }, type: { in: [LOCAL_AUTHORITY, PCC] } }, first: 10) {
      nodes { code name type }
    }
  }
`;

const WHO_COMMISSIONS_QUERY = /* GraphQL */ `
  query WhoCommissions($place: String!, $serviceType: String) {
    whoCommissions(place: $place, serviceType: $serviceType) {
      organisation { code name type }
      relation
      services { serviceType { code name } commissioning womenOnly }
      contracts { code title endDate latestPossibleEndDate annualValueGbp provider { code name } }
      contacts { code fullName jobTitle email }
      centralEmail
    }
  }
`;

interface OrgRef { code: string; name: string; type?: string }
export interface PlaceCommissioner {
  organisation: OrgRef;
  relation: string;
  services: { serviceType: { code: string; name: string }; commissioning: string; womenOnly: boolean }[];
  contracts: { code: string; title: string; endDate: string | null; latestPossibleEndDate: string | null; annualValueGbp: number | null; provider: OrgRef }[];
  contacts: { code: string; fullName: string; jobTitle: string | null; email: string | null }[];
  centralEmail: string | null;
}

const RELATIONS: Record<string, string> = {
  THE_PLACE: "The council for the place",
  COUNTY: "The county council",
  DISTRICT: "A district council of the county",
  POLICE_AND_CRIME_COMMISSIONER: "Police and Crime Commissioner",
  HEALTH: "Health commissioner (CCG)",
  INTEGRATED_CARE_BOARD: "Integrated Care Board",
  IN_AREA: "A council in the area",
};

export async function renderWhoCommissions(main: HTMLElement, route: Route, viewer: Viewer): Promise<void> {
  const place = (route.params.get("place") ?? "").trim();
  const serviceType = route.params.get("serviceType") ?? "";
  main.append(
    h("h1", { tabindex: -1 }, "Who commissions this here?"),
    h("p", { class: "lead" }, "Name a place — a council, county, police force area or region — to see every organisation that commissions domestic abuse services there, and whom to contact."),
  );

  let regions: string[] = [];
  let serviceTypes: [string, string][] = [["", "Any service type"]];
  try {
    const { data } = await graphql<{ regions: { name: string }[]; serviceTypes: { code: string; name: string }[] }>(PLACE_CHOICES_QUERY);
    regions = data.regions.map((r) => r.name);
    serviceTypes = [["", "Any service type"], ...data.serviceTypes.map((t): [string, string] => [t.code, t.name])];
  } catch {
    // The search below reports a failure of the service.
  }
  if (serviceType && !serviceTypes.some(([code]) => code === serviceType)) serviceTypes.push([serviceType, serviceType]);

  const listId = uniqueId("place-options");
  const options = h("datalist", { id: listId, "data-place-options": "" });
  const placeInput = h("input", {
    id: "field-place", name: "place", type: "text", value: place, list: listId, autocomplete: "off", required: true,
    "aria-describedby": "place-hint",
  });
  const form = h(
    "form",
    { class: "filters", "aria-label": "Choose a place and a service type", "data-form": "who-commissions" },
    h("div", { class: "field" },
      h("label", { for: "field-place" }, "Place"),
      h("span", { id: "place-hint", class: "hint" }, "A name or code, e.g. a council or a region"),
      placeInput, options),
    labelledSelect("Service type", "serviceType", serviceTypes, serviceType),
    h("button", { type: "submit" }, "Find commissioners"),
  );
  navigateOnSubmit(form, "who-commissions", ["place", "serviceType"]);
  wireTypeAhead(placeInput, options, regions);

  const results = h("div", { "aria-live": "polite", "aria-busy": "false", "data-results": "" });
  main.append(form, results);
  if (!place) {
    results.append(h("p", { class: "hint" }, "Start typing a place: matching councils, police and crime commissioners and regions are offered."));
    return;
  }

  results.setAttribute("aria-busy", "true");
  results.append(loading("the commissioners"));
  try {
    const { data, errors } = await fetchWhoCommissions(place, serviceType || null);
    const serviceName = serviceTypes.find(([code]) => code === serviceType)?.[1];
    results.replaceChildren(...[
      partialErrors(errors),
      h("p", { class: "summary", role: "status", "data-summary": "" },
        h("strong", { "data-total": data.whoCommissions.length }, String(data.whoCommissions.length)),
        ` organisation${data.whoCommissions.length === 1 ? "" : "s"} with a commissioning role for ${place}`,
        serviceType ? ` (${serviceName ?? serviceType})` : "", "."),
      viewer.token ? null : h("p", { class: "hint", "data-sign-in-hint": "" }, "Signed out, you see each organisation's mailbox; signing in shows the commissioners you may contact."),
      h("h2", { class: "visually-hidden" }, "Organisations"),
      h("ul", { class: "cards", "data-cards": "" }, data.whoCommissions.map((row) => card(row))),
    ].filter((n): n is HTMLElement => !!n));
  } catch (error) {
    results.replaceChildren(placeError(error));
  }
  results.setAttribute("aria-busy", "false");
}

export function fetchWhoCommissions(place: string, serviceType: string | null): Promise<GraphQLResult<{ whoCommissions: PlaceCommissioner[] }>> {
  return graphql<{ whoCommissions: PlaceCommissioner[] }>(WHO_COMMISSIONS_QUERY, { place, serviceType });
}

/** Offers councils and commissioners whose name contains what was typed, and the matching regions, as the user types. */
function wireTypeAhead(input: HTMLInputElement, options: HTMLDataListElement, regions: string[]): void {
  let timer: number | undefined;
  let asked = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) return;
    timer = window.setTimeout(async () => {
      const request = ++asked;
      try {
        const { data } = await graphql<{ organisations: { nodes: OrgRef[] } }>(PLACE_SUGGESTIONS_QUERY, { name: text });
        if (request !== asked) return;
        const lower = text.toLowerCase();
        options.replaceChildren(
          ...regions.filter((r) => r.toLowerCase().includes(lower)).map((r) => h("option", { value: r }, `${r} (region)`)),
          ...data.organisations.nodes.map((o) => h("option", { value: o.name, "data-code": o.code }, `${o.name} (${organisationType(o.type)}, ${o.code})`)),
        );
      } catch {
        // Suggestions are a convenience: the search itself reports errors.
      }
    }, 200);
  });
}

function placeError(error: unknown): HTMLElement {
  const problem = error instanceof GraphQLRequestError ? error.errors[0] : undefined;
  const suggestions = problem?.extensions?.["suggestions"];
  if (problem?.extensions?.code === "BAD_USER_INPUT" && Array.isArray(suggestions)) {
    const params = (value: string): string => {
      const current = new URLSearchParams(window.location.hash.split("?", 2)[1] ?? "");
      current.set(problem.message.startsWith("There is no service type") ? "serviceType" : "place", value);
      return `#/who-commissions?${current.toString()}`;
    };
    return h("div", { class: "error", role: "alert", "data-error": "" },
      h("h2", {}, "That place could not be used"),
      h("p", {}, problem.message),
      suggestions.length > 0
        ? h("div", {}, h("p", { class: "suggestions" }, "Did you mean:"),
          h("ul", { "data-suggestions": "" }, suggestions.slice(0, 10).map((s) => h("li", {}, h("a", { href: params(String(s)) }, String(s))))))
        : null);
  }
  return errorBox("The commissioners could not be loaded", error);
}

/** Why the organisation is listed, and its type where the relation does not already say it. */
function relationText(row: PlaceCommissioner): string {
  const relation = RELATIONS[row.relation] ?? humanise(row.relation);
  const type = organisationType(row.organisation.type);
  return relation.includes(type) ? relation : `${relation} · ${type}`;
}

export function card(row: PlaceCommissioner): HTMLElement {
  const headingId = uniqueId("card");
  return h(
    "li",
    { class: "card", "aria-labelledby": headingId, "data-card": row.organisation.code, "data-relation": row.relation },
    h("h3", { id: headingId }, organisationLink(row.organisation)),
    h("p", { class: "meta" }, relationText(row)),
    h("h4", {}, "Services commissioned"),
    row.services.length === 0
      ? h("p", { class: "empty" }, "None reported in the survey.")
      : h("ul", { "data-services": "" }, row.services.map((s) =>
        h("li", { "data-service": s.serviceType.code }, `${s.serviceType.name} — ${humanise(s.commissioning)}${s.womenOnly ? ", women only" : ""}`))),
    h("h4", {}, "Live contracts"),
    row.contracts.length === 0
      ? h("p", { class: "empty" }, "None recorded.")
      : h("ul", { "data-contracts": "" }, row.contracts.map((c) =>
        h("li", { "data-contract": c.code }, `${c.title} — provider `, organisationLink(c.provider),
          `, ends ${formatDate(c.endDate)}`, c.latestPossibleEndDate && c.latestPossibleEndDate !== c.endDate ? ` (at the latest ${formatDate(c.latestPossibleEndDate)})` : "",
          c.annualValueGbp === null ? "" : `, ${formatMoney(c.annualValueGbp)} a year`))),
    h("h4", {}, "Contact"),
    row.contacts.length > 0
      ? h("ul", { "data-contacts": "" }, row.contacts.map((c) =>
        h("li", { "data-contact": c.code }, h("span", {}, c.fullName, c.jobTitle ? `, ${c.jobTitle}` : ""), c.email ? copyableEmail(c.email) : null)))
      : row.centralEmail
        ? h("div", { "data-mailbox": "" }, h("p", { class: "meta" }, "Central mailbox"), copyableEmail(row.centralEmail))
        : h("p", { class: "empty" }, "No contact you may see, and no mailbox."),
  );
}

/** An email link with a button that copies the address (announced in a live region). */
function copyableEmail(email: string): HTMLElement {
  const status = h("span", { role: "status", class: "meta" });
  const button = h("button", { type: "button", class: "secondary", "aria-label": `Copy ${email}`, "data-copy": email }, "Copy");
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(email);
      status.textContent = "Copied";
    } catch {
      status.textContent = "Copying is not allowed here: select the address instead";
    }
  });
  return h("div", { class: "email" }, h("a", { href: `mailto:${email}`, "data-email": email }, email), button, status);
}
