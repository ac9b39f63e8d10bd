// Logins, sessions, CSRF, throttling, password change, invites and user management.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from "../../worker/auth/password";
import { ABSOLUTE_MS, IDLE_MS } from "../../worker/auth/session-policy";
import { admin, adminOk, BASE, expectRejected, type ErrorBody } from "./helpers";
import { asSession, asSessionOk, expectError, clientIp, createUser, login, loginRequest, PASSWORD, session, uniqueEmail } from "./sessions";

describe("passwords", () => {
  it("use exactly 100,000 PBKDF2 iterations (deployed workerd refuses more)", () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
  });

  it("are stored as a salted hash, different for two users with the same password", async () => {
    const a = await createUser("viewer");
    const b = await createUser("viewer");
    const rows = await env.DB.prepare("SELECT * FROM users WHERE id IN (?1, ?2)")
      .bind(a.id, b.id)
      .all<{ password_hash: string; salt: string }>();
    const [ra, rb] = rows.results;
    expect(ra!.password_hash).not.toContain(PASSWORD);
    expect(ra!.salt).not.toBe(rb!.salt);
    expect(ra!.password_hash).not.toBe(rb!.password_hash);
    const stored = await hashPassword("another password!");
    expect(await verifyPassword("another password!", stored)).toBe(true);
    expect(await verifyPassword("another password?", stored)).toBe(false);
  });
});

