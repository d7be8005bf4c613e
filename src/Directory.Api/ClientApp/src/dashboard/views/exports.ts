import { authorizationHeaders } from "../api";
import { h } from "../dom";
import { saveBlob } from "../download";
import type { Viewer } from "../token";
import { labelledInput } from "./common";

/** What an export panel exports: the list, the filter parameters of the current view, and a sentence saying so. */
export interface ExportOptions {
  list: "contacts" | "national-contact-list";
  params: Record<string, string>;
  description: string;
  viewer: Viewer;
}

/**
 * Export buttons: they call the audited export endpoints with the bearer token (so a plain link would not do),
 * the current view's filter, and the purpose the user states (recorded in the audit log), then save the file.
 */
export function exportPanel({ list, params, description, viewer }: ExportOptions): HTMLElement {
  if (!viewer.token) {
    return h("section", { class: "panel", "aria-labelledby": "export-heading", "data-section": "export" },
      h("h2", { id: "export-heading" }, "Export"),
      h("p", { class: "hint" }, "Exports are audited and need a signed-in user: paste a token under “Sign in” first."));
  }
  const status = h("p", { class: "hint", role: "status", "data-export-status": "" });
  const form = h("form", { class: "filters", "data-form": "export" },
    labelledInput("Purpose of the export (recorded in the audit log)", "purpose", "", { required: "", maxlength: "500" }),
    h("button", { type: "submit", name: "format", value: "csv" }, "Export CSV"),
    h("button", { type: "submit", name: "format", value: "xlsx" }, "Export XLSX"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const format = submitter?.value === "xlsx" ? "xlsx" : "csv";
    const purpose = String(new FormData(form).get("purpose") ?? "").trim();
    void download(list, format, purpose, params, status);
  });
  return h("section", { class: "panel", "aria-labelledby": "export-heading", "data-section": "export" },
    h("h2", { id: "export-heading" }, "Export"),
    h("p", { class: "hint" }, description),
    form, status);
}

async function download(
  list: ExportOptions["list"], format: "csv" | "xlsx", purpose: string, params: Record<string, string>, status: HTMLElement,
): Promise<void> {
  const query = new URLSearchParams({ purpose, ...params });
  status.textContent = `Preparing the ${format.toUpperCase()} export…`;
  try {
    const response = await fetch(`/exports/${list}.${format}?${query.toString()}`, { headers: authorizationHeaders() });
    if (!response.ok) {
      const detail = await problemDetail(response);
      status.textContent = `The export was refused: HTTP ${response.status}${detail ? ` — ${detail}` : ""}.`;
      status.setAttribute("role", "alert");
      return;
    }
    const blob = await response.blob();
    const name = fileName(response.headers.get("Content-Disposition")) ?? `${list}.${format}`;
    saveBlob(blob, name);
    status.setAttribute("role", "status");
    status.textContent = `Downloaded ${name}.`;
  } catch (error) {
    status.textContent = `The export failed: ${String(error)}.`;
    status.setAttribute("role", "alert");
  }
}

async function problemDetail(response: Response): Promise<string | null> {
  try {
    const text = await response.text();
    if (!text) return null;
    const json = JSON.parse(text) as { detail?: string; title?: string; errors?: { message: string }[] };
    return json.detail ?? json.title ?? json.errors?.map((e) => e.message).join(" ") ?? null;
  } catch {
    return null;
  }
}

function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
