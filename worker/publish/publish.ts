// Publishing: D1 (the source of truth) → an immutable versioned snapshot in KV → the live pointer.
import type { Env } from "../env";
import { listExperiences } from "../db/experiences";
import { listSegments } from "../db/segments";
import { listTopics } from "../db/topics";
import { recordVersionSource } from "../db/versions";
import { ApiError, notFound } from "../http/errors";
import type { Site } from "../schemas/site";
import { buildSnapshot } from "./snapshot";
import { writeSiteRecord, writeSnapshot } from "./store";

/** Below KV's 25 MiB value limit, with room: every isolate parses the snapshot once. */
const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;

/** `by` names who published, for the versions list and the audit log. */
export async function publishSite(env: Env, site: Site, now: string, by: string | null = null): Promise<{ version: number; publishedAt: string }> {
  // One statement takes the next version number, so concurrent publishes get distinct versions
  // and never overwrite each other's snapshot.
  const version = await env.DB.prepare(
    "INSERT INTO versions (site_key, version, published_at) SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2 FROM versions WHERE site_key = ?1 RETURNING version",
  )
    .bind(site.key, now)
    .first<number>("version");
  if (version === null) throw new Error("could not allocate a version");
  const [segments, experiences, topics] = await Promise.all([listSegments(env.DB, site.key), listExperiences(env.DB, site.key), listTopics(env.DB, site.key)]);
  const snap = buildSnapshot(site.key, version, segments, experiences, now, topics);
  // KV's limit is in bytes of UTF-8, not in string length: "€" is one UTF-16 unit and three bytes.
  const size = new TextEncoder().encode(JSON.stringify(snap)).byteLength;
  const withdraw = () => env.DB.prepare("DELETE FROM versions WHERE site_key = ?1 AND version = ?2").bind(site.key, version).run();
  if (size > MAX_SNAPSHOT_BYTES) {
    await withdraw();
    throw new ApiError(422, "config_too_large", `The published config would be ${size} bytes; the limit is ${MAX_SNAPSHOT_BYTES}. Remove unused experiences or shorten content.`);
  }
  // The version row exists only once its snapshot does: a failed KV write withdraws it, so no version is
  // listed that nothing can serve (its number is taken again by the next publish).
  try {
    await writeSnapshot(env, snap);
  } catch (e) {
    await withdraw();
    throw e;
  }
  await recordVersionSource(env.DB, site.key, version, by, { segments, experiences, topics });
  // Only ever move the live pointer forward: a slower, older publish must not roll it back.
  const row = await env.DB.prepare(
    "UPDATE sites SET live_version = MAX(COALESCE(live_version, 0), ?2), updated_at = ?3 WHERE key = ?1 RETURNING live_version, origins, created_at",
  )
    .bind(site.key, version, now)
    .first<{ live_version: number; origins: string; created_at: string }>();
  // Deleted while publishing: don't bring it back to life in KV.
  if (!row) throw notFound(`Site "${site.key}"`);
  // The record is written from the row as it is now, not as this request first read it: a concurrent
  // change of origins must not be undone.
  await writeSiteRecord(env, site.key, { origins: JSON.parse(row.origins) as string[], live: row.live_version, created: row.created_at });
  return { version, publishedAt: now };
}
