// Answers that are the same for everyone get an ETag and a Cache-Control, and a matching
// If-None-Match gets a 304 without a body.
import type { Context } from "hono";

async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(body)));
  return `"${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

export async function cachedJson(c: Context, data: unknown, cacheControl: string): Promise<Response> {
  const body = JSON.stringify(data);
  return cachedBody(c, body, cacheControl, "application/json; charset=utf-8");
}

export async function cachedBody(c: Context, body: string, cacheControl: string, type: string): Promise<Response> {
  const etag = await etagOf(body);
  c.header("ETag", etag);
  c.header("Cache-Control", cacheControl);
  const ifNoneMatch = c.req.header("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return c.body(null, 304);
  c.header("Content-Type", type);
  return c.body(body, 200);
}
