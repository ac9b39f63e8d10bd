// Step 2 of the company waterfall: an external IP-data provider speaking IPinfo's API shape
// (GET {IPINFO_URL}/{ip} with Authorization: Bearer <token> → { ip, company?: {name, domain, type}, asn?: {asn, name, domain, type},
// privacy?: {vpn, proxy, tor, relay, hosting} }). Short timeout; answers cached for a day without a KV
// write per visitor: in the isolate and in the Workers Cache API, keyed by a salted hash of the IP's
// network (an IPv6 /64 is one key, or one host could ask with 2^64 fresh addresses). Calls are capped
// per site and overall (provider-cap.ts). Any failure (timeout, HTTP error, garbage) returns null so the
// waterfall moves on.
import type { Env } from "../env";
import { memo } from "../cache/memo";
import { networkKey } from "../net/ip-key";
import { fromIpinfo, type ProviderCompany } from "./ipinfo";
import { takeProviderCall } from "./provider-cap";

const DAY_SECONDS = 86_400;
const DEFAULT_TIMEOUT_MS = 300;
/** After a failure the provider is skipped this long in this isolate: a down provider must not add its timeout to every visit. */
const BACKOFF_MS = 30_000;
const MAX_ENTRIES = 10_000;

const memory = memo<ProviderCompany | null>({ max: MAX_ENTRIES, ttlMs: DAY_SECONDS * 1000 });
const inflight = new Map<string, Promise<ProviderCompany | null>>();
let backoffUntil = 0;

/** For tests: forget the isolate's answers and back-off. */
export function resetProviderMemory() {
  memory.clear();
  inflight.clear();
  backoffUntil = 0;
}

/** The provider's answer for `ip`, asked on behalf of `site` (whose cap the call counts against). */
export async function lookupProvider(env: Env, ip: string, site: string, now = Date.now()): Promise<ProviderCompany | null> {
  const token = env.IPINFO_TOKEN;
  if (!token) return null;
  // Keyed by the network's canonical form: ::ffff:a.b.c.d and a.b.c.d share one answer, and so do all
  // the addresses of one IPv6 /64 (the provider's answer is about the network's owner anyway).
  const key = await networkKey(env, ip, "ipinfo");
  const hit = memory.get(key, now);
  if (hit !== undefined) return hit;
  const timeoutMs = Number(env.IPINFO_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  // Visitors of one network arriving together share the first one's lookup: a burst from one /64 on a
  // cold cache is one call, not one per request. The lookup belongs to another request, which could end
  // before it settles, so a follower waits no longer than the provider's timeout.
  const pending = inflight.get(key);
  if (pending) return Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), timeoutMs + 50))]);
  const lookup = ask(env, ip, site, key, token, timeoutMs, now).finally(() => inflight.delete(key));
  inflight.set(key, lookup);
  return lookup;
}

async function ask(
  env: Env,
  ip: string,
  site: string,
  key: string,
  token: string,
  timeoutMs: number,
  now: number,
): Promise<ProviderCompany | null> {
  const cacheUrl = `https://facet-cache.internal/ipinfo/${key}`;
  const cache = typeof caches !== "undefined" ? caches.default : undefined;
  const cached = await cache?.match(cacheUrl).catch(() => undefined);
  if (cached) {
    const value = (await cached.json()) as ProviderCompany | null;
    remember(key, value, now);
    return value;
  }
  if (now < backoffUntil) return null;
  if (!(await takeProviderCall(env, site, now))) return null;
  try {
    const base = (env.IPINFO_URL || "https://ipinfo.io").replace(/\/+$/, "");
    // The token travels in a header, never in a URL that could end up in a log.
    const res = await fetch(`${base}/${encodeURIComponent(ip)}`, {
      headers: { accept: "application/json", authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) {
      // A 4xx about this address is an answer: nothing known. A bad token (401/403), a rate limit (429)
      // or a 5xx is an outage: back off.
      if (res.status >= 400 && res.status < 500 && ![401, 403, 429].includes(res.status)) {
        remember(key, null, now);
        return null;
      }
      throw new Error(`HTTP ${res.status}`);
    }
    const value = fromIpinfo(await res.json());
    remember(key, value, now);
    await cache
      ?.put(
        cacheUrl,
        new Response(JSON.stringify(value), { headers: { "content-type": "application/json", "cache-control": `max-age=${DAY_SECONDS}` } }),
      )
      .catch(() => {});
    return value;
  } catch (err) {
    backoffUntil = now + BACKOFF_MS;
    // The kind of failure only: a message could hold the URL, and so the visitor's IP.
    console.warn(
      "facet: IP provider skipped:",
      err instanceof Error ? (/^HTTP \d{3}$/.test(err.message) ? err.message : err.name) : "error",
    );
    return null;
  }
}

function remember(key: string, value: ProviderCompany | null, now: number) {
  memory.set(key, value, now);
}
