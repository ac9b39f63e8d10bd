import type { CompanyRange } from "../schemas/company";
import { importRows, liveGeneration, type ImportTarget } from "./generations";

const RANGES: ImportTarget = { scope: "ranges", table: "company_ranges" };
const COLUMNS = "start_ip, end_ip, name, domain, industry, employees, employees_range, revenue_range, type";
// Rows read back per query when the index is rebuilt: even rows with every text field at its 500-character
// limit stay far under D1's 50 MB result limit.
const PAGE_ROWS = 10_000;

export interface RangeRow {
  id: number;
  start_ip: string;
  end_ip: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  employees_range: string | null;
  revenue_range: string | null;
  type: string;
}

/**
 * Stores ranges all or nothing (staged, then made live: see generations.ts); with `replace`, they
 * replace every stored range, otherwise the stored ones are carried over first, in their order.
 */
export async function insertCompanyRanges(
  db: D1Database,
  ranges: CompanyRange[],
  replace = false,
  beforeLive?: (generation: number) => Promise<void>,
): Promise<void> {
  const unpack = COLUMNS.split(", ")
    .map((_, i) => `json_extract(value, '$[${i}]')`)
    .join(", ");
  const carryOver = `INSERT INTO company_ranges (generation, ${COLUMNS}) SELECT ?1, ${COLUMNS} FROM company_ranges WHERE generation = ${liveGeneration(2)} ORDER BY id`;
  await importRows(
    db,
    RANGES,
    `INSERT INTO company_ranges (generation, ${COLUMNS}) SELECT ?1, ${unpack} FROM json_each(?2) ORDER BY key`,
    ranges.map((r) => [
      r.startHex,
      r.endHex,
      r.name,
      r.domain ?? null,
      r.industry ?? null,
      r.employees ?? null,
      r.employeesRange ?? null,
      r.revenueRange ?? null,
      r.type,
    ]),
    replace ? [] : [carryOver],
    beforeLive,
  );
}

export async function countCompanyRanges(db: D1Database): Promise<number> {
  return (
    (await db
      .prepare(`SELECT COUNT(*) AS n FROM company_ranges WHERE generation = ${liveGeneration(1)}`)
      .bind(RANGES.scope)
      .first<number>("n")) ?? 0
  );
}

export async function hasCompanyRanges(db: D1Database): Promise<boolean> {
  return (
    (await db
      .prepare(`SELECT 1 FROM company_ranges WHERE generation = ${liveGeneration(1)} LIMIT 1`)
      .bind(RANGES.scope)
      .first()) !== null
  );
}

/**
 * Every range of `generation` (by default the live one) in import order, read a page at a time, all
 * of one generation whatever goes live meanwhile.
 */
export async function listCompanyRanges(db: D1Database, generation?: number): Promise<RangeRow[]> {
  generation ??=
    (await db
      .prepare(`SELECT ${liveGeneration(1)} AS g`)
      .bind(RANGES.scope)
      .first<number>("g")) ?? 0;
  const rows: RangeRow[] = [];
  for (let after = -1; ; ) {
    const { results } = await db
      .prepare(`SELECT id, ${COLUMNS} FROM company_ranges WHERE generation = ?1 AND id > ?2 ORDER BY id LIMIT ${PAGE_ROWS}`)
      .bind(generation, after)
      .all<RangeRow>();
    for (const r of results) rows.push(r);
    if (results.length < PAGE_ROWS) return rows;
    after = results[results.length - 1]!.id;
  }
}

export async function clearCompanyRanges(db: D1Database): Promise<void> {
  await importRows(db, RANGES, "", [], []);
}
