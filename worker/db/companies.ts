import type { CompanyRange } from "../schemas/company";

const COLUMNS = 9;
// D1 allows 100 bound parameters per statement: 11 rows of 9 columns fit.
const ROWS_PER_STATEMENT = Math.floor(100 / COLUMNS);

/**
 * Stores ranges in one atomic batch (so a failure stores none of them); with `replace`, the same
 * batch first removes every stored range.
 */
export async function insertCompanyRanges(db: D1Database, ranges: CompanyRange[], replace = false): Promise<void> {
  const statements: D1PreparedStatement[] = replace ? [db.prepare("DELETE FROM company_ranges")] : [];
  for (let i = 0; i < ranges.length; i += ROWS_PER_STATEMENT) {
    const chunk = ranges.slice(i, i + ROWS_PER_STATEMENT);
    const values = chunk.map((_, j) => `(${Array.from({ length: COLUMNS }, (_, k) => `?${j * COLUMNS + k + 1}`).join(", ")})`).join(", ");
    statements.push(
      db
        .prepare(`INSERT INTO company_ranges (start_ip, end_ip, name, domain, industry, employees, employees_range, revenue_range, type) VALUES ${values}`)
        .bind(
          ...chunk.flatMap((r) => [r.startHex, r.endHex, r.name, r.domain ?? null, r.industry ?? null, r.employees ?? null, r.employeesRange ?? null, r.revenueRange ?? null, r.type]),
        ),
    );
  }
  if (statements.length) await db.batch(statements);
}

export async function countCompanyRanges(db: D1Database): Promise<number> {
  return (await db.prepare("SELECT COUNT(*) AS n FROM company_ranges").first<number>("n")) ?? 0;
}

export async function clearCompanyRanges(db: D1Database): Promise<void> {
  await db.prepare("DELETE FROM company_ranges").run();
}
