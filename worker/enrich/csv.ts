// CSV reading (RFC 4180) for the admin's imports: company IP ranges and account lists. Both are files a
// person exports from a spreadsheet or a CRM, so the first bad line rejects the whole import with its
// physical line number and a reason the person can act on; nothing is half-imported.

export type CsvResult<T> = { ok: true; rows: T[] } | { ok: false; line: number; message: string };

/** One record and the physical line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const COMMA = 44,
  CR = 13,
  LF = 10,
  QUOTE = 34,
  SPACE = 32,
  TAB = 9;

/** Line breaks in a quoted value (CRLF, LF or a lone CR each count once), to keep physical line numbers. */
function lineBreaks(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === LF || (c === CR && value.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * The records of a CSV text. A leading BOM is dropped and blank lines are skipped. Spaces around a quoted
 * field are allowed (hand-edited files have them); a quote inside an unquoted field is kept as text, as
 * spreadsheets do (`12" pipe`). Throws CsvError on a quote that is never closed or text after a closing quote.
 */
export function* csvRecords(text: string): Generator<CsvRecord, void, undefined> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      let j = i;
      while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
      let k: number;
      if (text.charCodeAt(j) === QUOTE) {
        quoted = true;
        let value = "";
        k = j + 1;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) throw new CsvError(line, 'a quoted value is never closed: add the missing "');
          value += text.slice(k, q);
          k = q + 1;
          if (text.charCodeAt(k) !== QUOTE) break;
          value += '"';
          k++;
        }
        line += lineBreaks(value);
        fields.push(value);
        while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB) k++;
        const c = text.charCodeAt(k);
        if (k < n && c !== COMMA && c !== CR && c !== LF) {
          throw new CsvError(line, 'text after a closing quote: inside a quoted value, write a quote as ""');
        }
      } else {
        k = i;
        for (let c = text.charCodeAt(k); k < n && c !== COMMA && c !== CR && c !== LF; c = text.charCodeAt(++k));
        fields.push(text.slice(i, k));
      }
      const c = text.charCodeAt(k);
      i = k + 1;
      if (c === COMMA) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      if (k < n) line++;
      break;
    }
    if (fields.length === 1 && !quoted && fields[0]!.trim() === "") continue;
    yield { line: start, fields };
  }
}
