// Staged imports within D1's limits. D1 allows 1,000 queries per Worker invocation (50 on the Free plan),
// 100 bound parameters and 100 KB of SQL text per statement, and 2,000,000 bytes per string; Miniflare
// enforces none of these, so the shapes here are what keep imports working on the real thing:
// - rows travel as one JSON array bound to a single parameter and are unpacked by SQLite's json_each, so
//   a statement has at most 3 parameters and a fixed SQL text, and a chunk stays under PARAM_BYTES;
// - an import writes its rows under a fresh generation nobody reads, then one statement makes it live, so a
//   failure at any chunk leaves the live rows untouched (all or nothing without one giant transaction).
import { DomainError } from "../errors";

/** Half of D1's 2,000,000-byte string limit: room for any accounting difference, still few statements. */
export const PARAM_BYTES = 1_000_000;

const encoder = new TextEncoder();
// biome-ignore lint/suspicious/noControlCharactersInRegex: deliberate, the whole ASCII range (control characters included) is one UTF-8 byte each
const ASCII = /^[\x00-\x7f]*$/;
const utf8Bytes = (s: string) => (ASCII.test(s) ? s.length : encoder.encode(s).byteLength);

/** The rows as JSON arrays of rows, each at most `maxBytes` of UTF-8 (a single larger row goes alone). */
export function jsonChunks(rows: readonly unknown[][], maxBytes = PARAM_BYTES): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 2; // "[" and "]"
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = utf8Bytes(json) + 1; // and its comma
    if (parts.length && bytes + size > maxBytes) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}

/** SQL for the live generation of the scope bound as parameter `?n` (0 for a scope never imported). */
export const liveGeneration = (n: number) => `COALESCE((SELECT live FROM import_generations WHERE scope = ?${n}), 0)`;

/**
 * A new import's generation: the start time in milliseconds and 10 random bits, so an import started
 * later almost always has a higher one (the pointer only moves forward), and nothing is written until
 * the import goes live: a refused import leaves storage as it was.
 */
export const newGeneration = (now = Date.now()) => now * 1024 + (crypto.getRandomValues(new Uint16Array(1))[0]! & 1023);

/** Where an import's rows go: the table, and for per-site data the site. */
export interface ImportTarget {
  scope: string;
  table: "company_ranges" | "account_lists";
  site?: string;
}

function deleteRows(db: D1Database, t: ImportTarget, op: "<" | "=", generation: number): D1PreparedStatement {
  const site = t.site === undefined ? "" : " AND site_key = ?2";
  return db.prepare(`DELETE FROM ${t.table} WHERE generation ${op} ?1${site}`).bind(generation, ...(t.site === undefined ? [] : [t.site]));
}

/**
 * Makes `generation` live unless a later-started import already went live (the pointer only moves
 * forward), then drops older generations: the replaced rows and leftovers of failed imports. The
 * loser of a race gets a 409 and its staged rows are removed.
 */
export async function goLive(db: D1Database, t: ImportTarget, generation: number): Promise<void> {
  const live = await db
    .prepare(
      "INSERT INTO import_generations (scope, live) VALUES (?1, ?2) ON CONFLICT (scope) DO UPDATE SET live = MAX(live, excluded.live) RETURNING live",
    )
    .bind(t.scope, generation)
    .first<number>("live");
  if (live !== generation) {
    await dropGeneration(db, t, generation);
    throw new DomainError(
      "conflict",
      "import_conflict",
      "Another import finished first and replaced this one; send it again if it should win",
    );
  }
  await deleteRows(db, t, "<", generation).run();
}

/** Removes one generation's rows: a failed or outrun import's staging. */
export async function dropGeneration(db: D1Database, t: ImportTarget, generation: number): Promise<void> {
  await deleteRows(db, t, "=", generation).run();
}

/**
 * Stages `rows` under a fresh generation with `insert` (SQL taking ?1 = generation, ?2 = a JSON array
 * of rows, ?3 = the site when there is one), after `prepare` statements taking ?1 = generation and
 * ?2 = the scope, runs `beforeLive` on the staged generation, then makes it live. A failure removes
 * what was staged and leaves the live rows as they were.
 */
export async function importRows(
  db: D1Database,
  t: ImportTarget,
  insert: string,
  rows: readonly unknown[][],
  prepare: string[] = [],
  beforeLive?: (generation: number) => Promise<void>,
): Promise<number> {
  const generation = newGeneration();
  const site = t.site === undefined ? [] : [t.site];
  try {
    for (const sql of prepare) await db.prepare(sql).bind(generation, t.scope).run();
    for (const chunk of jsonChunks(rows))
      await db
        .prepare(insert)
        .bind(generation, chunk, ...site)
        .run();
    await beforeLive?.(generation);
  } catch (e) {
    await dropGeneration(db, t, generation).catch(() => {});
    throw e;
  }
  await goLive(db, t, generation);
  return generation;
}
