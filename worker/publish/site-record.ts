// A site's KV record (allowed origins, live version, creation time) is derived from its D1 row, only
// ever here: written from the row as it is now, never from what a request read earlier, so a publish and
// a change of origins running at once cannot undo each other. A row that is gone takes its record along.
import type { Env } from "../env";
import { deleteSite, getSite } from "../db/sites";
import { listVersions } from "../db/versions";
import { deleteAccountList } from "../enrich/accounts";
import type { Site } from "../schemas/site";
import { deleteSiteRecords, writeSiteRecord } from "./store";

/** Rewrites (or removes) `site:<key>` from D1; returns the row it was built from. */
export async function syncSiteRecord(env: Env, key: string): Promise<Site | null> {
  const site = await getSite(env.DB, key);
  if (site) await writeSiteRecord(env, key, { origins: site.origins, live: site.liveVersion, created: site.createdAt });
  else await deleteSiteRecords(env, key, []);
  return site;
}

/** Deletes the site from D1, then everything KV holds for it: record, snapshots, account list. */
export async function removeSite(env: Env, key: string): Promise<void> {
  const versions = await listVersions(env.DB, key);
  await deleteSite(env.DB, key);
  await deleteSiteRecords(
    env,
    key,
    versions.map((v) => v.version),
  );
  await deleteAccountList(env, key);
}
