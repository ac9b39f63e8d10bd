// Where the company range index lives in KV (ranges.ts builds and reads it), and how a replaced one is
// retired rather than deleted.
import type { Env } from "../env";

// Spans and companies are written under keys named by their version and never changed; the version key,
// written last, points at them. An isolate can't pair new spans with old companies.
export const spansKey = (version: string) => `ranges:spans:${version}`;
export const companiesKey = (version: string) => `ranges:companies:${version}`;
export const VERSION_KEY = "ranges:version";
/**
 * How long a replaced index stays in KV. KV is eventually consistent: a location may keep serving the old
 * `ranges:version` from its read cache (60 s by default) and changes take up to about a minute to
 * propagate, and an isolate rechecks the pointer only every RECHECK_MS (ranges.ts). An isolate that still reads the old
 * pointer must find the index it names, so it expires instead of being deleted: one hour is far beyond
 * all of these together, and costs only the old index's storage for that hour.
 */
export const RETIRED_TTL_SECONDS = 3600;

/** Rewrites the replaced index's keys with an expiry (KV sets one only on a put). */
export async function retire(env: Env, previous: string): Promise<void> {
  const [spans, companies] = await Promise.all([
    env.CONFIGS.get(spansKey(previous), "arrayBuffer"),
    env.CONFIGS.get(companiesKey(previous)),
  ]);
  const ttl = { expirationTtl: RETIRED_TTL_SECONDS };
  await Promise.all([
    spans && env.CONFIGS.put(spansKey(previous), spans, ttl),
    companies !== null && env.CONFIGS.put(companiesKey(previous), companies, ttl),
  ]);
}
