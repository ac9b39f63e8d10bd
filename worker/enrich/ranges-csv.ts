// The company IP ranges import as CSV. Each row goes through companyRangeInput, the one definition of a
// range; this file only maps columns to its fields and turns its issues into line-numbered messages.
import type * as z from "../schemas/zod";
import { companyRangeInput, companyType, type CompanyRange } from "../schemas/company";
import type { CsvResult } from "./csv";
import { type Cells, readTable, thousands } from "./csv-table";

export type { CsvResult } from "./csv";

export const RANGES_CSV_HEADER = [
  "network",
  "name",
  "domain",
  "industry",
  "employees",
  "employees_range",
  "revenue_range",
  "type",
] as const;

export const MAX_RANGE_ROWS = 200_000;
const MAX_FIELD = 500;

type Column = (typeof RANGES_CSV_HEADER)[number];
const COLUMN_OF: Record<string, Column> = { employeesRange: "employees_range", revenueRange: "revenue_range" };

/** `network` as the schema's address fields: a CIDR, a `start-end` range, or one address; the schema checks them. */
function networkFields(network: string): { cidr: string } | { start: string; end: string } | null {
  if (network.includes("/")) return { cidr: network };
  const parts = network.split("-");
  if (parts.length > 2) return null;
  return { start: parts[0]!.trim(), end: (parts[1] ?? parts[0]!).trim() };
}

/** Schema field ← CSV column, for the optional text fields. */
const TEXT_FIELDS = [
  ["domain", "domain"],
  ["industry", "industry"],
  ["employeesRange", "employees_range"],
  ["revenueRange", "revenue_range"],
] as const;

const THOUSANDS = /^\d{1,3}(,\d{3})+$/;

function reasonFor(issue: z.core.$ZodIssue, cells: Cells): string {
  const key = String(issue.path[0]);
  if (key === "cidr" || key === "start" || key === "end") {
    return issue.code === "custom" && key === "start"
      ? `"${cells.network}": the first address is after the last`
      : `"${cells.network}" is not a CIDR or start-end range`;
  }
  const column = COLUMN_OF[key] ?? key;
  const value = cells[column];
  if (column === "type") return `type "${value}" is not one of ${companyType.options.join(", ")}`;
  if (issue.code === "too_big") return `the ${column} value is longer than ${issue.maximum} characters`;
  if (column === "domain") return `domain "${value}" is not a domain name like example.com`;
  return `${column} "${value}": ${issue.message}`;
}

function toRange(cells: Cells): CompanyRange | string {
  const { network, name, employees } = cells;
  if (!network) return "network is empty: give a CIDR (203.0.113.0/24) or a start-end range (198.51.100.10-198.51.100.20)";
  const address = networkFields(network);
  if (!address) return `"${network}" is not a CIDR or start-end range`;
  if (!name) return "name is empty: every range needs the company's name";
  let count: number | undefined;
  if (employees !== undefined) {
    const digits = THOUSANDS.test(employees) ? employees.replaceAll(",", "") : employees;
    if (!/^\d{1,15}$/.test(digits)) return `employees "${employees}" is not a whole number`;
    count = Number(digits);
  }
  // Only the cells that have a value, so a row holds no `undefined` keys. (Not built with object spread:
  // V8 clones those through a slow path, which made a 200,000-row import 2.7 times slower.)
  const input: Record<string, unknown> = address;
  input.name = name;
  for (const [field, column] of TEXT_FIELDS) if (cells[column] !== undefined) input[field] = cells[column];
  if (count !== undefined) input.employees = count;
  if (cells.type !== undefined) input.type = cells.type.toLowerCase();
  const parsed = companyRangeInput.safeParse(input);
  return parsed.success ? parsed.data : reasonFor(parsed.error.issues[0]!, cells);
}

/** Company ranges from CSV text with a header line; the first bad line rejects the whole file. */
export function parseRangesCsv(text: string): CsvResult<CompanyRange> {
  return readTable(text, {
    columns: RANGES_CSV_HEADER,
    unknownColumns: "error",
    checkHeader: (present) =>
      ["network", "name"]
        .filter((c) => !present.has(c))
        .map((c) => `the header has no "${c}" column`)
        .join("; ") || null,
    maxRows: MAX_RANGE_ROWS,
    tooMany: `more than ${thousands(MAX_RANGE_ROWS)} ranges; split the file into several imports`,
    maxField: MAX_FIELD,
    example: RANGES_CSV_HEADER.join(","),
    row: toRange,
  });
}
