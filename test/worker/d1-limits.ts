// A D1 binding that records every statement the Worker executes, so tests can hold imports to the limits
// of real D1 that Miniflare does not enforce (https://developers.cloudflare.com/d1/platform/limits/).
export const D1_LIMITS = {
  /** Queries per Worker invocation on the Workers Paid plan (50 on Free). */
  queries: 1000,
  /** Bound parameters per statement. */
  params: 100,
  /** Bytes of SQL text per statement. */
  sqlBytes: 100_000,
  /** Bytes of a string or BLOB (so of one bound parameter). */
  valueBytes: 2_000_000,
};

export interface Executed {
  sql: string;
  params: unknown[];
}

const bytes = (s: string) => new TextEncoder().encode(s).byteLength;

/**
 * `db` as the Worker sees it, and the statements executed through it (one per statement in a batch).
 * A statement `fail` picks is not run and fails as an unavailable D1 would.
 */
export function countingD1(db: D1Database, fail: (e: Executed) => boolean = () => false): { db: D1Database; executed: Executed[] } {
  const executed: Executed[] = [];
  const inner = new WeakMap<object, { stmt: D1PreparedStatement; sql: string; params: unknown[] }>();
  const wrap = (stmt: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement => {
    const run = <T>(go: () => Promise<T>): Promise<T> => {
      executed.push({ sql, params });
      return fail({ sql, params }) ? Promise.reject(new Error("D1_ERROR: injected failure")) : go();
    };
    const w = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql, values),
      run: () => run(() => stmt.run()),
      all: () => run(() => stmt.all()),
      first: (column?: string) => run(() => (column === undefined ? stmt.first() : stmt.first(column)) as Promise<unknown>),
      raw: (options?: { columnNames?: boolean }) => run(() => stmt.raw(options as { columnNames: true })),
    };
    inner.set(w, { stmt, sql, params });
    return w as unknown as D1PreparedStatement;
  };
  const proxy = {
    prepare: (sql: string) => wrap(db.prepare(sql), sql, []),
    batch: (statements: D1PreparedStatement[]) => {
      const real = statements.map((s) => inner.get(s)!);
      for (const r of real) executed.push({ sql: r.sql, params: r.params });
      return db.batch(real.map((r) => r.stmt));
    },
    exec: (sql: string) => {
      executed.push({ sql, params: [] });
      return db.exec(sql);
    },
  };
  return { db: proxy as unknown as D1Database, executed };
}

/** The figures the limits apply to, for assertions and for the README's table. */
export function measure(executed: Executed[]) {
  let maxParams = 0;
  let maxSqlBytes = 0;
  let maxValueBytes = 0;
  for (const e of executed) {
    maxParams = Math.max(maxParams, e.params.length);
    maxSqlBytes = Math.max(maxSqlBytes, bytes(e.sql));
    for (const p of e.params) if (typeof p === "string") maxValueBytes = Math.max(maxValueBytes, bytes(p));
  }
  return { statements: executed.length, maxParams, maxSqlBytes, maxValueBytes };
}
