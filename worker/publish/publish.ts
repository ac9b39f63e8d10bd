// Publishing: D1 (the source of truth) → an immutable versioned snapshot in KV → the live pointer.
import type { Env } from "../env";
import { listExperiences } from "../db/experiences";
import { listSegments } from "../db/segments";
import { advanceLiveVersion } from "../db/sites";
import { listTopics } from "../db/topics";
import { allocateVersion, recordVersionSource, withdrawVersion } from "../db/versions";
import { DomainError, notFound } from "../errors";
import type { Site } from "../schemas/site";
import { syncSiteRecord } from "./site-record";
import { buildSnapshot } from "./snapshot";
import { writeSnapshot } from "./store";

/** Below KV's 25 MiB value limit, with room: every isolate parses the snapshot once. */
const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;

/** `by` names who published, for the versions list and the audit log. */
export async function publishSite(
  env: Env,
  site: Site,
  now: string,
  by: string | null = null,
): Promise<{ version: number; publishedAt: string }> {
  const version = await allocateVersion(env.DB, site.key, now);
  const [segments, experiences, topics] = await Promise.all([
    listSegments(env.DB, site.key),
    listExperiences(env.DB, site.key),
    listTopics(env.DB, site.key),
  ]);
  const snap = buildSnapshot(site.key, version, segments, experiences, now, topics);
  // KV's limit is in bytes of UTF-8, not in string length: "€" is one UTF-16 unit and three bytes.
  const size = new TextEncoder().encode(JSON.stringify(snap)).byteLength;
  if (size > MAX_SNAPSHOT_BYTES) {
    await withdrawVersion(env.DB, site.key, version);
    throw new DomainError(
      "unprocessable",
      "config_too_large",
      `The published config would be ${size} bytes; the limit is ${MAX_SNAPSHOT_BYTES}. Remove unused experiences or shorten content.`,
    );
  }
  // The version row exists only once its snapshot does: a failed KV write withdraws it, so no version is
  // listed that nothing can serve (its number is taken again by the next publish).
  try {
    await writeSnapshot(env, snap);
  } catch (e) {
    await withdrawVersion(env.DB, site.key, version);
    throw e;
  }
  await recordVersionSource(env.DB, site.key, version, by, { segments, experiences, topics });
  await advanceLiveVersion(env.DB, site.key, version, now);
  // Deleted while publishing: the sync removes its record instead of bringing it back to life in KV.
  if (!(await syncSiteRecord(env, site.key))) throw notFound(`Site "${site.key}"`);
  return { version, publishedAt: now };
}
