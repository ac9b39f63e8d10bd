// Step 1 of the company waterfall: company IP ranges. D1 holds the imported rows (the source of truth);
// each import flattens them (most specific range wins on overlap) into a packed, sorted index stored
// in KV (range-index.ts), which every isolate loads once and searches in memory with a binary search:
// no table scan and no query per visitor. An isolate notices a newer index within RECHECK_MS.
import type { Env } from "../env";
import type { Company } from "../schemas/company";
import { flattenRanges } from "./flatten";
import { findCompanyIndex, packSpans, unpackSpans, type PackedSpans } from "./range-index";

const SPANS_KEY = "ranges:spans";
const COMPANIES_KEY = "ranges:companies";
const VERSION_KEY = "ranges:version";
const RECHECK_MS = 30_000;

export interface RangeIndex {
  version: string;
  companies: Company[];
  spans: PackedSpans;
}

let loaded: RangeIndex | null = null;
let checkedAt = 0;

interface RangeRow { start_ip: string; end_ip: string; name: string; domain: string | null; industry: string | null; employees: number | null; employees_range: string | null; revenue_range: string | null; type: string }

function companyOf(r: RangeRow): Company {
  const c: Company = { name: r.name, type: r.type as Company["type"] };
  if (r.domain !== null) c.domain = r.domain;
  if (r.industry !== null) c.industry = r.industry;
  if (r.employees !== null) c.employees = r.employees;
  if (r.employees_range !== null) c.employeesRange = r.employees_range;
  if (r.revenue_range !== null) c.revenueRange = r.revenue_range;
  return c;
}

/** Builds the index from every stored range (later imports win ties) and publishes it to KV. */
export async function rebuildRangeIndex(env: Env): Promise<{ spans: number; companies: number }> {
  const { results } = await env.DB.prepare("SELECT * FROM company_ranges ORDER BY id").all<RangeRow>();
  const spans = flattenRanges(results.map((r) => ({ start: r.start_ip, end: r.end_ip })));
  // Keep only the companies some span still points at, renumbered.
  const renumbered = new Map<number, number>();
  const companies: Company[] = [];
  for (const s of spans) {
    let i = renumbered.get(s.company);
    if (i === undefined) renumbered.set(s.company, (i = companies.push(companyOf(results[s.company]!)) - 1));
    s.company = i;
  }
  const packed = packSpans(spans);
  const version = crypto.randomUUID();
  await Promise.all([env.CONFIGS.put(SPANS_KEY, packed.words.buffer as ArrayBuffer), env.CONFIGS.put(COMPANIES_KEY, JSON.stringify(companies))]);
  // The version goes last: an isolate that sees it finds the data it names.
  await env.CONFIGS.put(VERSION_KEY, version);
  loaded = { version, companies, spans: packed };
  checkedAt = Date.now();
  return { spans: packed.count, companies: companies.length };
}

export async function loadRangeIndex(env: Env, now = Date.now(), force = false): Promise<RangeIndex | null> {
  if (loaded && !force && now - checkedAt < RECHECK_MS) return loaded;
  checkedAt = now;
  const version = await env.CONFIGS.get(VERSION_KEY);
  if (version === null) {
    // No index in KV but ranges in D1 (KV emptied, or ranges stored before indexes existed): build it.
    const stored = await env.DB.prepare("SELECT 1 FROM company_ranges LIMIT 1").first();
    if (!stored) return (loaded = null);
    await rebuildRangeIndex(env);
    return loaded;
  }
  if (loaded?.version !== version) {
    const [buffer, companies] = await Promise.all([env.CONFIGS.get(SPANS_KEY, "arrayBuffer"), env.CONFIGS.get<Company[]>(COMPANIES_KEY, "json")]);
    loaded = buffer && companies ? { version, companies, spans: unpackSpans(buffer) } : null;
  }
  return loaded;
}

/** The company whose range holds this address (32 hex digits); `force` checks KV for a newer index first. */
export async function lookupRanges(env: Env, ipHex: string, force = false): Promise<Company | null> {
  const index = await loadRangeIndex(env, Date.now(), force);
  if (!index) return null;
  const i = findCompanyIndex(index.spans, ipHex);
  return i >= 0 ? index.companies[i] ?? null : null;
}
