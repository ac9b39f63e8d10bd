// Random tokens and their stored form: a secret is handed out once and kept only as its SHA-256 digest,
// so a copy of the database opens no session, invite or API token.
const enc = new TextEncoder();

export const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

export const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** 32 random bytes, base64url, with an optional readable prefix (e.g. fct_ for API tokens). */
export const randomToken = (prefix = "") => prefix + b64url(crypto.getRandomValues(new Uint8Array(32)));

export async function sha256Hex(value: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(value))));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}

/** Constant-time string comparison (digests first, so lengths don't leak either). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/** A short random id with a readable prefix, e.g. usr-k3v9x2q1. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${[...bytes].map((b) => (b % 36).toString(36)).join("")}`;
}
