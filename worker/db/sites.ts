import type { Site, SiteInput } from "../schemas/site";

interface SiteRow {
  key: string;
  name: string;
  origins: string;
  live_version: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const toSite = (r: SiteRow): Site => ({
  key: r.key,
  name: r.name,
  origins: JSON.parse(r.origins) as string[],
  liveVersion: r.live_version,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function getSite(db: D1Database, key: string): Promise<Site | null> {
  const row = await db.prepare("SELECT * FROM sites WHERE key = ?1").bind(key).first<SiteRow>();
  return row ? toSite(row) : null;
}

export async function listSites(db: D1Database): Promise<Site[]> {
  const { results } = await db.prepare("SELECT * FROM sites ORDER BY key").all<SiteRow>();
  return results.map(toSite);
}

/** Returns false when the key is taken. */
export async function insertSite(db: D1Database, s: SiteInput, now: string): Promise<boolean> {
  const res = await db
    .prepare("INSERT INTO sites (key, name, origins, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT(key) DO NOTHING")
    .bind(s.key, s.name, JSON.stringify(s.origins), now)
    .run();
  return res.meta.changes === 1;
}

/** As updateSegment: the new version, or null when missing or no longer at version `expected`. */
export async function updateSite(
  db: D1Database,
  key: string,
  s: Omit<SiteInput, "key">,
  now: string,
  expected: number | null = null,
): Promise<number | null> {
  return db
    .prepare(
      "UPDATE sites SET name = ?2, origins = ?3, updated_at = ?4, version = version + 1 WHERE key = ?1 AND (?5 IS NULL OR version = ?5) RETURNING version",
    )
    .bind(key, s.name, JSON.stringify(s.origins), now, expected)
    .first<number>("version");
}

/** Moves the live pointer to `v` unless a newer version is already live: a slower, older publish must not roll it back. */
export async function advanceLiveVersion(db: D1Database, key: string, v: number, now: string): Promise<void> {
  await db
    .prepare("UPDATE sites SET live_version = MAX(COALESCE(live_version, 0), ?2), updated_at = ?3 WHERE key = ?1")
    .bind(key, v, now)
    .run();
}

export async function deleteSite(db: D1Database, key: string): Promise<void> {
  // D1 enforces foreign keys, so children go first in one atomic batch.
  await db.batch([
    db.prepare("DELETE FROM segments WHERE site_key = ?1").bind(key),
    db.prepare("DELETE FROM experiences WHERE site_key = ?1").bind(key),
    db.prepare("DELETE FROM versions WHERE site_key = ?1").bind(key),
    db.prepare("DELETE FROM account_lists WHERE site_key = ?1").bind(key),
    db.prepare("DELETE FROM import_generations WHERE scope = 'accounts:' || ?1").bind(key),
    db.prepare("DELETE FROM topics WHERE site_key = ?1").bind(key),
    db.prepare("DELETE FROM api_tokens WHERE site_key = ?1").bind(key),
    db.prepare("DELETE FROM sites WHERE key = ?1").bind(key),
  ]);
}
