// The account list (target accounts) import as CSV. Each row goes through the `account` schema, which
// also normalizes domains (lower case, no scheme, no www., no path), so a CSV and a JSON import agree.
import type * as z from "../schemas/zod";
import { account } from "../schemas/account";
import type { CsvResult } from "./csv";
import { type Cells, readTable, thousands } from "./csv-table";

export const ACCOUNTS_CSV_COLUMNS = ["domain", "name"] as const;
export const MAX_ACCOUNT_ROWS = 50_000;
const MAX_FIELD = 500;

export type AccountRow = z.output<typeof account>;

function toAccount(cells: Cells): AccountRow | string {
  const input: { domain?: string; name?: string } = {};
  if (cells.domain !== undefined) input.domain = cells.domain;
  if (cells.name !== undefined) input.name = cells.name;
  const parsed = account.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0];
  if (key === "domain") return `domain "${cells.domain}" is not a domain name like example.com`;
  if (key === "name")
    return issue.code === "too_big" ? `the name value is longer than ${issue.maximum} characters` : `name: ${issue.message}`;
  return "the row has neither a domain nor a name; give at least one";
}

/**
 * Target accounts from CSV text. The header needs a `domain` or a `name` column (or both); other columns
 * are ignored, because account lists usually come straight from a CRM export with dozens of them.
 */
export function parseAccountsCsv(text: string): CsvResult<AccountRow> {
  return readTable(text, {
    columns: ACCOUNTS_CSV_COLUMNS,
    unknownColumns: "ignore",
    checkHeader: (present) =>
      present.has("domain") || present.has("name") ? null : 'the header has neither a "domain" nor a "name" column',
    maxRows: MAX_ACCOUNT_ROWS,
    tooMany: `more than ${thousands(MAX_ACCOUNT_ROWS)} accounts; an account list holds at most ${thousands(MAX_ACCOUNT_ROWS)}`,
    maxField: MAX_FIELD,
    example: "domain,name",
    row: toAccount,
  });
}
