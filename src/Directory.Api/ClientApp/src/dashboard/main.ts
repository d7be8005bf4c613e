import "./dashboard.css";
import { destroyCharts } from "./charts";
import { currentRoute, type Route } from "./router";
import { currentViewer, decodeToken, describeRole, storeToken, type Viewer } from "./token";
import { renderContacts } from "./views/contacts";
import { renderMap } from "./views/map";
import { renderContracts } from "./views/contracts";
import { renderFunding } from "./views/funding";
import { renderPartnerships } from "./views/partnerships";
import { renderNationalList } from "./views/nationalList";
import { renderNational } from "./views/national";
import { renderOrganisation } from "./views/organisation";
import { renderOrganisations } from "./views/organisations";
import { renderWhoCommissions } from "./views/whoCommissions";
import { h } from "./dom";
import { concerns, watchChanges } from "./live";

const main = document.getElementById("main") as HTMLElement;
let renderGeneration = 0;

function showViewer(viewer: Viewer): void {
  const roleElement = document.querySelector<HTMLElement>("[data-viewer-role]");
  const orgElement = document.querySelector<HTMLElement>("[data-viewer-org]");
  const description = document.querySelector<HTMLElement>("[data-viewer-description]");
  const signOut = document.querySelector<HTMLButtonElement>("[data-sign-out]");
  const signIn = document.querySelector<HTMLDetailsElement>("[data-sign-in]");
  const myOrganisation = document.querySelector<HTMLElement>("[data-nav-item=my-organisation]");
  document.body.dataset["role"] = viewer.role;
  if (roleElement) roleElement.textContent = viewer.role;
  if (orgElement) orgElement.textContent = viewer.organisation ? `of ${viewer.organisation}` : "";
  if (description) {
    const expiry = viewer.expiresAt ? ` The token expires ${viewer.expiresAt.toLocaleString("en-GB")}.` : "";
    description.textContent = describeRole(viewer.role) + expiry;
  }
  if (signOut) signOut.hidden = !viewer.token;
  if (signIn) {
    signIn.hidden = !!viewer.token;
    signIn.open = false;
  }
  if (myOrganisation) {
    myOrganisation.hidden = !viewer.organisation;
    const link = myOrganisation.querySelector("a");
    if (link && viewer.organisation) link.setAttribute("href", `#/organisation/${encodeURIComponent(viewer.organisation)}`);
  }
}

function markCurrentNav(route: Route): void {
  const section = route.segments[0] ?? "";
  const current = section === "" ? "national" : section === "organisation" ? "organisations" : section;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("[data-nav]")) {
    if (link.dataset["nav"] === current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function render(moveFocus: boolean): Promise<void> {
  const generation = ++renderGeneration;
  const route = currentRoute();
  const viewer = currentViewer();
  destroyCharts();
  main.replaceChildren();
  main.dataset["ready"] = "false";
  main.dataset["view"] = route.segments[0] ?? "national";
  markCurrentNav(route);
  document.title = "Commissioning Directory";

  const view = h("div", { class: "view" });
  main.append(view);
  const [section, argument] = route.segments;
  const done = (() => {
    switch (section) {
      case undefined:
        return renderNational(view, route);
      case "organisation":
        return argument ? renderOrganisation(view, route, argument, viewer) : renderOrganisations(view, route);
      case "organisations":
        return renderOrganisations(view, route);
      case "contacts":
        return renderContacts(view, route, viewer);
      case "national-list":
        return renderNationalList(view, route, viewer);
      case "map":
        return renderMap(view, route);
      case "who-commissions":
        return renderWhoCommissions(view, route, viewer);
      case "contracts":
        return renderContracts(view, route);
      case "partnerships":
        return renderPartnerships(view, route);
      case "funding":
        return renderFunding(view, route);
      default:
        view.append(h("h1", { tabindex: -1 }, "Page not found"),
          h("p", {}, "There is no such page. ", h("a", { href: "#/" }, "Go to the national picture"), "."));
        return Promise.resolve();
    }
  })();
  // Keyboard and screen-reader users land on the new view's heading, as after a page load.
  if (moveFocus) view.querySelector<HTMLElement>("h1")?.focus();
  await done;
  if (generation === renderGeneration) main.dataset["ready"] = "true";
}

function wireSignIn(): void {
  const form = document.querySelector<HTMLFormElement>("[data-form=sign-in]");
  const error = document.querySelector<HTMLElement>("[data-sign-in-error]");
  form?.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = String(new FormData(form).get("token") ?? "").trim();
    try {
      const viewer = decodeToken(token);
      storeToken(token);
      form.reset();
      if (error) error.hidden = true;
      showViewer(viewer);
      void render(true);
      watchChanges(refreshOnChange);
    } catch (problem) {
      if (error) {
        error.textContent = problem instanceof Error ? problem.message : String(problem);
        error.hidden = false;
      }
    }
  });
  document.querySelector<HTMLButtonElement>("[data-sign-out]")?.addEventListener("click", () => {
    storeToken(null);
    showViewer(currentViewer());
    void render(true);
    watchChanges(refreshOnChange);
  });
}

// A change to what the open view shows refreshes it — at most once a second, and never under the user's hands (while
// they are typing in one of the view's fields).
let refreshPending: number | undefined;
function refreshOnChange(change: Parameters<Parameters<typeof watchChanges>[0]>[0]): void {
  if (!concerns(change, currentRoute().segments) || refreshPending !== undefined) return;
  refreshPending = window.setTimeout(() => {
    refreshPending = undefined;
    if (main.contains(document.activeElement) && document.activeElement?.matches("input, select, textarea")) return;
    void render(false);
  }, 1000);
}

// The skip link must not touch the hash (the router owns it): it only moves focus to the main content.
document.querySelector<HTMLAnchorElement>("[data-skip-link]")?.addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener("hashchange", () => void render(true));
wireSignIn();
showViewer(currentViewer());
void render(false);
watchChanges(refreshOnChange);
