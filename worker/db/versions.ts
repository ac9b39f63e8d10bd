// Published versions: number, time, who published, and the source it was built from (what the admin
// had: segments, experiences, topics), so a version can be shown, diffed and rolled back to.
import type { Experience } from "../schemas/experience";
import type { Segment } from "../schemas/segment";
import type { Topic } from "../schemas/topic";

export interface VersionSource {
  segments: Segment[];
  experiences: Experience[];
  topics: Topic[];
}
export interface VersionInfo {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}
interface VersionRow {
  version: number;
  published_at: string;
  published_by: string | null;
  source: string | null;
}

const toInfo = (r: VersionRow): VersionInfo => ({ version: r.version, publishedAt: r.published_at, publishedBy: r.published_by });

export async function listVersions(db: D1Database, siteKey: string): Promise<VersionInfo[]> {
  const { results } = await db
    .prepare("SELECT version, published_at, published_by, NULL AS source FROM versions WHERE site_key = ?1 ORDER BY version DESC")
    .bind(siteKey)
    .all<VersionRow>();
  return results.map(toInfo);
}

/** The version with its source; source is null for versions published before sources were kept. */
export async function getVersion(
  db: D1Database,
  siteKey: string,
  v: number,
): Promise<(VersionInfo & { source: VersionSource | null }) | null> {
  const row = await db.prepare("SELECT * FROM versions WHERE site_key = ?1 AND version = ?2").bind(siteKey, v).first<VersionRow>();
  return row ? { ...toInfo(row), source: row.source === null ? null : (JSON.parse(row.source) as VersionSource) } : null;
}

/**
 * Takes the site's next version number in one statement, so concurrent publishes get distinct versions
 * and never overwrite each other's snapshot.
 */
export async function allocateVersion(db: D1Database, siteKey: string, now: string): Promise<number> {
  const version = await db
    .prepare(
      "INSERT INTO versions (site_key, version, published_at) SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2 FROM versions WHERE site_key = ?1 RETURNING version",
    )
    .bind(siteKey, now)
    .first<number>("version");
  if (version === null) throw new Error("could not allocate a version");
  return version;
}

/** Removes a version whose snapshot could not be stored: nothing can serve it. */
export async function withdrawVersion(db: D1Database, siteKey: string, v: number): Promise<void> {
  await db.prepare("DELETE FROM versions WHERE site_key = ?1 AND version = ?2").bind(siteKey, v).run();
}

export async function recordVersionSource(
  db: D1Database,
  siteKey: string,
  v: number,
  by: string | null,
  source: VersionSource,
): Promise<void> {
  await db
    .prepare("UPDATE versions SET published_by = ?3, source = ?4 WHERE site_key = ?1 AND version = ?2")
    .bind(siteKey, v, by, JSON.stringify(source))
    .run();
}

/**
 * Makes the drafts what `source` holds, in one atomic batch: items not in it are removed, the others
 * written back with their version moved forward (so an editor open on the newer draft gets a conflict).
 */
export async function restoreSource(db: D1Database, siteKey: string, source: VersionSource, now: string): Promise<void> {
  const segIds = JSON.stringify(source.segments.map((s) => s.id));
  const expIds = JSON.stringify(source.experiences.map((e) => e.id));
  const upsertSegment = db.prepare(
    "INSERT INTO segments (id, site_key, name, kind, condition, priority, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(site_key, id) DO UPDATE SET name = ?3, kind = ?4, condition = ?5, priority = ?6, updated_at = ?8, version = segments.version + 1",
  );
  const upsertExperience = db.prepare(
    "INSERT INTO experiences (id, site_key, name, status, pages, variants, created_at, updated_at, starts_at, ends_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(site_key, id) DO UPDATE SET name = ?3, status = ?4, pages = ?5, variants = ?6, updated_at = ?8, starts_at = ?9, ends_at = ?10, version = experiences.version + 1",
  );
  const insertTopic = db.prepare("INSERT INTO topics (site_key, topic, pages) VALUES (?1, ?2, ?3)");
  await db.batch([
    db.prepare("DELETE FROM segments WHERE site_key = ?1 AND id NOT IN (SELECT value FROM json_each(?2))").bind(siteKey, segIds),
    db.prepare("DELETE FROM experiences WHERE site_key = ?1 AND id NOT IN (SELECT value FROM json_each(?2))").bind(siteKey, expIds),
    db.prepare("DELETE FROM topics WHERE site_key = ?1").bind(siteKey),
    ...source.segments.map((s) =>
      upsertSegment.bind(s.id, siteKey, s.name, s.kind, JSON.stringify(s.condition), s.priority, s.createdAt, now),
    ),
    ...source.experiences.map((e) =>
      upsertExperience.bind(
        e.id,
        siteKey,
        e.name,
        e.status,
        JSON.stringify(e.pages),
        JSON.stringify(e.variants),
        e.createdAt,
        now,
        e.start ?? null,
        e.end ?? null,
      ),
    ),
    ...source.topics.map((t) => insertTopic.bind(siteKey, t.topic, JSON.stringify(t.pages))),
  ]);
}
