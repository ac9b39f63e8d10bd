// The preview and editor bundles (snippet/preview/), which facet.js loads only for a preview or editor link.
// Cached like facet.js: they hold no secret, the token stays in the page's URL fragment.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { EDITOR_JS, PREVIEW_JS } from "../generated/links";
import { cachedBody } from "../http/cache";
import { publicRateLimit } from "../http/ratelimit";

const JS = "application/javascript; charset=utf-8";
const CACHE = "public, max-age=300, stale-while-revalidate=86400";

export const linkBundles = new Hono<AppEnv>()
  .use("/facet-preview.js", publicRateLimit)
  .use("/facet-editor.js", publicRateLimit)
  .get("/facet-preview.js", (c) => cachedBody(c, PREVIEW_JS, CACHE, JS))
  .get("/facet-editor.js", (c) => cachedBody(c, EDITOR_JS, CACHE, JS));
