// Signed, expiring preview and editor links: base64url(JSON claims) "." base64url(HMAC-SHA256).
// The MAC covers "facet-link." + claims, so a link can never pass as a visitor context token (which is
// signed with the same SIGNING_SECRET over the bare claims) nor the other way round.
import * as z from "../schemas/zod";
import { b64url } from "./secrets";

export const LINK_TTL_MS = 60 * 60_000;

export const linkClaims = z.object({
  k: z.enum(["preview", "editor"]),
  /** site key */
  s: z.string(),
  /** experience id */
  x: z.string(),
  /** segment id (preview links) */
  g: z.optional(z.string()),
  /** expiry, epoch ms */
  e: z.number(),
  /** the admin's origin, where the editor sends picks (postMessage target); absent in links made before it existed */
  o: z.optional(z.string()),
});
export type LinkClaims = z.infer<typeof linkClaims>;

export class LinkRefused extends Error {
  constructor(readonly reason: "invalid" | "expired") {
    super(reason === "expired" ? "link expired" : "link invalid");
  }
}

const enc = new TextEncoder();
const unb64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
const key = (secret: string) =>
  crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);

export async function signLink(secret: string, claims: LinkClaims): Promise<string> {
  const body = b64url(enc.encode(JSON.stringify(claims)));
  return `${body}.${b64url(new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), enc.encode(`facet-link.${body}`))))}`;
}

/** The claims of an authentic, unexpired link; throws LinkRefused otherwise. */
export async function verifyLink(secret: string, token: string, now: number): Promise<LinkClaims> {
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) throw new LinkRefused("invalid");
  let claims: LinkClaims;
  try {
    if (!(await crypto.subtle.verify("HMAC", await key(secret), unb64url(sig), enc.encode(`facet-link.${body}`))))
      throw new LinkRefused("invalid");
    claims = linkClaims.parse(JSON.parse(new TextDecoder().decode(unb64url(body))));
  } catch {
    throw new LinkRefused("invalid");
  }
  if (claims.e <= now) throw new LinkRefused("expired");
  return claims;
}
