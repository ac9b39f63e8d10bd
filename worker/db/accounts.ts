import type { AccountList } from "../enrich/accounts";

export async function listAccounts(db: D1Database, siteKey: string): Promise<{ domain: string | null; name: string | null }[]> {
  const { results } = await db.prepare("SELECT domain, name FROM account_lists WHERE site_key = ?1 ORDER BY rowid").bind(siteKey).all<{ domain: string | null; name: string | null }>();
  return results;
}

/** Replaces the site's account list in one atomic batch. */
export async function replaceAccounts(db: D1Database, siteKey: string, rows: { domain?: string; name?: string }[]): Promise<AccountList> {
  const insert = db.prepare("INSERT INTO account_lists (site_key, domain, name) VALUES (?1, ?2, ?3)");
  await db.batch([db.prepare("DELETE FROM account_lists WHERE site_key = ?1").bind(siteKey), ...rows.map((r) => insert.bind(siteKey, r.domain ?? null, r.name ?? null))]);
  return {
    domains: rows.flatMap((r) => (r.domain ? [r.domain] : [])),
    names: rows.flatMap((r) => (r.name ? [r.name] : [])),
  };
}
