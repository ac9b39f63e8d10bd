// The company IP ranges import as CSV. Each row goes through companyRangeInput, the one definition of a
// range; this file only maps columns to its fields and turns its issues into line-numbered messages.
import type { z } from "zod";
import { companyRangeInput, companyType, type CompanyRange } from "../schemas/company";
import { ipToHex } from "../visitor/ip";
import { readTable, thousands, type Cells, type CsvResult } from "./csv";

export type { CsvResult } from "./csv";

export const RANGES_CSV_HEADER = ["network", "name", "domain", "industry", "employees", "employees_range", "revenue_range", "type"] as const;

export const MAX_RANGE_ROWS = 200_000;
const MAX_FIELD = 500;

type Column = (typeof RANGES_CSV_HEADER)[number];
const COLUMN_OF: Record<string, Column> = { employeesRange: "employees_range", revenueRange: "revenue_range" };

/** `network` as the schema's fields: a CIDR, a `start-end` range, or one address. Null if it is none of them. */
function networkFields(network: string): { cidr: string } | { start: string; end: string } | null {
  if (network.includes("/")) return { cidr: network };
  // Addresses never contain "-" (an IPv6 zone id might), so try each "-" until both sides are addresses.
  for (let at = network.indexOf("-", 1); at > 0; at = network.indexOf("-", at + 1)) {
    const start = network.slice(0, at).trim();
    const end = network.slice(at + 1).trim();
    if (ipToHex(start) && ipToHex(end)) return { start, end };
  }
  return ipToHex(network) ? { start: network, end: network } : null;
}

const THOUSANDS = /^\d{1,3}(,\d{3})+$/;

function describe(issue: z.core.$ZodIssue, cells: Cells): string {
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
  const parsed = companyRangeInput.safeParse({
    ...address,
    name,
    domain: cells.domain,
    industry: cells.industry,
    employees: count,
    employeesRange: cells.employees_range,
    revenueRange: cells.revenue_range,
    type: cells.type?.toLowerCase(),
  });
  return parsed.success ? parsed.data : describe(parsed.error.issues[0]!, cells);
}

/** Company ranges from CSV text with a header line; the first bad line rejects the whole file. */
export function parseRangesCsv(text: string): CsvResult<CompanyRange> {
  return readTable(text, {
    columns: RANGES_CSV_HEADER,
    unknownColumns: "error",
    checkHeader: (present) =>
      ["network", "name"].filter((c) => !present.has(c)).map((c) => `the header has no "${c}" column`).join("; ") || null,
    maxRows: MAX_RANGE_ROWS,
    tooMany: `more than ${thousands(MAX_RANGE_ROWS)} ranges; split the file into several imports`,
    maxField: MAX_FIELD,
    example: RANGES_CSV_HEADER.join(","),
    row: toRange,
  });
}
