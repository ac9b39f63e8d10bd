// A site's account list (target accounts): company domains and names imported by the admin, kept in
// D1 and mirrored to KV for the context endpoint. It only ever sets company.inAccountList for the
// visitor's own company; the list itself never leaves the server.
import type { Env } from "../env";
import type { AccountList } from "../db/accounts";
import { memo } from "../cache/memo";

const RECHECK_MS = 30_000;
type Lookup = { domains: Set<string>; names: Set<string> };
const memory = memo<Lookup | null>({ max: 1000, ttlMs: RECHECK_MS });
const keyOf = (site: string) => `accounts:${site}`;
const norm = (s: string) => s.trim().toLowerCase();

export async function writeAccountList(env: Env, site: string, list: AccountList): Promise<void> {
  await env.CONFIGS.put(keyOf(site), JSON.stringify(list));
  memory.delete(site);
}

export async function deleteAccountList(env: Env, site: string): Promise<void> {
  await env.CONFIGS.delete(keyOf(site));
  memory.delete(site);
}

export async function inAccountList(
  env: Env,
  site: string,
  company: { domain?: string; name?: string },
  now = Date.now(),
): Promise<boolean> {
  let list = memory.get(site, now);
  if (list === undefined) {
    const raw = await env.CONFIGS.get<AccountList>(keyOf(site), "json");
    list = raw ? { domains: new Set(raw.domains.map(norm)), names: new Set(raw.names.map(norm)) } : null;
    memory.set(site, list, now);
  }
  if (!list) return false;
  return Boolean((company.domain && list.domains.has(norm(company.domain))) || (company.name && list.names.has(norm(company.name))));
}
