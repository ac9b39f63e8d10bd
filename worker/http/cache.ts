// Answers that are the same for everyone get an ETag and a Cache-Control, and a matching
// If-None-Match gets a 304 without a body.
import type { Context } from "hono";
import { memo as memoOf } from "../cache/memo";

async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(body)));
  return `"${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

// Bodies and ETags of objects served again and again (a snapshot's config, the snippet) are computed once.
const memo = new WeakMap<object, { body: string; etag: Promise<string> }>();
const bodyEtags = memoOf<Promise<string>>({ max: 8 });

export async function cachedJson(c: Context, data: object, cacheControl: string): Promise<Response> {
  let m = memo.get(data);
  if (!m) {
    const body = JSON.stringify(data);
    m = { body, etag: etagOf(body) };
    memo.set(data, m);
  }
  return respond(c, m.body, await m.etag, cacheControl, "application/json; charset=utf-8");
}

/** For a body made from one object that never changes (a snapshot's config): made, with its ETag, once per object. */
export async function cachedDerived(c: Context, from: object, make: () => string, cacheControl: string, type: string): Promise<Response> {
  let m = derived.get(from);
  if (!m) {
    const body = make();
    m = { body, etag: etagOf(body) };
    derived.set(from, m);
  }
  return respond(c, m.body, await m.etag, cacheControl, type);
}
const derived = new WeakMap<object, { body: string; etag: Promise<string> }>();

/** For a body that never changes while the isolate lives (the snippet). */
export async function cachedBody(c: Context, body: string, cacheControl: string, type: string): Promise<Response> {
  let etag = bodyEtags.get(body);
  if (!etag) {
    etag = etagOf(body);
    bodyEtags.set(body, etag);
  }
  return respond(c, body, await etag, cacheControl, type);
}

function respond(c: Context, body: string, etag: string, cacheControl: string, type: string): Response {
  c.header("ETag", etag);
  c.header("Cache-Control", cacheControl);
  const ifNoneMatch = c.req.header("if-none-match");
  if (ifNoneMatch?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return c.body(null, 304);
  c.header("Content-Type", type);
  return c.body(body, 200);
}
