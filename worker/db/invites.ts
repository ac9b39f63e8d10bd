import type { Role } from "../schemas/admin";

interface InviteRow {
  token_hash: string;
  email: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}
export interface Invite {
  email: string;
  role: Role;
  createdBy: string;
  expiresAt: number;
  usedAt: number | null;
}

const toInvite = (r: InviteRow): Invite => ({
  email: r.email,
  role: r.role as Role,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export async function insertInvite(
  db: D1Database,
  i: { tokenHash: string; email: string; role: Role; createdBy: string; now: number; expiresAt: number },
): Promise<void> {
  await db
    .prepare("INSERT INTO invites (token_hash, email, role, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
    .bind(i.tokenHash, i.email, i.role, i.createdBy, i.now, i.expiresAt)
    .run();
}

export async function getInvite(db: D1Database, tokenHash: string): Promise<Invite | null> {
  const row = await db.prepare("SELECT * FROM invites WHERE token_hash = ?1").bind(tokenHash).first<InviteRow>();
  return row ? toInvite(row) : null;
}

/** Marks the invite used; false when it was already used (two tabs accepting at once: one wins). */
export async function useInvite(db: D1Database, tokenHash: string, now: number): Promise<boolean> {
  const res = await db.prepare("UPDATE invites SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL").bind(tokenHash, now).run();
  return res.meta.changes === 1;
}
