import type { AuditEntry } from "./audit-entry";

export type { AuditEntry };
interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  site_key: string | null;
  target: string | null;
  summary: string | null;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  site: r.site_key,
  target: r.target,
  summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
});

/** Before/after summaries are capped: the log records what changed, the versions hold the content. */
const MAX_SUMMARY = 4000;

export async function insertAudit(db: D1Database, e: Omit<AuditEntry, "id">): Promise<void> {
  let summary = e.summary === null || e.summary === undefined ? null : JSON.stringify(e.summary);
  if (summary && summary.length > MAX_SUMMARY) summary = JSON.stringify({ truncated: summary.slice(0, MAX_SUMMARY) });
  await db
    .prepare("INSERT INTO audit_log (at, actor, action, site_key, target, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(e.at, e.actor, e.action, e.site, e.target, summary)
    .run();
}

/** Newest first; `before` pages back by id. */
export async function listAudit(db: D1Database, q: { site: string | null; before: number | null; limit: number }): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare("SELECT * FROM audit_log WHERE (?1 IS NULL OR site_key = ?1) AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3")
    .bind(q.site, q.before, q.limit)
    .all<AuditRow>();
  return results.map(toEntry);
}
