import type { Experience, ExperienceInput } from "../schemas/experience";

interface ExperienceRow {
  id: string;
  site_key: string;
  name: string;
  status: string;
  pages: string;
  variants: string;
  starts_at: string | null;
  ends_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const toExperience = (r: ExperienceRow): Experience => ({
  id: r.id,
  siteKey: r.site_key,
  name: r.name,
  status: r.status as Experience["status"],
  pages: JSON.parse(r.pages) as string[],
  variants: JSON.parse(r.variants) as Experience["variants"],
  // Unset bounds are left out rather than null: what GET returns can be PUT back as is.
  ...(r.starts_at ? { start: r.starts_at } : {}),
  ...(r.ends_at ? { end: r.ends_at } : {}),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listExperiences(db: D1Database, siteKey: string): Promise<Experience[]> {
  const { results } = await db.prepare("SELECT * FROM experiences WHERE site_key = ?1 ORDER BY id").bind(siteKey).all<ExperienceRow>();
  return results.map(toExperience);
}

export async function getExperience(db: D1Database, siteKey: string, id: string): Promise<Experience | null> {
  const row = await db.prepare("SELECT * FROM experiences WHERE site_key = ?1 AND id = ?2").bind(siteKey, id).first<ExperienceRow>();
  return row ? toExperience(row) : null;
}

export async function insertExperience(db: D1Database, siteKey: string, id: string, e: ExperienceInput, now: string): Promise<boolean> {
  const res = await db
    .prepare(
      "INSERT INTO experiences (id, site_key, name, status, pages, variants, starts_at, ends_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, ?7, ?7) ON CONFLICT(site_key, id) DO NOTHING",
    )
    .bind(id, siteKey, e.name, e.status, JSON.stringify(e.pages), JSON.stringify(e.variants), now, e.start ?? null, e.end ?? null)
    .run();
  return res.meta.changes === 1;
}

/** As updateSegment: the new version, or null when missing or no longer at version `expected`. */
export async function updateExperience(
  db: D1Database,
  siteKey: string,
  id: string,
  e: ExperienceInput,
  now: string,
  expected: number | null = null,
): Promise<number | null> {
  return db
    .prepare(
      "UPDATE experiences SET name = ?3, status = ?4, pages = ?5, variants = ?6, updated_at = ?7, starts_at = ?9, ends_at = ?10, version = version + 1 WHERE site_key = ?1 AND id = ?2 AND (?8 IS NULL OR version = ?8) RETURNING version",
    )
    .bind(siteKey, id, e.name, e.status, JSON.stringify(e.pages), JSON.stringify(e.variants), now, expected, e.start ?? null, e.end ?? null)
    .first<number>("version");
}

export async function deleteExperience(db: D1Database, siteKey: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM experiences WHERE site_key = ?1 AND id = ?2").bind(siteKey, id).run();
  return res.meta.changes === 1;
}
