// Shared by the Worker integration tests: the admin API with the owner's token, fixtures with unique
// keys (storage is shared by the tests of a file), and a snapshot of all of D1 and KV so a rejected
// request can be shown to have changed nothing.
import { SELF, env } from "cloudflare:test";
import { expect } from "vitest";
import app from "../../worker/index";
import type { Env } from "../../worker/env";
import type { Experience } from "../../worker/schemas/experience";
import type { Segment } from "../../worker/schemas/segment";
import type { Site } from "../../worker/schemas/site";

export const ADMIN_TOKEN = "test-owner-token-0123456789";
export const BASE = "http://facet.test";

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** A key nobody else in the file uses: site keys and segment/experience ids are unique tables. */
export const uniqueKey = (prefix = "site") => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

let blocks = 0;
const secondOctet = crypto.getRandomValues(new Uint8Array(1))[0]!;
/** A fresh /24 of company addresses: company ranges are one global table, so tests never share a block. */
export function ipBlock(): { cidr: string; ip: (host: number) => string } {
  const third = ++blocks;
  return { cidr: `10.${secondOctet}.${third}.0/24`, ip: (host) => `10.${secondOctet}.${third}.${host}` };
}

export interface AdminInit {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim (for malformed JSON). */
  raw?: string;
  /** null: no Authorization header. */
  token?: string | null;
  /** null: no Content-Type header. Defaults to application/json when there is a body. */
  contentType?: string | null;
}

export function admin(method: string, path: string, init: AdminInit = {}): Promise<Response> {
  const headers = new Headers();
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const type = init.contentType === undefined ? (body === undefined ? null : "application/json") : init.contentType;
  if (type !== null) headers.set("content-type", type);
  return SELF.fetch(`${BASE}/admin/api${path}`, { method, headers, body: body ?? null });
}

