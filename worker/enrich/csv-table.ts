// A CSV with a header line read into rows (csv.ts does the records): the column rules the imports share —
// named columns, unknown ones refused or ignored, a row limit — with the first problem rejecting the file.
import { CsvError, type CsvResult, csvRecords } from "./csv";

/** A row's values by column name: trimmed, and absent when empty. */
export type Cells = Record<string, string | undefined>;

export interface TableSpec<T> {
  /** The columns this import reads (lower case). */
  columns: readonly string[];
  /** Columns not in `columns`: an error (a typo must not drop data silently), or ignored (CRM exports carry dozens). */
  unknownColumns: "error" | "ignore";
  /** Why the header cannot work (e.g. a required column is missing), or null. */
  checkHeader(present: ReadonlySet<string>): string | null;
  maxRows: number;
  /** The message when the file has more than maxRows rows. */
  tooMany: string;
  maxField: number;
  /** A header line to show in messages about the header, e.g. "network,name,domain". */
  example: string;
  /** The row, or the reason it is rejected. */
  row(cells: Cells): T | string;
}

/** 200000 → "200,000" without Intl (messages read the same in every runtime). */
export const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

const columnName = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** Reads a CSV with a header line into rows; the first problem rejects the file. */
export function readTable<T>(text: string, spec: TableSpec<T>): CsvResult<T> {
  const fail = (line: number, reason: string): CsvResult<T> => ({ ok: false, line, message: `line ${line}: ${reason}` });
  try {
    const records = csvRecords(text);
    const first = records.next();
    if (first.done) return fail(1, `the file is empty; its first line must name the columns, e.g. ${spec.example}`);
    const header = first.value;
    const names = header.fields.map(columnName);
    const used: { index: number; name: string }[] = [];
    for (const [index, name] of names.entries()) {
      if (name === "") return fail(header.line, `column ${index + 1} of the header has no name`);
      if (names.indexOf(name) !== index) return fail(header.line, `the column "${name}" appears twice in the header`);
      if (spec.columns.includes(name)) used.push({ index, name });
      else if (spec.unknownColumns === "error") {
        return fail(header.line, `unknown column "${header.fields[index]!.trim()}"; the columns are ${spec.columns.join(", ")}`);
      }
    }
    const headerProblem = spec.checkHeader(new Set(names));
    if (headerProblem) return fail(header.line, `${headerProblem} (the first line must name the columns, e.g. ${spec.example})`);

    const rows: T[] = [];
    for (const { line, fields } of records) {
      if (fields.length !== names.length) {
        const hint = fields.length > names.length ? " (a value that contains a comma must be in double quotes)" : "";
        return fail(line, `${fields.length} value${fields.length === 1 ? "" : "s"}, but the header has ${names.length} columns${hint}`);
      }
      if (rows.length === spec.maxRows) return fail(line, spec.tooMany);
      const cells: Cells = {};
      for (const { index, name } of used) {
        const value = fields[index]!.trim();
        if (value.length > spec.maxField) return fail(line, `the ${name} value is longer than ${spec.maxField} characters`);
        if (value !== "") cells[name] = value;
      }
      const row = spec.row(cells);
      if (typeof row === "string") return fail(line, row);
      rows.push(row);
    }
    return { ok: true, rows };
  } catch (e) {
    if (e instanceof CsvError) return fail(e.line, e.message);
    throw e;
  }
}
