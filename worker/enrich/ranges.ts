// Step 1 of the company waterfall: company IP ranges. D1 holds the imported rows (the source of truth);
// each import flattens them (most specific range wins on overlap) into a sorted index stored in KV,
// which every isolate loads once and searches in memory with a binary search: no table scan, no
// query per visitor. An isolate notices a newer index within RECHECK_MS.
import type { Env } from "../env";
import type { Company } from "../schemas/company";
import { findSpan, flattenRanges } from "./flatten";

const INDEX_KEY = "ranges:index";
const VERSION_KEY = "ranges:version";
const RECHECK_MS = 30_000;

export interface RangeIndex {
  version: string;
  companies: Company[];
  /** Sorted, non-overlapping spans: start/end as 32 hex digits, company as an index into `companies`. */
  spans: { start: string; end: string; company: number }[];
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
export async function rebuildRangeIndex(env: Env): Promise<RangeIndex> {
  const { results } = await env.DB.prepare("SELECT * FROM company_ranges ORDER BY id").all<RangeRow>();
  const spans = flattenRanges(results.map((r) => ({ start: r.start_ip, end: r.end_ip })));
  // Keep only the companies some span still points at, renumbered.
  const used = new Map<number, number>();
  const companies: Company[] = [];
  for (const s of spans) {
    let i = used.get(s.company);
    if (i === undefined) {
      i = companies.push(companyOf(results[s.company]!)) - 1;
      used.set(s.company, i);
    }
    s.company = i;
  }
  const index: RangeIndex = { version: crypto.randomUUID(), companies, spans };
  await env.CONFIGS.put(INDEX_KEY, JSON.stringify(index));
  await env.CONFIGS.put(VERSION_KEY, index.version);
  loaded = index;
  checkedAt = Date.now();
  return index;
}

async function currentIndex(env: Env, now: number): Promise<RangeIndex | null> {
  if (loaded && now - checkedAt < RECHECK_MS) return loaded;
  checkedAt = now;
  const version = await env.CONFIGS.get(VERSION_KEY);
  if (version === null) return (loaded = null);
  if (loaded?.version !== version) loaded = await env.CONFIGS.get<RangeIndex>(INDEX_KEY, "json");
  return loaded;
}

export async function lookupRanges(env: Env, ipHex: string, now = Date.now()): Promise<Company | null> {
  const index = await currentIndex(env, now);
  const span = index ? findSpan(index.spans, ipHex) : null;
  return span ? index!.companies[span.company] ?? null : null;
}
