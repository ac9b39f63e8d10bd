// Signed server context: the Worker evaluates the secret parts of conditions (company lists, geo) and
// hands the browser only their results, signed, so the variants endpoint can trust them later.
// Token: base64url(JSON claims) "." base64url(HMAC-SHA256(claims)).
import { memo } from "../cache/memo";

export interface ContextClaims {
  /** site key */
  s: string;
  /** the site's creation time: a token for a deleted site must not open the one created under its key */
  c: string;
  /** config version the references belong to */
  v: number;
  /** references that were true */
  t: string[];
  /** expiry, epoch seconds */
  e: number;
}

const enc = new TextEncoder();
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const unb64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));

// Importing a key costs more than the HMAC itself; there is one secret, or two while it is rotated.
const keys = memo<Promise<CryptoKey>>({ max: 4 });
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

export async function signContext(secret: string, claims: ContextClaims): Promise<string> {
  const body = b64url(enc.encode(JSON.stringify(claims)));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), enc.encode(body)));
  return `${body}.${b64url(sig)}`;
}

/** The claims if the token is authentic and unexpired, else null (never throws). */
export async function verifyContext(secret: string, token: string, nowSeconds: number): Promise<ContextClaims | null> {
  try {
    const [body, sig, extra] = token.split(".");
    if (!body || !sig || extra !== undefined) return null;
    const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), unb64url(sig), enc.encode(body));
    if (!ok) return null;
    const claims = JSON.parse(new TextDecoder().decode(unb64url(body))) as ContextClaims;
    if (typeof claims.e !== "number" || claims.e < nowSeconds || !Array.isArray(claims.t)) return null;
    return claims;
  } catch {
    return null;
  }
}
