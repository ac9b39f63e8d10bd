// Who is calling the admin API, and what a role may do. Pure: the middleware in http/auth.ts finds the
// principal, routes ask `permits` through requireRole.
import type { Role } from "../schemas/admin";

export type Principal =
  /** The ADMIN_TOKEN secret: full access, never throttled (the way back in if every owner is locked out). */
  | { kind: "owner-token"; role: "owner" }
  | { kind: "session"; role: Role; userId: string; email: string; sessionHash: string; csrfToken: string }
  /** A per-site API token: its role, on its own site only. */
  | { kind: "site-token"; role: Role; tokenId: string; site: string };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export const atLeast = (have: Role, need: Role) => RANK[have] >= RANK[need];

/**
 * null when allowed, else why not. `site` is the site the request is about, or null for routes that
 * are not about one site (users, company ranges, the site list): site tokens never reach those.
 */
export function refusal(p: Principal, need: Role, site: string | null): "role" | "site" | null {
  if (p.kind === "site-token" && p.site !== site) return "site";
  return atLeast(p.role, need) ? null : "role";
}

/** How the audit log names the principal. */
export function actorOf(p: Principal): string {
  if (p.kind === "owner-token") return "owner-token";
  if (p.kind === "site-token") return `site-token:${p.tokenId}`;
  return `user:${p.userId} ${p.email}`;
}
