import type { Company, CompanyRange } from "../schemas/company";

interface CompanyRow { name: string; domain: string | null; industry: string | null; employees: number | null; employees_range: string | null; revenue_range: string | null; type: string }

const toCompany = (r: CompanyRow): Company => {
  const c: Company = { name: r.name, type: r.type as Company["type"] };
  if (r.domain !== null) c.domain = r.domain;
  if (r.industry !== null) c.industry = r.industry;
  if (r.employees !== null) c.employees = r.employees;
  if (r.employees_range !== null) c.employeesRange = r.employees_range;
  if (r.revenue_range !== null) c.revenueRange = r.revenue_range;
  return c;
};

/**
 * The company whose range holds this address. On nested ranges the innermost (latest start) wins.
 * A per-request indexed query for now; the isolate-held sorted array of the enrichment issue replaces it.
 */
export async function findCompany(db: D1Database, ipHex: string): Promise<Company | null> {
  const row = await db
    .prepare("SELECT * FROM company_ranges WHERE start_ip <= ?1 AND end_ip >= ?1 ORDER BY start_ip DESC, end_ip ASC LIMIT 1")
    .bind(ipHex)
    .first<CompanyRow>();
  return row ? toCompany(row) : null;
}

/** Adds ranges atomically: one batch, so a failure stores none of them. */
export async function insertCompanyRanges(db: D1Database, ranges: CompanyRange[]): Promise<void> {
  const stmt = db.prepare(
    "INSERT INTO company_ranges (start_ip, end_ip, name, domain, industry, employees, employees_range, revenue_range, type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  );
  await db.batch(
    ranges.map((r) =>
      stmt.bind(r.startHex, r.endHex, r.name, r.domain ?? null, r.industry ?? null, r.employees ?? null, r.employeesRange ?? null, r.revenueRange ?? null, r.type),
    ),
  );
}

export async function countCompanyRanges(db: D1Database): Promise<number> {
  return (await db.prepare("SELECT COUNT(*) AS n FROM company_ranges").first<number>("n")) ?? 0;
}

export async function clearCompanyRanges(db: D1Database): Promise<void> {
  await db.prepare("DELETE FROM company_ranges").run();
}
