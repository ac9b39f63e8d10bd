// Caps on calls to the IP-data provider, per site and overall, per minute: whoever can send requests
// must not be able to spend the operator's provider quota. Counted by the Workers rate-limiting binding
// (PROVIDER_CAP_SITE, PROVIDER_CAP_ALL in wrangler.toml, where the limits are configured), because a
// counter in one isolate caps nothing: every isolate has its own. Past a cap the waterfall goes on to
// the ASN step. In production the binding counts per Cloudflare location, approximately.
import type { Env } from "../env";
import { limiterOf } from "../net/limiter";

/** A copy of the caps in wrangler.toml, for the tests and the bench (a unit test keeps it equal; the bindings enforce them). */
export const PROVIDER_CAPS = {
  site: { binding: "PROVIDER_CAP_SITE", limit: 60, period: 60 },
  all: { binding: "PROVIDER_CAP_ALL", limit: 300, period: 60 },
} as const;

const WARN_EVERY_MS = 60_000;
let warnedAt = -Infinity;

function warn(now: number, what: string) {
  // At most once a minute per isolate: a tripped cap would otherwise log on every visit.
  if (now - warnedAt < WARN_EVERY_MS) return;
  warnedAt = now;
  console.warn(`facet: IP provider ${what}; company lookups fall back to the ASN step`);
}

/** Warns (rate-limited) and refuses the call. */
function refuse(now: number, what: string): false {
  warn(now, what);
  return false;
}

/** For tests: log the next cap event again. */
export function resetProviderCapWarning() {
  warnedAt = -Infinity;
}

/** Takes one provider call from both caps; false when either is spent (or missing: no cap, no calls). */
export async function takeProviderCall(env: Env, site: string, now = Date.now()): Promise<boolean> {
  const perSite = limiterOf(env, PROVIDER_CAPS.site.binding);
  const overall = limiterOf(env, PROVIDER_CAPS.all.binding);
  if (!perSite || !overall) return refuse(now, "caps are not configured (PROVIDER_CAP_SITE, PROVIDER_CAP_ALL)");
  try {
    // The site's own cap first: a site that is being flooded spends its cap, not everyone's.
    if (!(await perSite.limit({ key: `site:${site}` })).success) return refuse(now, "per-site cap reached");
    if (!(await overall.limit({ key: "all" })).success) return refuse(now, "overall cap reached");
    return true;
  } catch {
    return refuse(now, "cap could not be checked");
  }
}
