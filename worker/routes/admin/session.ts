// Login sessions: login and invite acceptance (before any authentication), logout, me, password change.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../../env";
import { checkLogin, LoginFailed, LoginThrottled } from "../../auth/login";
import { hashPassword } from "../../auth/password";
import { newId, randomToken, sha256Hex } from "../../auth/secrets";
import { ABSOLUTE_MS, cookieIsSecure, SESSION_COOKIE } from "../../auth/session-policy";
import { insertAudit } from "../../db/audit";
import { getInvite, useInvite } from "../../db/invites";
import { deleteOtherSessions, deleteSession, insertSession } from "../../db/sessions";
import { getUserByEmail, insertUser, publicUser, setPassword } from "../../db/users";
import { ApiError } from "../../http/errors";
import { requireRole } from "../../http/auth";
import { jsonBody } from "../../http/validate";
import { inviteAccept, loginInput, passwordChange } from "../../schemas/admin";
import { audit } from "./audit-trail";
import { nowIso } from "./site-scope";

const clientIp = (c: Context) => c.req.header("cf-connecting-ip") ?? "unknown";

/** Runs the login decision and maps its domain errors to HTTP. */
async function login(c: Context<AppEnv>, email: string, password: string) {
  try {
    return await checkLogin(c.env, email, password, clientIp(c), Date.now());
  } catch (err) {
    if (err instanceof LoginThrottled) {
      const seconds = Math.ceil(err.waitMs / 1000);
      c.header("Retry-After", String(seconds));
      throw new ApiError(429, "too_many_attempts", `Too many failed logins; try again in ${seconds} seconds (or use the owner token)`);
    }
    if (err instanceof LoginFailed) {
      await insertAudit(c.env.DB, { at: nowIso(), actor: email, action: "login.failed", site: null, target: null, summary: null });
      throw new ApiError(401, "invalid_login", "Wrong email or password");
    }
    throw err;
  }
}

export const sessionPublic = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const { email, password } = await jsonBody(c, loginInput);
    const user = await login(c, email, password);
    const token = randomToken();
    const csrfToken = randomToken();
    const now = Date.now();
    await insertSession(c.env.DB, { idHash: await sha256Hex(token), userId: user.id, csrfToken, now, expiresAt: now + ABSOLUTE_MS });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/admin",
      secure: cookieIsSecure(c.req.url),
      maxAge: ABSOLUTE_MS / 1000,
    });
    await insertAudit(c.env.DB, {
      at: nowIso(),
      actor: `user:${user.id} ${user.email}`,
      action: "login",
      site: null,
      target: user.id,
      summary: null,
    });
    return c.json({ user: publicUser(user), csrfToken, expiresAt: new Date(now + ABSOLUTE_MS).toISOString() });
  })

  // The invite's token is the credential here; accepting creates the account (log in next).
  .post("/invites/accept", async (c) => {
    const { token, password } = await jsonBody(c, inviteAccept);
    const hash = await sha256Hex(token);
    const invite = await getInvite(c.env.DB, hash);
    const now = Date.now();
    if (!invite) throw new ApiError(404, "invite_invalid", "This invite link is not valid; ask an owner for a new one");
    if (invite.usedAt !== null) throw new ApiError(410, "invite_used", "This invite link was already used; log in instead");
    if (invite.expiresAt <= now) throw new ApiError(410, "invite_expired", "This invite link has expired; ask an owner for a new one");
    if (await getUserByEmail(c.env.DB, invite.email))
      throw new ApiError(409, "conflict", `An account for ${invite.email} already exists; log in instead`);
    if (!(await useInvite(c.env.DB, hash, now)))
      throw new ApiError(410, "invite_used", "This invite link was already used; log in instead");
    const id = newId("usr");
    const { hash: pw, salt } = await hashPassword(password);
    if (!(await insertUser(c.env.DB, { id, email: invite.email, hash: pw, salt, role: invite.role }, now))) {
      throw new ApiError(409, "conflict", `An account for ${invite.email} already exists; log in instead`);
    }
    await insertAudit(c.env.DB, {
      at: nowIso(),
      actor: invite.email,
      action: "invite.accept",
      site: null,
      target: id,
      summary: { before: null, after: { role: invite.role } },
    });
    return c.json({ user: { id, email: invite.email, role: invite.role, createdAt: new Date(now).toISOString() } }, 201);
  });

export const sessionRoutes = new Hono<AppEnv>()
  .post("/logout", requireRole("viewer"), async (c) => {
    const p = c.get("principal");
    if (p.kind === "session") {
      await deleteSession(c.env.DB, p.sessionHash);
      await audit(c, "logout", { target: p.userId });
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/admin", secure: cookieIsSecure(c.req.url) });
    return c.body(null, 204);
  })

  .get("/me", requireRole("viewer"), (c) => {
    const p = c.get("principal");
    if (p.kind === "session") return c.json({ kind: p.kind, role: p.role, user: { id: p.userId, email: p.email }, csrfToken: p.csrfToken });
    return c.json(
      p.kind === "site-token" ? { kind: p.kind, role: p.role, site: p.site, tokenId: p.tokenId } : { kind: p.kind, role: p.role },
    );
  })

  .post("/me/password", requireRole("viewer"), async (c) => {
    const p = c.get("principal");
    if (p.kind !== "session") throw new ApiError(400, "no_password", "Only a logged-in user has a password to change");
    const { currentPassword, newPassword } = await jsonBody(c, passwordChange);
    await login(c, p.email, currentPassword);
    const { hash, salt } = await hashPassword(newPassword);
    await setPassword(c.env.DB, p.userId, hash, salt);
    // Whoever else holds a session (a stolen one, a forgotten laptop) is out; this one stays.
    await deleteOtherSessions(c.env.DB, p.userId, p.sessionHash);
    await audit(c, "user.password", { target: p.userId });
    return c.body(null, 204);
  });
