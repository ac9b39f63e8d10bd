// Public endpoints the snippet calls: no auth, CORS limited to the site's allowed origins, cacheable
// wherever the answer is the same for everyone. Documented in the README ("Endpoints").
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { contextQuery, variantsQuery } from "../schemas/public-query";
import type { AppEnv } from "../env";
import { cachedBody, cachedDerived, cachedJson } from "../http/cache";
import { allowOrigin, exposeError, preflight } from "../http/cors";
import { publicRateLimit } from "../http/ratelimit";
import { ApiError, notFound } from "../http/errors";
import { parse } from "../http/validate";
import { needsCompany } from "../publish/needs-company";
import { readSiteRecord, readSnapshot } from "../publish/store";
import type { SiteRecord, Snapshot, VariantsResponse } from "../schemas/published";
import { serverContext, visitorAttributes } from "../visitor/context";
import { deviceFrom } from "../visitor/device";
import { servedContent } from "../visitor/served";
import { inlineConfig, withoutPageView } from "../publish/page-view";
import { verifyContext } from "../visitor/sign";
import { snippetJs } from "../http/snippet-asset";
import { fillServerTokens, serverTokensIn } from "../content/server-tokens";
import { noteSeen } from "../visitor/seen";
import { prehide } from "../../contract/prehide";

const SITE_KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** The upgraded script's caching (README "Upgraded tag"): fresh a minute, then run stale while revalidated. */
const UPGRADED_CACHE = "public, max-age=60, stale-while-revalidate=86400";

/** The site's KV record, after the CORS check; 404 for a key that can't be a site (before touching KV). */
async function siteFor(c: Context<AppEnv>): Promise<SiteRecord> {
  const key = c.req.param("site") ?? "";
  const record = SITE_KEY.test(key) ? await readSiteRecord(c.env, key) : null;
  if (!record) {
    exposeError(c);
    throw notFound(`Site "${key.slice(0, 80)}"`);
  }
  allowOrigin(c, record.origins);
  return record;
}

/**
 * The site's live snapshot, or version `v` when it is the live one or the one before it: a device may
 * still hold the previous config for a while after a publish. Older versions are withdrawn, so content
 * an admin removed (or gated more tightly) stops being served.
 */
async function snapshotFor(c: Context<AppEnv>, v?: number, allowPrevious = true): Promise<{ snap: Snapshot; record: SiteRecord }> {
  const record = await siteFor(c);
  const key = c.req.param("site")!;
  if (record.live === null) throw new ApiError(404, "not_published", `Site "${key}" has not been published yet`);
  if (v !== undefined && v !== record.live && !(allowPrevious && v === record.live - 1)) {
    throw new ApiError(404, "version_not_live", `Version ${v} of site "${key}" is not live (live: ${record.live})`);
  }
  const snap = await readSnapshot(c.env, key, v ?? record.live, record.created);
  if (!snap) throw notFound(`Version ${v ?? record.live} of site "${key}"`);
  return { snap, record };
}

function signingSecret(c: Context<AppEnv>): string {
  const secret = c.env.SIGNING_SECRET;
  if (!secret || secret.length < 16) throw new ApiError(503, "not_configured", "The SIGNING_SECRET secret (16+ characters) is not set");
  return secret;
}

