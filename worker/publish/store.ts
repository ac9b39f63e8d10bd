// KV layout for published configs:
//   site:<key>        → SiteRecord (allowed origins + live version), rewritten on site change and publish
//   snap:<key>:<v>    → Snapshot, written once and never changed
import type { Env } from "../env";
import { memo } from "../cache/memo";
import { withPaths } from "../pages/paths";
import { siteRecord, snapshot, type SiteRecord, type Snapshot } from "../schemas/published";

const siteKeyOf = (key: string) => `site:${key}`;
const snapKeyOf = (key: string, v: number) => `snap:${key}:${v}`;

// Snapshots are immutable, so an isolate may keep them for its whole life (bounded, oldest out first).
const snapshots = memo<Snapshot>({ max: 200 });

export async function readSiteRecord(env: Env, key: string): Promise<SiteRecord | null> {
  const raw = await env.CONFIGS.get(siteKeyOf(key), "json");
  const parsed = siteRecord.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function writeSiteRecord(env: Env, key: string, record: SiteRecord): Promise<void> {
  await env.CONFIGS.put(siteKeyOf(key), JSON.stringify(record));
}

export async function deleteSiteRecords(env: Env, key: string, versions: number[]): Promise<void> {
  await Promise.all([env.CONFIGS.delete(siteKeyOf(key)), ...versions.map((v) => env.CONFIGS.delete(snapKeyOf(key, v)))]);
}

export async function readSnapshot(env: Env, key: string, v: number, created: string): Promise<Snapshot | null> {
  const k = snapKeyOf(key, v);
  const memoryKey = `${k}:${created}`;
  const hit = snapshots.get(memoryKey);
  if (hit) return hit;
  const parsed = snapshot.safeParse(await env.CONFIGS.get(k, "json"));
  if (!parsed.success) return null;
  withPaths(parsed.data.config);
  snapshots.set(memoryKey, parsed.data);
  return parsed.data;
}

export async function writeSnapshot(env: Env, snap: Snapshot): Promise<void> {
  await env.CONFIGS.put(snapKeyOf(snap.site, snap.v), JSON.stringify(snap));
}
