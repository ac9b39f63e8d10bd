// Which requests edge mode answers. The Worker is given the site's hostnames with a `routes` entry in
// wrangler.toml; FACET_EDGE maps each hostname to the Facet site whose published config applies there and,
// optionally, the origin to fetch from (without one, the request goes on to the zone's own origin, as a
// Worker's fetch of its own route does). In dev, edge.localhost is the demo page seen through edge mode.
import type { Env } from "../env";

export interface EdgeRoute {
  site: string;
  /** Base URL of the origin; absent: the request's own URL, i.e. the zone's origin. */
  origin?: string;
}

const SITE_KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;
let parsed: { source: string; routes: Map<string, EdgeRoute> } | undefined;

/** FACET_EDGE as a map from hostname; a malformed value is refused whole, said once. */
export function parseEdgeRoutes(source: string): Map<string, EdgeRoute> {
  const routes = new Map<string, EdgeRoute>();
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch {
    raw = null;
  }
  if (typeof raw != "object" || raw === null || Array.isArray(raw))
    throw new Error("FACET_EDGE must be a JSON object of hostname → { site, origin? }");
  for (const [host, r] of Object.entries(raw as Record<string, { site?: unknown; origin?: unknown }>)) {
    const origin = r?.origin;
    if (
      typeof r?.site != "string" ||
      !SITE_KEY.test(r.site) ||
      (origin !== undefined && (typeof origin != "string" || !/^https?:\/\/[^/]+\/?$/.test(origin)))
    ) {
      throw new Error(`FACET_EDGE["${host}"] must be { "site": "<site key>", "origin"?: "https://host" }`);
    }
    routes.set(host.toLowerCase(), { site: r.site, origin: (origin as string | undefined)?.replace(/\/$/, "") });
  }
  return routes;
}

export function edgeRoute(env: Env, url: URL): EdgeRoute | null {
  if (env.FACET_DEV === "true" && url.hostname == "edge.localhost") return { site: "demo", origin: `http://127.0.0.1:${url.port || 80}` };
  const source = env.FACET_EDGE;
  if (!source) return null;
  if (parsed?.source !== source) {
    try {
      parsed = { source, routes: parseEdgeRoutes(source) };
    } catch (e) {
      console.error(`facet: ${(e as Error).message}; edge mode is off`);
      parsed = { source, routes: new Map() };
    }
  }
  return parsed.routes.get(url.hostname) ?? null;
}
