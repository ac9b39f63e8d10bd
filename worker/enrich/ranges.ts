// Step 1 of the company waterfall: company IP ranges. D1 holds the imported rows (the source of truth);
// each import flattens them (most specific range wins on overlap) into a packed, sorted index stored
// in KV (range-index.ts), which every isolate loads once and searches in memory with a binary search:
// no table scan and no query per visitor. An isolate notices a newer index within RECHECK_MS.
import type { Env } from "../env";
import { memo } from "../cache/memo";
import { DomainError } from "../errors";
import { hasCompanyRanges, listCompanyRanges, type RangeRow } from "../db/companies";
import type { Company } from "../schemas/company";
import { flattenRanges } from "./flatten";
import { findCompanyIndex, packSpans, unpackSpans, type PackedSpans } from "./range-index";
import { companiesKey, retire, spansKey, VERSION_KEY } from "./range-keys";

const RECHECK_MS = 30_000;

export interface RangeIndex {
  version: string;
  companies: Company[];
  spans: PackedSpans;
}

// The answer (an empty one too) is rechecked against KV's pointer every RECHECK_MS; an index, immutable
// under its version, is kept across rechecks that find the same version.
const current = memo<RangeIndex | null>({ max: 1, ttlMs: RECHECK_MS });
const byVersion = memo<RangeIndex>({ max: 1 });
const remember = (index: RangeIndex | null, now: number) => {
  current.set("", index, now);
  if (index) byVersion.set(index.version, index, now);
  return index;
};

function companyOf(r: RangeRow): Company {
  const c: Company = { name: r.name, type: r.type as Company["type"] };
  if (r.domain !== null) c.domain = r.domain;
  if (r.industry !== null) c.industry = r.industry;
  if (r.employees !== null) c.employees = r.employees;
  if (r.employees_range !== null) c.employeesRange = r.employees_range;
  if (r.revenue_range !== null) c.revenueRange = r.revenue_range;
  return c;
}

/** KV's value limit: each half of an index must fit. */
const KV_VALUE_BYTES = 25 * 1024 * 1024;

/** An index written to KV under its own keys, not yet pointed at. */
export interface BuiltIndex {
  index: RangeIndex;
  spans: number;
  companies: number;
}

/**
 * Builds the index from the stored ranges (later imports win ties) — of `generation` when given, an
 * import not live yet — and writes it under new keys. Refuses (422) an index larger than KV holds, so
 * an import that could never be served is not made live.
 */
export async function buildRangeIndex(env: Env, generation?: number): Promise<BuiltIndex> {
  const results = await listCompanyRanges(env.DB, generation);
  const spans = flattenRanges(results.map((r) => ({ start: r.start_ip, end: r.end_ip })));
  // Keep only the companies some span still points at, each once (many ranges name the same company).
  const byJson = new Map<string, number>();
  const companies: Company[] = [];
  for (const s of spans) {
    const company = companyOf(results[s.company]!);
    const json = JSON.stringify(company);
    let i = byJson.get(json);
    if (i === undefined) {
      i = companies.push(company) - 1;
      byJson.set(json, i);
    }
    s.company = i;
  }
  const packed = packSpans(spans);
  const companiesJson = JSON.stringify(companies);
  const companiesBytes = new TextEncoder().encode(companiesJson).byteLength;
  if (packed.words.byteLength > KV_VALUE_BYTES || companiesBytes > KV_VALUE_BYTES) {
    throw new DomainError(
      "unprocessable",
      "index_too_large",
      `The range index would be ${packed.count} spans (${packed.words.byteLength} bytes) and ${companies.length} companies (${companiesBytes} bytes of JSON); each must fit in ${KV_VALUE_BYTES} bytes. Import fewer ranges or shorter company details.`,
    );
  }
  const version = crypto.randomUUID();
  await Promise.all([
    env.CONFIGS.put(spansKey(version), packed.words.buffer as ArrayBuffer),
    env.CONFIGS.put(companiesKey(version), companiesJson),
  ]);
  return { index: { version, companies, spans: packed }, spans: packed.count, companies: companies.length };
}

/** Points every isolate at a built index; the one it replaces expires later (see RETIRED_TTL_SECONDS). */
export async function activateRangeIndex(env: Env, built: BuiltIndex): Promise<{ spans: number; companies: number }> {
  const previous = await env.CONFIGS.get(VERSION_KEY);
  await env.CONFIGS.put(VERSION_KEY, built.index.version);
  if (previous && previous !== built.index.version) await retire(env, previous);
  remember(built.index, Date.now());
  return { spans: built.spans, companies: built.companies };
}

/** Removes a built index that never went live (its import failed after it was built). */
export async function discardRangeIndex(env: Env, built: BuiltIndex): Promise<void> {
  await Promise.all([env.CONFIGS.delete(spansKey(built.index.version)), env.CONFIGS.delete(companiesKey(built.index.version))]);
}

/** Builds the index from every live range and publishes it to KV. */
export async function rebuildRangeIndex(env: Env): Promise<{ spans: number; companies: number }> {
  return activateRangeIndex(env, await buildRangeIndex(env));
}

/**
 * The index this isolate uses, checked against KV at most every RECHECK_MS (an empty answer is cached
 * too). With `repair` (admin requests only), an index missing from KV while D1 has ranges is rebuilt.
 */
export async function loadRangeIndex(env: Env, now = Date.now(), repair = false): Promise<RangeIndex | null> {
  const hit = repair ? undefined : current.get("", now);
  if (hit !== undefined) return hit;
  const version = await env.CONFIGS.get(VERSION_KEY);
  if (version === null) {
    if (!(repair && (await hasCompanyRanges(env.DB)))) return remember(null, now);
    const built = await buildRangeIndex(env);
    await activateRangeIndex(env, built);
    return built.index;
  }
  let index = byVersion.get(version, now) ?? null;
  if (!index) {
    const [buffer, companies] = await Promise.all([
      env.CONFIGS.get(spansKey(version), "arrayBuffer"),
      env.CONFIGS.get<Company[]>(companiesKey(version), "json"),
    ]);
    index = buffer && companies ? { version, companies, spans: unpackSpans(buffer) } : null;
  }
  return remember(index, now);
}

/** The company whose range holds this address (32 hex digits); `repair` as in loadRangeIndex. */
export async function lookupRanges(env: Env, ipHex: string, repair = false): Promise<Company | null> {
  const index = await loadRangeIndex(env, Date.now(), repair);
  if (!index) return null;
  const i = findCompanyIndex(index.spans, ipHex);
  return i >= 0 ? (index.companies[i] ?? null) : null;
}
