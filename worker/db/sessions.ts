import type { Role } from "../schemas/admin";

interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  email: string;
  role: string;
}
export interface Session {
  idHash: string;
  userId: string;
  email: string;
  role: Role;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

const toSession = (r: SessionRow): Session => ({
  idHash: r.id_hash,
  userId: r.user_id,
  email: r.email,
  role: r.role as Role,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** The session with its user's current email and role (a role change applies to open sessions at once). */
export async function getSession(db: D1Database, idHash: string): Promise<Session | null> {
  const row = await db
    .prepare("SELECT s.*, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1")
    .bind(idHash)
    .first<SessionRow>();
  return row ? toSession(row) : null;
}

export async function insertSession(
  db: D1Database,
  s: { idHash: string; userId: string; csrfToken: string; now: number; expiresAt: number },
): Promise<void> {
  await db
    .prepare("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?4, ?5)")
    .bind(s.idHash, s.userId, s.csrfToken, s.now, s.expiresAt)
    .run();
}

export async function touchSession(db: D1Database, idHash: string, now: number): Promise<void> {
  await db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1").bind(idHash, now).run();
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE id_hash = ?1").bind(idHash).run();
}

/** Ends every session of the user except `keep` (after a password change). */
export async function deleteOtherSessions(db: D1Database, userId: string, keep: string | null): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE user_id = ?1 AND id_hash != COALESCE(?2, '')").bind(userId, keep).run();
}
