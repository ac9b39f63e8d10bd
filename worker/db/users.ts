import type { Role, User } from "../schemas/admin";

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  salt: string;
  role: string;
  created_at: number;
}
export type UserWithSecret = User & { passwordHash: string; salt: string };

const toUser = (r: UserRow): UserWithSecret => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  createdAt: new Date(r.created_at).toISOString(),
  passwordHash: r.password_hash,
  salt: r.salt,
});

/** Without the password hash and salt: what the API shows. */
export const publicUser = ({ passwordHash: _h, salt: _s, ...user }: UserWithSecret): User => user;

export async function getUserByEmail(db: D1Database, email: string): Promise<UserWithSecret | null> {
  const row = await db.prepare("SELECT * FROM users WHERE email = ?1").bind(email).first<UserRow>();
  return row ? toUser(row) : null;
}

export async function getUser(db: D1Database, id: string): Promise<UserWithSecret | null> {
  const row = await db.prepare("SELECT * FROM users WHERE id = ?1").bind(id).first<UserRow>();
  return row ? toUser(row) : null;
}

export async function listUsers(db: D1Database): Promise<User[]> {
  const { results } = await db.prepare("SELECT * FROM users ORDER BY email").all<UserRow>();
  return results.map((r) => publicUser(toUser(r)));
}

/** Returns false when the email is taken. */
export async function insertUser(
  db: D1Database,
  u: { id: string; email: string; hash: string; salt: string; role: Role },
  now: number,
): Promise<boolean> {
  const res = await db
    .prepare(
      "INSERT INTO users (id, email, password_hash, salt, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(email) DO NOTHING",
    )
    .bind(u.id, u.email, u.hash, u.salt, u.role, now)
    .run();
  return res.meta.changes === 1;
}

export async function setPassword(db: D1Database, id: string, hash: string, salt: string): Promise<void> {
  await db.prepare("UPDATE users SET password_hash = ?2, salt = ?3 WHERE id = ?1").bind(id, hash, salt).run();
}

/**
 * Changes a role unless that would leave no owner (checked in the same statement, so two concurrent
 * demotions cannot both pass). Returns false when refused or the user is gone.
 */
export async function setRole(db: D1Database, id: string, role: Role): Promise<boolean> {
  const res = await db
    .prepare(
      "UPDATE users SET role = ?2 WHERE id = ?1 AND (?2 = 'owner' OR (SELECT COUNT(*) FROM users WHERE role = 'owner' AND id != ?1) > 0)",
    )
    .bind(id, role)
    .run();
  return res.meta.changes === 1;
}

/** Deletes a user (and their sessions) unless they are the last owner. */
export async function deleteUser(db: D1Database, id: string): Promise<boolean> {
  const [, res] = await db.batch([
    db.prepare("DELETE FROM sessions WHERE user_id = ?1 AND (SELECT COUNT(*) FROM users WHERE role = 'owner' AND id != ?1) > 0").bind(id),
    db
      .prepare(
        "DELETE FROM users WHERE id = ?1 AND (role != 'owner' OR (SELECT COUNT(*) FROM users WHERE role = 'owner' AND id != ?1) > 0)",
      )
      .bind(id),
  ]);
  return res!.meta.changes === 1;
}
