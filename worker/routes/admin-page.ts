// The admin page at /admin: server-rendered screens (admin/pages) and the page's own script and
// stylesheet, content-hashed by scripts/build.mjs so they can be cached for a year.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { ADMIN_CSS, ADMIN_JS } from "../generated/admin-assets";
import { errorResponse } from "../http/errors";
import type { ApiApp } from "../../admin/pages/load";
import { renderScreen } from "../../admin/pages/render";
import { PUBLIC_SCREENS, SCREENS } from "../../admin/pages/screens";

const ASSETS = new Map([
  [ADMIN_JS.name, { body: ADMIN_JS.body, type: "application/javascript; charset=utf-8" }],
  [ADMIN_CSS.name, { body: ADMIN_CSS.body, type: "text/css; charset=utf-8" }],
]);
const names = { js: ADMIN_JS.name, css: ADMIN_CSS.name };

/** `api` is the Worker's app: every screen reads /admin/api through it, with the browser's own cookie. */
export function adminPage(api: ApiApp) {
  const page = new Hono<AppEnv>().get("/assets/:file", (c) => {
    const asset = ASSETS.get(c.req.param("file"));
    if (!asset) return errorResponse(c, 404, "not_found", "No such admin asset (the page may be older than this deploy: reload it)");
    // The name changes with the content, so a browser may keep this one for good.
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("Content-Type", asset.type);
    return c.body(asset.body);
  });
  for (const [path, screen] of Object.entries(PUBLIC_SCREENS)) page.get(path, (c) => renderScreen(c, api, names, screen, false));
  for (const [path, screen] of Object.entries(SCREENS)) page.get(path, (c) => renderScreen(c, api, names, screen));
  return page;
}
