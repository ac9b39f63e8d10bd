import { importRows, liveGeneration, type ImportTarget } from "./generations";

/** A site's account list as the context endpoint reads it from KV (enrich/accounts.ts). */
export interface AccountList {
  domains: string[];
  names: string[];
}

const target = (siteKey: string): ImportTarget => ({ scope: `accounts:${siteKey}`, table: "account_lists", site: siteKey });

export async function listAccounts(db: D1Database, siteKey: string): Promise<{ domain: string | null; name: string | null }[]> {
  const { results } = await db
    .prepare(`SELECT domain, name FROM account_lists WHERE site_key = ?1 AND generation = ${liveGeneration(2)} ORDER BY rowid`)
    .bind(siteKey, target(siteKey).scope)
    .all<{ domain: string | null; name: string | null }>();
  return results;
}

/**
 * Replaces the site's account list, all or nothing: the rows are staged in chunks (a few statements
 * even for 50,000 accounts) and go live together (see generations.ts).
 */
export async function replaceAccounts(db: D1Database, siteKey: string, rows: { domain?: string; name?: string }[]): Promise<AccountList> {
  await importRows(
    db,
    target(siteKey),
    "INSERT INTO account_lists (generation, site_key, domain, name) SELECT ?1, ?3, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2) ORDER BY key",
    rows.map((r) => [r.domain ?? null, r.name ?? null]),
  );
  return {
    domains: rows.flatMap((r) => (r.domain ? [r.domain] : [])),
    names: rows.flatMap((r) => (r.name ? [r.name] : [])),
  };
}
