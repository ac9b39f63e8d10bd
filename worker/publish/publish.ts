// Publishing: D1 (the source of truth) → an immutable versioned snapshot in KV → the live pointer.
import type { Env } from "../env";
import { listExperiences } from "../db/experiences";
import { listSegments } from "../db/segments";
import { listTopics } from "../db/topics";
import type { Site } from "../schemas/site";
import { buildSnapshot } from "./snapshot";
import { writeSiteRecord, writeSnapshot } from "./store";

export async function publishSite(env: Env, site: Site, now: string): Promise<{ version: number; publishedAt: string }> {
  // One statement takes the next version number, so concurrent publishes get distinct versions
  // and never overwrite each other's snapshot.
  const version = await env.DB.prepare(
    "INSERT INTO versions (site_key, version, published_at) SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2 FROM versions WHERE site_key = ?1 RETURNING version",
  )
    .bind(site.key, now)
    .first<number>("version");
  if (version === null) throw new Error("could not allocate a version");
  const [segments, experiences, topics] = await Promise.all([listSegments(env.DB, site.key), listExperiences(env.DB, site.key), listTopics(env.DB, site.key)]);
  await writeSnapshot(env, buildSnapshot(site.key, version, segments, experiences, now, topics));
  // Only ever move the live pointer forward: a slower, older publish must not roll it back.
  const live = await env.DB.prepare(
    "UPDATE sites SET live_version = MAX(COALESCE(live_version, 0), ?2), updated_at = ?3 WHERE key = ?1 RETURNING live_version",
  )
    .bind(site.key, version, now)
    .first<number>("live_version");
  await writeSiteRecord(env, site.key, { origins: site.origins, live: live ?? version, created: site.createdAt });
  return { version, publishedAt: now };
}
