// Publishing: D1 (the source of truth) → an immutable versioned snapshot in KV → the live pointer.
import type { Env } from "../env";
import { listExperiences } from "../db/experiences";
import { listSegments } from "../db/segments";
import type { Site } from "../schemas/site";
import { buildSnapshot } from "./snapshot";
import { writeSiteRecord, writeSnapshot } from "./store";

export async function publishSite(env: Env, site: Site, now: string): Promise<{ version: number; publishedAt: string }> {
  const [segments, experiences, last] = await Promise.all([
    listSegments(env.DB, site.key),
    listExperiences(env.DB, site.key),
    env.DB.prepare("SELECT MAX(version) AS v FROM versions WHERE site_key = ?1").bind(site.key).first<number | null>("v"),
  ]);
  const version = (last ?? 0) + 1;
  const snap = buildSnapshot(site.key, version, segments, experiences, now);
  // The snapshot goes first: if a later step fails, an unreferenced snapshot is harmless.
  await writeSnapshot(env, snap);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO versions (site_key, version, published_at) VALUES (?1, ?2, ?3)").bind(site.key, version, now),
    env.DB.prepare("UPDATE sites SET live_version = ?2, updated_at = ?3 WHERE key = ?1").bind(site.key, version, now),
  ]);
  await writeSiteRecord(env, site.key, { origins: site.origins, live: version });
  return { version, publishedAt: now };
}
