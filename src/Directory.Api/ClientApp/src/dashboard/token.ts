// Development sign-in: a JWT pasted by the user, kept for the browser tab only (sessionStorage), sent as a bearer
// token. The payload is decoded here for display alone; the server verifies the token and enforces every rule.
export const TOKEN_STORAGE_KEY = "directory.token";

export type Role = "commissioner-office" | "partner" | "government" | "voluntary-sector" | "anonymous";

export interface Viewer {
  role: Role | string;
  organisation: string | null;
  subject: string | null;
  expiresAt: Date | null;
  token: string | null;
}

export const anonymousViewer: Viewer = {
  role: "anonymous",
  organisation: null,
  subject: null,
  expiresAt: null,
  token: null,
};

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  else sessionStorage.removeItem(TOKEN_STORAGE_KEY);
}

/** Reads a JWT's payload without verifying it; throws when the text is not a JWT. */
export function decodeToken(token: string): Viewer {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || !parts[1]) {
    throw new Error("This is not a JSON Web Token (expected three parts separated by dots).");
  }
  let payload: Record<string, unknown>;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    throw new Error("The token's payload is not readable JSON.");
  }
  const role = firstString(payload["role"] ?? payload["roles"] ??
    payload["http://schemas.microsoft.com/ws/2008/06/identity/claims/role"]);
  return {
    role: role ?? "anonymous",
    organisation: firstString(payload["org"]),
    subject: firstString(payload["sub"] ?? payload["name"]),
    expiresAt: typeof payload["exp"] === "number" ? new Date(payload["exp"] * 1000) : null,
    token: token.trim(),
  };
}

export function currentViewer(): Viewer {
  const token = storedToken();
  if (!token) return anonymousViewer;
  try {
    return decodeToken(token);
  } catch {
    storeToken(null);
    return anonymousViewer;
  }
}

function firstString(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return null;
}

const roleDescriptions: Record<string, string> = {
  "commissioner-office": "The Domestic Abuse Commissioner's office: every contact and every aggregate.",
  partner: "A partner organisation: the contacts that consented to sharing with partners, and your own organisation's.",
  government: "A government department: contacts that consented to sharing with government.",
  "voluntary-sector": "A voluntary-sector organisation: contacts that consented to sharing with the voluntary sector.",
  anonymous: "Not signed in: public information only (organisations, partnerships, contracts and the national aggregates).",
};

export function describeRole(role: string): string {
  return roleDescriptions[role] ?? `Role “${role}”: the server decides what this role may see.`;
}
