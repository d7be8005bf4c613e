// Live updates: the dashboard listens for committed changes (Subscription.directoryChanged) over GraphQL over SSE in
// distinct connections mode — one POST with `Accept: text/event-stream`, read with fetch because EventSource cannot
// send the Authorization header — and asks the open view to refresh when a change concerns it.
import { authorizationHeaders, GRAPHQL_ENDPOINT } from "./api";

const CHANGES = /* GraphQL */ `subscription DashboardChanges { directoryChanged { kind action id } }`;

export interface Change {
  kind: string;
  action: string;
  id: string;
}

let listening: AbortController | null = null;

/**
 * Listens from now on (again, with the current token, when called again). `onChange` gets each change, and null after
 * a reconnection: changes may have been missed while the connection was down, so the view should be read again.
 */
export function watchChanges(onChange: (change: Change | null) => void): void {
  listening?.abort();
  const controller = new AbortController();
  listening = controller;
  void listen(controller.signal, onChange);
}

async function listen(signal: AbortSignal, onChange: (change: Change | null) => void): Promise<void> {
  let delay = 1000;
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      // Sent with its hash, so a service that accepts only its trusted documents accepts this one.
      const sha256Hash = PERSISTED_OPERATION_HASHES[CHANGES];
      const response = await fetch(GRAPHQL_ENDPOINT, {
        method: "POST",
        signal,
        headers: { "Content-Type": "application/json", Accept: "text/event-stream", ...authorizationHeaders() },
        body: JSON.stringify({ query: CHANGES, extensions: sha256Hash ? { persistedQuery: { version: 1, sha256Hash } } : undefined }),
      });
      if (response.ok && response.body) {
        if (attempt > 0) onChange(null);
        delay = 1000;
        await readEvents(response.body, onChange);
      }
    } catch {
      if (signal.aborted) return;
    }
    // The stream ended (the token expired, the service restarted) or could not open: try again, less and less often.
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30000);
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, onChange: (change: Change | null) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const message = buffer.slice(0, end).split("\n");
      buffer = buffer.slice(end + 2);
      const data = message.find((line) => line.startsWith("data: "))?.slice(6);
      if (message.includes("event: next") && data) {
        const change = (JSON.parse(data) as { data?: { directoryChanged?: Change } }).data?.directoryChanged;
        if (change) onChange(change);
      }
    }
  }
}

/** Whether a change may alter the view at this route (the organisation page: that organisation or anything of it). */
export function concerns(change: Change | null, segments: string[]): boolean {
  const [section, code] = segments;
  // After a reconnection changes may have been missed: refresh, except the national picture (see below).
  if (change === null) return section !== undefined;
  if (section === "organisation" && code) {
    return change.kind !== "ORGANISATION" || change.id === btoa(`Organisation:${code}`);
  }
  if (section === "contacts" || section === "national-list") return change.kind === "CONTACT" || change.kind === "ORGANISATION";
  // The national picture's figures come from survey responses and organisations; redrawing its thirteen charts for
  // any other change would only move them under the reader's pointer (and under a download in progress).
  if (section === undefined) return change.kind === "RESPONSE" || change.kind === "ORGANISATION";
  return true;
}
