// Step 2 of the company waterfall: an external IP-data provider speaking IPinfo's API shape
// (GET {IPINFO_URL}/{ip} with Authorization: Bearer <token> → { ip, company?: {name, domain, type}, asn?: {asn, name, domain, type},
// privacy?: {vpn, proxy, tor, relay, hosting} }). Short timeout; answers cached for a day without a KV
// write per visitor: in the isolate and in the Workers Cache API, keyed by a salted hash of the IP.
// Any failure (timeout, HTTP error, garbage) returns null so the waterfall moves on.
import type { Env } from "../env";
import { ipToHex } from "../net/ip";
import { fromIpinfo, type ProviderCompany } from "./ipinfo";

const DAY_SECONDS = 86_400;
const DEFAULT_TIMEOUT_MS = 300;
/** After a failure the provider is skipped this long in this isolate: a down provider must not add its timeout to every visit. */
const BACKOFF_MS = 30_000;
const MAX_ENTRIES = 10_000;

const memory = new Map<string, { at: number; value: ProviderCompany | null }>();
let backoffUntil = 0;

async function cacheKey(salt: string, ip: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${salt}|${ip}`));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** For tests: forget the isolate's answers and back-off. */
export function resetProviderMemory() {
  memory.clear();
  backoffUntil = 0;
}

export async function lookupProvider(env: Env, ip: string, now = Date.now()): Promise<ProviderCompany | null> {
  const token = env.IPINFO_TOKEN;
  if (!token) return null;
  // Keyed by the address's canonical form, so ::ffff:a.b.c.d and a.b.c.d share one answer.
  const key = await cacheKey(env.IP_HASH_SALT || env.SIGNING_SECRET || "facet", ipToHex(ip) ?? ip);
  const hit = memory.get(key);
  if (hit && now - hit.at < DAY_SECONDS * 1000) return hit.value;
  const cacheUrl = `https://facet-cache.internal/ipinfo/${key}`;
  const cache = typeof caches !== "undefined" ? caches.default : undefined;
  const cached = await cache?.match(cacheUrl).catch(() => undefined);
  if (cached) {
    const value = (await cached.json()) as ProviderCompany | null;
    remember(key, value, now);
    return value;
  }
  if (now < backoffUntil) return null;
  try {
    const base = (env.IPINFO_URL || "https://ipinfo.io").replace(/\/+$/, "");
    // The token travels in a header, never in a URL that could end up in a log.
    const res = await fetch(`${base}/${encodeURIComponent(ip)}`, {
      headers: { accept: "application/json", authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(Number(env.IPINFO_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS),
    });
    if (!res.ok) {
      // A 4xx about this address is an answer: nothing known. A bad token (401/403), a rate limit (429)
      // or a 5xx is an outage: back off.
      if (res.status >= 400 && res.status < 500 && ![401, 403, 429].includes(res.status)) return remember(key, null, now), null;
      throw new Error(`HTTP ${res.status}`);
    }
    const value = fromIpinfo(await res.json());
    remember(key, value, now);
    await cache
      ?.put(cacheUrl, new Response(JSON.stringify(value), { headers: { "content-type": "application/json", "cache-control": `max-age=${DAY_SECONDS}` } }))
      .catch(() => {});
    return value;
  } catch (err) {
    backoffUntil = now + BACKOFF_MS;
    // The kind of failure only: a message could hold the URL, and so the visitor's IP.
    console.warn("facet: IP provider skipped:", err instanceof Error ? (/^HTTP \d{3}$/.test(err.message) ? err.message : err.name) : "error");
    return null;
  }
}

function remember(key: string, value: ProviderCompany | null, now: number) {
  if (memory.size >= MAX_ENTRIES) memory.delete(memory.keys().next().value!);
  memory.set(key, { at: now, value });
}