describe("POST /admin/api/login", () => {
  it("sets an HttpOnly, SameSite=Strict, Secure session cookie on /admin and returns the CSRF token", async () => {
    const user = await createUser("editor");
    const res = await loginRequest(user.email, PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^facet_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/Secure/);
    const body = await res.json<{ csrfToken: string; user: { email: string; role: string } }>();
    expect(body.user).toMatchObject({ email: user.email, role: "editor" });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    // The session id is stored hashed, never as the cookie holds it.
    const value = /facet_session=([^;]+)/.exec(cookie)![1]!;
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id_hash = ?1").bind(value).first("n")).toBe(0);
  });

  it("leaves out Secure on http://localhost and http://127.0.0.1 only", async () => {
    const user = await createUser("viewer");
    for (const base of ["http://localhost:8787", "http://127.0.0.1:8787"]) {
      const cookie = (await loginRequest(user.email, PASSWORD, clientIp(), base)).headers.get("set-cookie")!;
      expect(cookie).not.toMatch(/Secure/);
    }
  });

  it("refuses a wrong password and an unknown email alike, with 401", async () => {
    const user = await createUser("viewer");
    for (const [email, password] of [
      [user.email, "wrong password 123"],
      [uniqueEmail(), PASSWORD],
    ]) {
      const res = await loginRequest(email!, password!);
      expect(res.status).toBe(401);
      expect((await res.json<ErrorBody>()).error.code).toBe("invalid_login");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("slows an account down after 5 failures, refusing even the right password with 429 and Retry-After", async () => {
    const user = await createUser("owner");
    for (let i = 0; i < 4; i++) expect((await loginRequest(user.email, "wrong password 123", clientIp())).status).toBe(401);
    expect((await loginRequest(user.email, "wrong password 123", clientIp())).status).toBe(401);
    const res = await loginRequest(user.email, PASSWORD, clientIp());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    expect((await res.json<ErrorBody>()).error.code).toBe("too_many_attempts");
    // The owner token still gets in, and the counters hold no raw email or address.
    expect((await admin("GET", "/users")).status).toBe(200);
    const keys = (await env.DB.prepare("SELECT key FROM login_attempts").all<{ key: string }>()).results.map((r) => r.key);
    expect(keys.join(" ")).not.toContain(user.email);
    expect(keys.join(" ")).not.toMatch(/198\.51\.100/);
    // Once the wait is over, the right password works again (and resets the account's counter).
    await env.DB.prepare("UPDATE login_attempts SET blocked_until = 0").run();
    expect((await loginRequest(user.email, PASSWORD, clientIp())).status).toBe(200);
  });

  it("slows a client down after 20 failures, whatever accounts it tries", async () => {
    const ip = clientIp().replace("198.51.100", "203.0.113");
    const user = await createUser("viewer");
    for (let i = 0; i < 20; i++) expect((await loginRequest(uniqueEmail(), "wrong password 123", ip)).status).toBe(401);
    expect((await loginRequest(user.email, PASSWORD, ip)).status).toBe(429);
    expect((await loginRequest(user.email, PASSWORD, clientIp())).status).toBe(200);
    await env.DB.prepare("UPDATE login_attempts SET blocked_until = 0").run();
  });

  it("records logins and failed logins in the audit log", async () => {
    const user = await createUser("viewer");
    await loginRequest(user.email, "wrong password 123");
    await login(user.email);
    const { entries } = await adminOk<{ entries: { action: string; actor: string }[] }>("GET", "/audit?limit=20");
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["login", "login.failed"]));
  });
});

describe("sessions", () => {
  it("GET /me answers who is logged in, with the CSRF token", async () => {
    const s = await session("editor");
    expect(await asSessionOk(s, "GET", "/me")).toEqual({
      kind: "session",
      role: "editor",
      user: { id: s.userId, email: s.email },
      csrfToken: s.csrf,
    });
    expect(await adminOk("GET", "/me")).toEqual({ kind: "owner-token", role: "owner" });
  });

  it("refuses a state change without the CSRF header, or with another session's", async () => {
    const s = await session("owner");
    const other = await session("owner");
    const body = { key: `csrf-${crypto.randomUUID().slice(0, 8)}`, name: "x" };
    await expectRejected(() => asSession(s, "POST", "/sites", { body, csrf: false }), 403, "csrf_failed");
    await expectRejected(() => asSession(s, "POST", "/sites", { body, csrf: other.csrf }), 403, "csrf_failed");
    await asSessionOk(s, "POST", "/sites", { body });
  });

  it("logout ends the session", async () => {
    const s = await session("viewer");
    const res = await asSession(s, "POST", "/logout");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/facet_session=;/);
    await expectRejected(() => asSession(s, "GET", "/me"), 401, "unauthorized");
  });

  it(`expires after ${IDLE_MS / 3_600_000} h idle and ${ABSOLUTE_MS / 86_400_000} days in all`, async () => {
    const idle = await session("viewer");
    await env.DB.prepare("UPDATE sessions SET last_seen_at = last_seen_at - ?2 WHERE user_id = ?1").bind(idle.userId, IDLE_MS).run();
    // An expired session is deleted on sight: refused, and storage does change.
    expect((await expectError(asSession(idle, "GET", "/me"), 401, "unauthorized")).message).toMatch(/expired/);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?1").bind(idle.userId).first("n")).toBe(0);

    const old = await session("viewer");
    await env.DB.prepare("UPDATE sessions SET expires_at = ?2 WHERE user_id = ?1")
      .bind(old.userId, Date.now() - 1)
      .run();
    await expectError(asSession(old, "GET", "/me"), 401, "unauthorized");
  });

  it("refuses a made-up session cookie", async () => {
    await expectRejected(() => SELF.fetch(`${BASE}/admin/api/me`, { headers: { cookie: "facet_session=made-up" } }), 401, "unauthorized");
  });
});

describe("password change", () => {
  it("needs the current password and ends the user's other sessions", async () => {
    const user = await createUser("editor");
    const here = await login(user.email);
    const elsewhere = await login(user.email);
    // A wrong current password counts as a failed login (so it is throttled like one).
    await expectError(
      asSession(here, "POST", "/me/password", { body: { currentPassword: "not it at all", newPassword: "a brand new password" } }),
      401,
      "invalid_login",
    );
    await asSessionOk(here, "POST", "/me/password", { body: { currentPassword: PASSWORD, newPassword: "a brand new password" } }, 204);
    await asSessionOk(here, "GET", "/me");
    await expectRejected(() => asSession(elsewhere, "GET", "/me"), 401, "unauthorized");
    expect((await loginRequest(user.email, PASSWORD)).status).toBe(401);
    await login(user.email, "a brand new password");
  });
});

