// Logged-in requests for the admin tests: users made with the owner token, sessions from /login.
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import type { Role } from "../../worker/schemas/admin";
import { adminOk, BASE, uniqueKey, type ErrorBody } from "./helpers";

export const PASSWORD = "correct horse battery staple";

export interface SessionAuth {
  cookie: string;
  csrf: string;
  userId: string;
  email: string;
}

/** A random client address, so each test has its own per-client login counter. */
export const clientIp = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

export const uniqueEmail = () => `${uniqueKey("user")}@example.test`;

export async function createUser(role: Role, email = uniqueEmail(), password = PASSWORD): Promise<{ id: string; email: string }> {
  return adminOk<{ id: string; email: string }>("POST", "/users", { email, password, role });
}

export function loginRequest(email: string, password: string, ip = clientIp(), base = BASE): Promise<Response> {
  return SELF.fetch(`${base}/admin/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ email, password }),
  });
}

export async function login(email: string, password = PASSWORD): Promise<SessionAuth> {
  const res = await loginRequest(email, password);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const cookie = /facet_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
  const body = JSON.parse(text) as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, userId: body.user.id, email };
}

/** A new user with `role`, logged in. */
export async function session(role: Role): Promise<SessionAuth> {
  const user = await createUser(role);
  return login(user.email);
}

export interface SessionInit {
  body?: unknown;
  /** false: leave out X-CSRF-Token; a string: send that instead of the session's. */
  csrf?: boolean | string;
  headers?: Record<string, string>;
}

export function asSession(s: SessionAuth, method: string, path: string, init: SessionInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("cookie", `facet_session=${s.cookie}`);
  if (init.csrf !== false) headers.set("x-csrf-token", typeof init.csrf === "string" ? init.csrf : s.csrf);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return SELF.fetch(`${BASE}/admin/api${path}`, { method, headers, body: init.body === undefined ? null : JSON.stringify(init.body) });
}

export async function asSessionOk<T>(
  s: SessionAuth,
  method: string,
  path: string,
  init: SessionInit = {},
  status = method === "POST" ? 201 : 200,
): Promise<T> {
  const res = await asSession(s, method, path, init);
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

export function withToken(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return SELF.fetch(`${BASE}/admin/api${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
}

/** A refusal whose side effects are intended (a failed login is counted, an expired session deleted). */
export async function expectError(res: Promise<Response>, status: number, code: string): Promise<ErrorBody["error"]> {
  const r = await res;
  const body = await r.json<ErrorBody>();
  expect(r.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  return body.error;
}
