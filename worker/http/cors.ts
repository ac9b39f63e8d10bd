// CORS for the public endpoints: a site's content is readable only from the origins its admin allowed.
// A request without Origin is not a cross-origin browser read (curl, same-origin GET) and passes.
import type { Context } from "hono";
import { ApiError } from "./errors";

export function allowOrigin(c: Context, origins: readonly string[]): void {
  c.header("Vary", "Origin", { append: true });
  const origin = c.req.header("origin");
  if (!origin) return;
  if (!origins.includes(origin) && !origins.includes("*")) {
    throw new ApiError(403, "origin_not_allowed", `Origin ${origin} is not among this site's allowed origins`);
  }
  c.header("Access-Control-Allow-Origin", origin);
  c.header("Access-Control-Max-Age", "86400");
}

export function preflight(c: Context, origins: readonly string[]): Response {
  allowOrigin(c, origins);
  c.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  c.header("Access-Control-Allow-Headers", "Content-Type");
  return c.body(null, 204);
}