describe("users and invites", () => {
  it("an owner invites; the link sets a password once; the new user logs in with the invited role", async () => {
    const owner = await session("owner");
    const email = uniqueEmail();
    const invite = await asSessionOk<{ token: string; url: string }>(owner, "POST", "/invites", { body: { email, role: "editor" } });
    expect(invite.url).toBe(`${BASE}/admin/invite#${invite.token}`);
    const accept = (password: string) =>
      SELF.fetch(`${BASE}/admin/api/invites/accept`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: invite.token, password }),
      });
    expect((await accept("my own password")).status).toBe(201);
    await expectRejected(() => accept("another password"), 410, "invite_used");
    const s = await login(email, "my own password");
    expect((await asSessionOk<{ role: string }>(s, "GET", "/me")).role).toBe("editor");
    await expectRejected(
      () =>
        SELF.fetch(`${BASE}/admin/api/invites/accept`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token: "made-up", password: "whatever password" }),
        }),
      404,
      "invite_invalid",
    );
  });

  it("refuses an expired invite", async () => {
    const invite = await adminOk<{ token: string }>("POST", "/invites", { email: uniqueEmail(), role: "viewer" });
    await env.DB.prepare("UPDATE invites SET expires_at = 0 WHERE used_at IS NULL").run();
    await expectRejected(
      () =>
        SELF.fetch(`${BASE}/admin/api/invites/accept`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token: invite.token, password: "whatever password" }),
        }),
      410,
      "invite_expired",
    );
  });

  it("an owner lists users, changes a role (effective at once) and removes a user (ending their sessions)", async () => {
    const owner = await session("owner");
    const s = await session("viewer");
    const { users } = await asSessionOk<{ users: { id: string; email: string }[] }>(owner, "GET", "/users");
    expect(users.find((u) => u.id === s.userId)).toMatchObject({ email: s.email, role: "viewer" });
    expect(JSON.stringify(users)).not.toMatch(/password|salt/i);
    await asSessionOk(owner, "PATCH", `/users/${s.userId}`, { body: { role: "editor" } });
    expect((await asSessionOk<{ role: string }>(s, "GET", "/me")).role).toBe("editor");
    await asSessionOk(owner, "DELETE", `/users/${s.userId}`, {}, 204);
    await expectRejected(() => asSession(s, "GET", "/me"), 401, "unauthorized");
  });

  it("never removes or demotes the last owner", async () => {
    const owners = (await env.DB.prepare("SELECT id FROM users WHERE role = 'owner'").all<{ id: string }>()).results;
    for (const o of owners) await env.DB.prepare("UPDATE users SET role = 'editor' WHERE id = ?1").bind(o.id).run();
    const last = await createUser("owner");
    await expectRejected(() => admin("PATCH", `/users/${last.id}`, { body: { role: "viewer" } }), 409, "last_owner");
    await expectRejected(() => admin("DELETE", `/users/${last.id}`), 409, "last_owner");
    for (const o of owners) await env.DB.prepare("UPDATE users SET role = 'owner' WHERE id = ?1").bind(o.id).run();
  });

  it("refuses a duplicate email and a short password", async () => {
    const user = await createUser("viewer");
    await expectRejected(
      () => admin("POST", "/users", { body: { email: user.email.toUpperCase(), password: PASSWORD, role: "viewer" } }),
      409,
      "conflict",
    );
    const error = await expectRejected(
      () => admin("POST", "/users", { body: { email: uniqueEmail(), password: "short", role: "viewer" } }),
      400,
      "invalid_input",
    );
    expect(Object.keys(error.fields!)).toContain("password");
  });
});
