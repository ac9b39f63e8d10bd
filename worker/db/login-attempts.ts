import type { Attempts } from "../auth/throttle";

interface AttemptsRow {
  failures: number;
  last_failure_at: number;
  blocked_until: number;
}

const toAttempts = (r: AttemptsRow): Attempts => ({
  failures: r.failures,
  lastFailureAt: r.last_failure_at,
  blockedUntil: r.blocked_until,
});

export async function getAttempts(db: D1Database, key: string): Promise<Attempts | null> {
  const row = await db
    .prepare("SELECT failures, last_failure_at, blocked_until FROM login_attempts WHERE key = ?1")
    .bind(key)
    .first<AttemptsRow>();
  return row ? toAttempts(row) : null;
}

export async function putAttempts(db: D1Database, key: string, a: Attempts): Promise<void> {
  await db
    .prepare(
      "INSERT INTO login_attempts (key, failures, last_failure_at, blocked_until) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET failures = ?2, last_failure_at = ?3, blocked_until = ?4",
    )
    .bind(key, a.failures, a.lastFailureAt, a.blockedUntil)
    .run();
}

export async function clearAttempts(db: D1Database, key: string): Promise<void> {
  await db.prepare("DELETE FROM login_attempts WHERE key = ?1").bind(key).run();
}
