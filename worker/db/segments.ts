import type { Segment, SegmentInput } from "../schemas/segment";

interface SegmentRow {
  id: string;
  site_key: string;
  name: string;
  kind: string;
  condition: string;
  priority: number;
  version: number;
  created_at: string;
  updated_at: string;
}

const toSegment = (r: SegmentRow): Segment => ({
  id: r.id,
  siteKey: r.site_key,
  name: r.name,
  kind: r.kind as Segment["kind"],
  condition: JSON.parse(r.condition) as Segment["condition"],
  priority: r.priority,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listSegments(db: D1Database, siteKey: string): Promise<Segment[]> {
  const { results } = await db
    .prepare("SELECT * FROM segments WHERE site_key = ?1 ORDER BY priority DESC, id")
    .bind(siteKey)
    .all<SegmentRow>();
  return results.map(toSegment);
}

export async function getSegment(db: D1Database, siteKey: string, id: string): Promise<Segment | null> {
  const row = await db.prepare("SELECT * FROM segments WHERE site_key = ?1 AND id = ?2").bind(siteKey, id).first<SegmentRow>();
  return row ? toSegment(row) : null;
}

/** Returns false when the site already has a segment with this id. */
export async function insertSegment(db: D1Database, siteKey: string, id: string, s: SegmentInput, now: string): Promise<boolean> {
  const res = await db
    .prepare(
      "INSERT INTO segments (id, site_key, name, kind, condition, priority, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT(site_key, id) DO NOTHING",
    )
    .bind(id, siteKey, s.name, s.kind, JSON.stringify(s.condition), s.priority, now)
    .run();
  return res.meta.changes === 1;
}

/**
 * Updates the segment if it is still at version `expected` (null: any) and returns its new version;
 * null when it is missing or was changed meanwhile (the check and the write are one statement).
 */
export async function updateSegment(
  db: D1Database,
  siteKey: string,
  id: string,
  s: SegmentInput,
  now: string,
  expected: number | null = null,
): Promise<number | null> {
  return db
    .prepare(
      "UPDATE segments SET name = ?3, kind = ?4, condition = ?5, priority = ?6, updated_at = ?7, version = version + 1 WHERE site_key = ?1 AND id = ?2 AND (?8 IS NULL OR version = ?8) RETURNING version",
    )
    .bind(siteKey, id, s.name, s.kind, JSON.stringify(s.condition), s.priority, now, expected)
    .first<number>("version");
}

export async function deleteSegment(db: D1Database, siteKey: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM segments WHERE site_key = ?1 AND id = ?2").bind(siteKey, id).run();
  return res.meta.changes === 1;
}