export const publicRoutes = new Hono<AppEnv>()
  // Before anything reads KV (README "Rate limits").
  .use("/facet.js", publicRateLimit)
  .use("/v1/sites/:site/*", publicRateLimit)
  .get("/facet.js", async (c) =>
    cachedBody(c, await snippetJs(c.env), "public, max-age=300, stale-while-revalidate=86400", "application/javascript; charset=utf-8"),
  )

  // The pre-hide snippet to paste inline before the tag (README "Pre-hide"): the same for every visitor, and
  // for every version (it reads the slots facet.js recorded on the device).
  .get("/v1/sites/:site/prehide.js", async (c) => {
    await siteFor(c);
    return cachedBody(c, prehide(c.req.param("site")), "public, max-age=3600", "application/javascript; charset=utf-8");
  })

  // The upgraded tag: the snippet with the site's live config inlined (and the content of the experiences the
  // page view alone decides: worker/publish/page-view.ts), one cacheable response instead of two requests.
  // Fresh for a minute, ETag / 304. Past that, a returning visitor's browser runs the copy it has and revalidates
  // it in the background (stale-while-revalidate), for the next page view: a repeat visit never waits a round
  // trip for its script, as the plain tag's never waits for its config (it decides from its cache).
  .get("/v1/sites/:site/facet.js", async (c) => {
    const { snap } = await snapshotFor(c);
    const js = await snippetJs(c.env);
    // A shared cache (a CDN in front of the Worker) keeps it a minute and never serves it stale: new visitors
    // get a new version within that minute (RFC 9213; browsers ignore this header).
    c.header("CDN-Cache-Control", "public, max-age=60");
    return cachedDerived(
      c,
      snap.config,
      () => `(function(__facetInline){${js}})(${JSON.stringify(inlineConfig(snap))})`,
      UPGRADED_CACHE,
      "application/javascript; charset=utf-8",
    );
  })

  .options("/v1/sites/:site/*", async (c) => preflight(c, (await siteFor(c)).origins))

  .get("/v1/sites/:site/config", async (c) => {
    const { snap } = await snapshotFor(c);
    // Revalidated on every use (a 304 when unchanged): a stale config beside a fresh context would pair
    // references of two versions.
    return cachedJson(c, snap.config, "public, no-cache");
  })

  .get("/v1/sites/:site/context", async (c) => {
    // segments: the content that rides along on the upgraded tag's first visit, as /variants takes them.
    const { v, segments: ids } = parse(contextQuery, c.req.query(), "query");
    // Signed only against the live version: an older one may have gated content more loosely.
    const { snap, record } = await snapshotFor(c, v, false);
    const origin = c.req.header("origin");
    // "Check installation" in the admin: the tag ran on this allowed origin.
    if (origin && record.origins.includes(origin)) await noteSeen(c.env, snap.site, origin, Date.now());
    const secret = signingSecret(c);
    const attrs = await visitorAttributes(c.env, c.req.raw, snap.site, needsCompany(snap));
    const context = await serverContext(secret, snap, record.created, attrs, Date.now(), deviceFrom(c.req.raw.headers));
    c.header("Cache-Control", "private, no-store");
    if (ids) {
      // Gated by the server results just computed for this very request: nothing to prove. Not the experiences
      // whose content the upgraded script carries: only that script sends segments here.
      const { changes: all } = servedContent(snap, ids, new Set(Object.keys(context.server).filter((r) => context.server[r])));
      const changes = withoutPageView(snap, all);
      // Server tokens ({{company.name}}) are filled with this visitor's own attributes, as /variants does.
      const tokens = serverTokensIn(changes);
      const own = tokens.company && !needsCompany(snap) ? await visitorAttributes(c.env, c.req.raw, snap.site, true) : attrs;
      context.changes = tokens.any ? fillServerTokens(changes, own) : changes;
    }
    return c.json(context);
  })

  .get("/v1/sites/:site/variants", async (c) => {
    const q = parse(variantsQuery, c.req.query(), "query");
    const { snap, record } = await snapshotFor(c, q.v);
    const claims = q.token ? await verifyContext(signingSecret(c), q.token, Math.floor(Date.now() / 1000)) : null;
    // The token must be for this site (this incarnation of it: a key can be deleted and created again) and version.
    const trueRefs = claims && claims.s === snap.site && claims.c === record.created && claims.v === snap.v ? new Set(claims.t) : null;
    const { changes, denied, gated } = servedContent(snap, q.segments, trueRefs);
    // Server tokens ({{company.name}}) are filled with this visitor's own attributes (docs/content.md).
    const tokens = serverTokensIn(changes);
    const filled = tokens.any ? fillServerTokens(changes, await visitorAttributes(c.env, c.req.raw, snap.site, tokens.company)) : changes;
    const body: VariantsResponse = { v: snap.v, changes: filled, denied };
    // Private only when the answer depends on the token (a token sent for segments that need none changes
    // nothing, so that answer is the same for everyone and shared caches may keep it), or on the visitor's tokens.
    const personal = (gated && q.token !== undefined) || tokens.any;
    return cachedJson(c, body, personal ? "private, max-age=300" : q.v !== undefined ? "public, max-age=300" : "public, max-age=30");
  });
