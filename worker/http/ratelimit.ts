// Rate limits on the public endpoints (SPEC §7), counted by the Workers rate-limiting binding: one
// binding per endpoint in wrangler.toml, where the limits are configured. A client is its network (IPv4
// address or IPv6 /64) and the site, as a salted hash: never a raw IP. Checked before any KV read, so a
// flood costs no storage reads. In production the binding counts per Cloudflare location, approximately.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env";
import { networkKey } from "../net/ip-key";
import { limiterOf } from "../net/limiter";
import { errorResponse } from "./errors";

type LimitBinding = "LIMIT_SNIPPET" | "LIMIT_CONFIG" | "LIMIT_CONTEXT" | "LIMIT_VARIANTS";

/**
 * Endpoint → its binding, and a copy of the binding's `limit` and `period` (seconds) in wrangler.toml: the
 * binding enforces the limit; the copy gives Retry-After and the tests, and a unit test keeps it equal.
 */
export const PUBLIC_LIMITS: Record<
  "snippet" | "config" | "context" | "variants",
  { binding: LimitBinding; limit: number; period: 10 | 60 }
> = {
  snippet: { binding: "LIMIT_SNIPPET", limit: 600, period: 60 },
  config: { binding: "LIMIT_CONFIG", limit: 600, period: 60 },
  context: { binding: "LIMIT_CONTEXT", limit: 120, period: 60 },
  variants: { binding: "LIMIT_VARIANTS", limit: 600, period: 60 },
};

/** Which limit a public path counts against: /facet.js, or /v1/sites/:site/<endpoint> (others count as config). */
export function endpointOf(path: string): keyof typeof PUBLIC_LIMITS {
  if (path === "/facet.js") return "snippet";
  const endpoint = path.split("/")[4];
  return endpoint === "context" || endpoint === "variants" ? endpoint : "config";
}

/**
 * Load tests need limits out of the way, but a deployed Worker must never lose them by one stray
 * variable: FACET_RATE_LIMITS=off counts only together with FACET_DEV=true, which a deployed Worker never sets.
 */
export const limitsOff = (env: Env) => env.FACET_DEV === "true" && env.FACET_RATE_LIMITS === "off";

export const publicRateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const endpoint = endpointOf(c.req.path);
  const { binding, period } = PUBLIC_LIMITS[endpoint];
  const limiter = limiterOf(c.env, binding);
  if (limiter && !limitsOff(c.env)) {
    const site = c.req.param("site") ?? "";
    // Preflights are counted apart, so a browser's OPTIONS does not halve the GET's allowance.
    const key = await networkKey(c.env, c.req.header("cf-connecting-ip") ?? null, site, c.req.method === "OPTIONS" ? "preflight" : "");
    // A limiter that fails lets the request through: the limit protects the service, it is not the service.
    const outcome = await limiter.limit({ key }).catch(() => ({ success: true }));
    if (!outcome.success) return tooManyRequests(c, endpoint, period);
  }
  await next();
};

function tooManyRequests(c: Context<AppEnv>, endpoint: string, period: number): Response {
  c.header("Retry-After", String(period));
  // Readable from any page (the snippet logs why it shows original content): the answer names no site
  // data, and the snippet fetches without credentials, so "*" is enough and needs no KV read.
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Access-Control-Expose-Headers", "Retry-After");
  c.header("Cache-Control", "no-store");
  return errorResponse(c, 429, "rate_limited", `Too many ${endpoint} requests from this network; retry after ${period} seconds`);
}
