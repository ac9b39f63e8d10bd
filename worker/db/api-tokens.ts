import type { Role } from "../schemas/admin";

interface ApiTokenRow {
  id: string;
  token_hash: string;
  site_key: string;
  name: string;
  role: string;
  created_at: number;
  last_used_at: number | null;
}
export interface ApiToken {
  id: string;
  site: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toApiToken = (r: ApiTokenRow): ApiToken => ({
  id: r.id,
  site: r.site_key,
  name: r.name,
  role: r.role as Role,
  createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at),
});

export async function getApiTokenByHash(db: D1Database, tokenHash: string): Promise<(ApiToken & { lastUsedMs: number | null }) | null> {
  const row = await db.prepare("SELECT * FROM api_tokens WHERE token_hash = ?1").bind(tokenHash).first<ApiTokenRow>();
  return row ? { ...toApiToken(row), lastUsedMs: row.last_used_at } : null;
}

export async function listApiTokens(db: D1Database, siteKey: string): Promise<ApiToken[]> {
  const { results } = await db
    .prepare("SELECT * FROM api_tokens WHERE site_key = ?1 ORDER BY created_at, id")
    .bind(siteKey)
    .all<ApiTokenRow>();
  return results.map(toApiToken);
}

export async function insertApiToken(
  db: D1Database,
  t: { id: string; tokenHash: string; site: string; name: string; role: Role; now: number },
): Promise<void> {
  await db
    .prepare("INSERT INTO api_tokens (id, token_hash, site_key, name, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(t.id, t.tokenHash, t.site, t.name, t.role, t.now)
    .run();
}

export async function touchApiToken(db: D1Database, id: string, now: number): Promise<void> {
  await db.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1").bind(id, now).run();
}

export async function deleteApiToken(db: D1Database, siteKey: string, id: string): Promise<boolean> {
  const res = await db.prepare("DELETE FROM api_tokens WHERE site_key = ?1 AND id = ?2").bind(siteKey, id).run();
  return res.meta.changes === 1;
}
