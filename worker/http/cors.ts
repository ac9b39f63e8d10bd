// CORS for the public endpoints: a site's content is readable only from the origins its admin allowed.
// A request without Origin is not a cross-origin browser read (curl, same-origin GET) and passes.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

/**
 * Makes the error about to be thrown readable by any requesting page, so the snippet can warn with the
 * Worker's own message instead of an opaque CORS failure. Safe: only the error envelope is exposed (the
 * same answer anyone gets without an Origin header), never site data, and credentials are not allowed.
 */
export function exposeError(c: Context): void {
  c.header("Vary", "Origin", { append: true });
  const origin = c.req.header("origin");
  if (origin) c.header("Access-Control-Allow-Origin", origin);
}

export function allowOrigin(c: Context, origins: readonly string[]): void {
  const origin = c.req.header("origin");
  exposeError(c);
  if (!origin) return;
  if (!origins.includes(origin) && !origins.includes("*")) {
    throw new ApiError(403, "origin_not_allowed", `Origin ${origin} is not allowed for site "${c.req.param("site")}"`);
  }
  c.header("Access-Control-Max-Age", "86400");
}

export function preflight(c: Context<AppEnv>, origins: readonly string[]): Response {
  allowOrigin(c, origins);
  c.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  // The dev-only simulation header (worker/visitor/simulate.ts), sent by cross-origin test pages.
  c.header("Access-Control-Allow-Headers", c.env.FACET_DEV === "true" ? "Content-Type, X-Facet-Simulate" : "Content-Type");
  return c.body(null, 204);
}
