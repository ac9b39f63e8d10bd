// Authentication for the admin API. Three ways in:
//   Authorization: Bearer <ADMIN_TOKEN>   the owner's token (full access, scripts, the way back in)
//   Authorization: Bearer fct_…           a per-site API token (its role, its site only)
//   Cookie: facet_session=…               a login session; state changes also need X-CSRF-Token
// The principal is set on the context; every route then states the role it needs with requireRole.
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { getApiTokenByHash, touchApiToken } from "../db/api-tokens";
import { deleteSession, getSession, touchSession } from "../db/sessions";
import { refusal, type Principal } from "../auth/principal";
import { sameSecret, sha256Hex } from "../auth/secrets";
import { SESSION_COOKIE, sessionExpired, TOUCH_EVERY_MS } from "../auth/session-policy";
import type { Role } from "../schemas/admin";
import { ApiError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function unauthorized(c: Context, message = "Log in, or send an API token as Authorization: Bearer <token>"): ApiError {
  c.header("WWW-Authenticate", 'Bearer realm="facet-admin"');
  return new ApiError(401, "unauthorized", message);
}

async function bearerPrincipal(c: Context<AppEnv>, header: string): Promise<Principal> {
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (token?.startsWith("fct_")) {
    const found = await getApiTokenByHash(c.env.DB, await sha256Hex(token));
    if (!found) throw unauthorized(c, "This API token is not valid (revoked, or never issued); send a valid Bearer token");
    const now = Date.now();
    if (found.lastUsedMs === null || now - found.lastUsedMs > TOUCH_EVERY_MS) await touchApiToken(c.env.DB, found.id, now);
    return { kind: "site-token", role: found.role, tokenId: found.id, site: found.site };
  }
  const expected = c.env.ADMIN_TOKEN;
  if (!expected || expected.length < 16) {
    throw new ApiError(503, "admin_not_configured", "The owner token is disabled until an ADMIN_TOKEN secret of 16+ characters is set");
  }
  if (!token || !(await sameSecret(token, expected))) throw unauthorized(c, "Send a valid token as Authorization: Bearer <token>");
  return { kind: "owner-token", role: "owner" };
}

async function sessionPrincipal(c: Context<AppEnv>, cookie: string): Promise<Principal> {
  const hash = await sha256Hex(cookie);
  const session = await getSession(c.env.DB, hash);
  const now = Date.now();
  if (!session) throw unauthorized(c, "Your session has ended; log in again (or send an API token as Authorization: Bearer <token>)");
  if (sessionExpired(session, now)) {
    await deleteSession(c.env.DB, hash);
    throw unauthorized(c, "Your session has expired; log in again (or send an API token as Authorization: Bearer <token>)");
  }
  // Cookies ride along on requests other sites trigger; a header they cannot read or set proves the page is ours.
  if (!SAFE_METHODS.has(c.req.method) && !(await sameSecret(c.req.header("x-csrf-token") ?? "", session.csrfToken))) {
    throw new ApiError(403, "csrf_failed", "Send the session's CSRF token (from login or GET /admin/api/me) in the X-CSRF-Token header");
  }
  if (now - session.lastSeenAt > TOUCH_EVERY_MS) await touchSession(c.env.DB, hash, now);
  return {
    kind: "session",
    role: session.role,
    userId: session.userId,
    email: session.email,
    sessionHash: hash,
    csrfToken: session.csrfToken,
  };
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  const cookie = getCookie(c, SESSION_COOKIE);
  // A bearer token wins over a cookie: a script's request is about the token, not a browser login.
  const principal = header !== undefined ? await bearerPrincipal(c, header) : cookie ? await sessionPrincipal(c, cookie) : null;
  if (!principal) throw unauthorized(c);
  c.set("principal", principal);
  await next();
});

/** Marks the guards so a test can check, from the route table, that every admin route has one. */
export const ROLE_GUARD = Symbol("facet.requireRole");

/** The least role a route needs; site-scoped routes also check a site token's site (the :site param). */
export function requireRole(need: Role) {
  const guard = createMiddleware<AppEnv>(async (c, next) => {
    assertAllowed(c, need, c.req.param("site") ?? null);
    await next();
  });
  return Object.assign(guard, { [ROLE_GUARD]: need });
}

/** For routes whose site comes from elsewhere (a query): the same check as requireRole. */
export function assertAllowed(c: Context<AppEnv>, need: Role, site: string | null): void {
  const why = refusal(c.get("principal"), need, site);
  if (why === "site")
    throw new ApiError(
      403,
      "forbidden",
      site
        ? `This API token is limited to another site, not "${site}"`
        : "API tokens are limited to their site; this route needs a login or the owner token",
    );
  if (why === "role") throw new ApiError(403, "forbidden", `This needs the ${need} role; you are ${c.get("principal").role}`);
}