/** An admin call that must succeed with `status`; returns its JSON body. */
export async function adminOk<T>(method: string, path: string, body?: unknown, status = method === "POST" ? 201 : 200): Promise<T> {
  const res = await admin(method, path, body === undefined ? {} : { body });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

// ---- fixtures --------------------------------------------------------------------------------------

export const createSite = (input: { key?: string; name?: string; origins?: string[] } = {}) =>
  adminOk<Site>("POST", "/sites", { key: input.key ?? uniqueKey(), name: input.name ?? "Test site", origins: input.origins ?? [] });

export const createSegment = (
  site: string,
  input: { id?: string; name?: string; condition: Record<string, unknown>; priority?: number; kind?: string },
) => adminOk<Segment>("POST", `/sites/${site}/segments`, { name: "Segment", ...input, id: input.id ?? uniqueKey("seg") });

export const createExperience = (
  site: string,
  input: { id?: string; name?: string; status?: string; pages?: string[]; start?: string; end?: string; variants: unknown[] },
) => adminOk<Experience>("POST", `/sites/${site}/experiences`, { name: "Experience", ...input, id: input.id ?? uniqueKey("exp") });

export const publish = (site: string) => adminOk<{ version: number; publishedAt: string }>("POST", `/sites/${site}/publish`);

/**
 * Publishes `site` with a live segment over company.*: /context looks the visitor's company up only for
 * a config that needs it (README "IP-data provider"), so tests of the company waterfall publish this way.
 */
export async function publishNeedingCompany(site: string) {
  const segment = await createSegment(site, { condition: { "company.type": "business" } });
  await createExperience(site, {
    variants: [{ segment: segment.id, changes: [{ type: "text", selector: "#company-hello", value: "Hello" }] }],
  });
  return publish(site);
}

export interface RangesImported {
  added: number;
  replaced: boolean;
  /** Size of the rebuilt index: non-overlapping spans, and the companies they point at. */
  spans: number;
  companies: number;
}

export const addCompanyRanges = (ranges: unknown[], query = "") => adminOk<RangesImported>("POST", `/company-ranges${query}`, { ranges });

/** The packed range index as stored in KV (9 uint32 words a span): its span and company counts. */
export async function rangeIndexInKv(): Promise<{ spans: number; companies: number }> {
  const version = await env.CONFIGS.get("ranges:version");
  if (!version) return { spans: 0, companies: 0 };
  const [buffer, companies] = await Promise.all([
    env.CONFIGS.get(`ranges:spans:${version}`, "arrayBuffer"),
    env.CONFIGS.get<unknown[]>(`ranges:companies:${version}`, "json"),
  ]);
  return { spans: buffer ? buffer.byteLength / 36 : 0, companies: companies?.length ?? 0 };
}

// ---- storage snapshot ------------------------------------------------------------------------------

const TABLES = [
  "sites",
  "segments",
  "experiences",
  "versions",
  "company_ranges",
  "account_lists",
  "topics",
  "users",
  "sessions",
  "invites",
  "login_attempts",
  "api_tokens",
  "audit_log",
  "import_generations",
] as const;

/** Every row of every Facet table and every KV key with its value, as one string. */
export async function storageSnapshot(): Promise<string> {
  const results = await env.DB.batch(TABLES.map((table) => env.DB.prepare(`SELECT * FROM ${table} ORDER BY rowid`)));
  const d1 = Object.fromEntries(TABLES.map((table, i) => [table, results[i]!.results]));
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.CONFIGS.list(cursor ? { cursor } : {});
    names.push(...page.keys.map((k) => k.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  const values = await Promise.all(names.map((name) => env.CONFIGS.get(name)));
  const kv = Object.fromEntries(names.map((name, i) => [name, values[i]]));
  return JSON.stringify({ d1, kv });
}

/**
 * Sends a request that must be refused with `status` and the error envelope carrying `code`, and
 * checks D1 and KV are byte-for-byte what they were. Returns the envelope's `error` for more checks.
 */
export async function expectRejected(send: () => Promise<Response>, status: number, code: string): Promise<ErrorBody["error"]> {
  const before = await storageSnapshot();
  const res = await send();
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(await storageSnapshot()).toBe(before);
  return body.error;
}

/** As expectRejected for a 400 invalid_input, and the `fields` must name `path`. */
export async function expectInvalidField(send: () => Promise<Response>, path: string): Promise<void> {
  const error = await expectRejected(send, 400, "invalid_input");
  expect(Object.keys(error.fields ?? {})).toContain(path);
}

/**
 * The guards every admin write shares: no token or a wrong one → 401; for bodies, a wrong
 * Content-Type → 415 and malformed JSON → 400 invalid_json. Each leaves storage unchanged.
 */
export async function expectWriteGuards(method: string, path: string, body?: unknown): Promise<void> {
  const init: AdminInit = body === undefined ? {} : { body };
  for (const token of [null, "wrong-token-wrong-token-0000", ""]) {
    const error = await expectRejected(() => admin(method, path, { ...init, token }), 401, "unauthorized");
    expect(error.message).toMatch(/Bearer/);
  }
  if (body === undefined) return;
  await expectRejected(() => admin(method, path, { body, contentType: "text/plain" }), 415, "unsupported_media_type");
  await expectRejected(() => admin(method, path, { body, contentType: null }), 415, "unsupported_media_type");
  await expectRejected(() => admin(method, path, { raw: '{"name": "x",' }), 400, "invalid_json");
  await expectRejected(() => admin(method, path, { raw: "" }), 400, "invalid_json");
}

// ---- public requests with a chosen env or request.cf ----------------------------------------------

export interface VisitInit {
  headers?: Record<string, string>;
  /** What Cloudflare's edge would put in request.cf. */
  cf?: Record<string, unknown>;
  /** Bindings to override, e.g. { FACET_DEV: undefined } for production. */
  env?: Partial<Env>;
}

/** The request a visitor's browser would send, with what Cloudflare's edge would add. */
export const visitRequest = (path: string, init: VisitInit = {}) =>
  new Request(`${BASE}${path}`, { headers: init.headers ?? {}, ...(init.cf ? { cf: init.cf } : {}) } as RequestInit);

/** A public request straight into the Hono app, so request.cf and the bindings can vary per test. */
export function visit(path: string, init: VisitInit = {}): Promise<Response> {
  return Promise.resolve(app.request(visitRequest(path, init), undefined, { ...env, ...init.env }));
}

export const PRODUCTION: Partial<Env> = { FACET_DEV: undefined };
