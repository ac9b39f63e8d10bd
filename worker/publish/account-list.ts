// A site's account list: D1 holds it, KV serves it to the context endpoint (enrich/accounts.ts). It takes
// effect at once, without a publish: it is data the Worker matches against, not content sent to pages.
import type { Env } from "../env";
import { replaceAccounts } from "../db/accounts";
import { writeAccountList } from "../enrich/accounts";

/** Replaces the list in D1 (all or nothing), then its copy in KV. */
export async function replaceAccountList(env: Env, site: string, rows: { domain?: string; name?: string }[]): Promise<void> {
  await writeAccountList(env, site, await replaceAccounts(env.DB, site, rows));
}
