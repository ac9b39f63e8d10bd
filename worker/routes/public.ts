// Public endpoints the snippet calls: no auth, CORS limited to the site's allowed origins, cacheable
// wherever the answer is the same for everyone. Documented in the README ("Endpoints").
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { cachedBody, cachedJson } from "../http/cache";
import { allowOrigin, preflight } from "../http/cors";
import { ApiError, notFound } from "../http/errors";
import { parse } from "../http/validate";
import { readSiteRecord, readSnapshot } from "../publish/store";
import { serverRefs } from "../publish/split";
import type { Snapshot, VariantsResponse } from "../schemas/published";
import { serverContext, visitorAttributes } from "../visitor/context";
import { mayMatch } from "../visitor/gate";
import { verifyContext } from "../visitor/sign";
import { SNIPPET_JS } from "../generated/snippet";

const version = z.coerce.number().int().positive().optional();
const contextQuery = z.object({ v: version });
const variantsQuery = z.object({
  v: version,
  segments: z
    .string()
    .max(2000)
    .transform((s) => [...new Set(s.split(",").filter(Boolean))])
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "segment ids are comma-separated slugs")).min(1).max(50)),
  token: z.string().max(4096).optional(),
});

/** The site's snapshot (the live one, or version `v`), after the CORS check. */
async function snapshotFor(c: Context<AppEnv>, v?: number): Promise<{ snap: Snapshot; pinned: boolean }> {
  const key = c.req.param("site") ?? "";
  const record = await readSiteRecord(c.env, key);
  if (!record) throw notFound(`Site "${key}"`);
  allowOrigin(c, record.origins);
  if (record.live === null) throw new ApiError(404, "not_published", `Site "${key}" has not been published yet`);
  if (v !== undefined && v > record.live) throw notFound(`Version ${v} of site "${key}"`);
  const snap = await readSnapshot(c.env, key, v ?? record.live, record.created);
  if (!snap) throw notFound(`Version ${v ?? record.live} of site "${key}"`);
  return { snap, pinned: v !== undefined };
}

function signingSecret(c: Context<AppEnv>): string {
  const secret = c.env.SIGNING_SECRET;
  if (!secret || secret.length < 16) throw new ApiError(503, "not_configured", "The SIGNING_SECRET secret (16+ characters) is not set");
  return secret;
}

export const publicRoutes = new Hono<AppEnv>()
  .get("/facet.js", (c) => cachedBody(c, SNIPPET_JS, "public, max-age=300, stale-while-revalidate=86400", "application/javascript; charset=utf-8"))

  .options("/v1/sites/:site/*", async (c) => {
    const record = await readSiteRecord(c.env, c.req.param("site"));
    if (!record) throw notFound(`Site "${c.req.param("site")}"`);
    return preflight(c, record.origins);
  })

  .get("/v1/sites/:site/config", async (c) => {
    const { snap } = await snapshotFor(c);
    return cachedJson(c, snap.config, "public, max-age=30, stale-while-revalidate=300");
  })

  .get("/v1/sites/:site/context", async (c) => {
    const { v } = parse(contextQuery, c.req.query(), "query");
    const { snap } = await snapshotFor(c, v);
    const secret = signingSecret(c);
    const context = await serverContext(secret, snap, await visitorAttributes(c.env, c.req.raw, snap.site), Date.now());
    c.header("Cache-Control", "private, no-store");
    return c.json(context);
  })

  .get("/v1/sites/:site/variants", async (c) => {
    const q = parse(variantsQuery, c.req.query(), "query");
    const { snap, pinned } = await snapshotFor(c, q.v);
    const conditions = new Map(snap.config.segments.map((s) => [s.id, s.condition]));
    const claims = q.token ? await verifyContext(signingSecret(c), q.token, Math.floor(Date.now() / 1000)) : null;
    const trueRefs = claims && claims.s === snap.site && claims.v === snap.v ? new Set(claims.t) : null;

    const allowed = new Set<string>();
    const denied: string[] = [];
    for (const id of q.segments) {
      const condition = conditions.get(id);
      if (!condition) continue; // not in this version: nothing to serve, not an error
      // Content of segments that depend on server results needs a signed context that can match.
      if (serverRefs(condition).size > 0 && !(trueRefs && mayMatch(condition, trueRefs))) denied.push(id);
      else allowed.add(id);
    }
    const changes: VariantsResponse["changes"] = {};
    for (const [experience, bySegment] of Object.entries(snap.content)) {
      for (const [segment, list] of Object.entries(bySegment)) {
        if (allowed.has(segment)) (changes[experience] ??= {})[segment] = list;
      }
    }
    const body: VariantsResponse = { v: snap.v, changes, denied };
    const gated = q.token !== undefined;
    return cachedJson(c, body, gated ? "private, max-age=300" : pinned ? "public, max-age=86400, immutable" : "public, max-age=30");
  });
