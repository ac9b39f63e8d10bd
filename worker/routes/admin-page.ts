// The admin page at /admin: one static shell for every screen path (admin/paths.ts). The browser renders
// the screen itself from the admin JSON API (admin/client/mount.ts), so no admin rendering (admin/pages,
// hono/jsx) is part of the visitor-facing Worker. The page's own script and stylesheet, content-hashed by
// scripts/build.mjs, are static assets (wrangler.toml [assets]): they never reach the Worker. The security
// headers (strict CSP: no inline script; no-store) are adminSecurityHeaders' (worker/index.ts).
import { Hono } from "hono/tiny";
import type { AppEnv } from "../env";
import { ADMIN_ASSET_NAMES as names } from "../generated/admin-assets";
import { errorResponse } from "../http/errors";
import { PUBLIC_PATHS, SCREEN_PATHS } from "../../admin/paths";

/** Holds no data: who is asking and what they may see is the API's answer to the script. */
export const ADMIN_SHELL =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  `<title>Facet admin</title><link rel="stylesheet" href="/admin/assets/${names.css}"><script defer src="/admin/assets/${names.js}"></script>` +
  '</head><body><div id="root"></div><noscript><p>The Facet admin page needs JavaScript: allow it for this site, then reload.</p></noscript></body></html>';

export function adminPage() {
  // Only names that are not a current asset get here.
  const page = new Hono<AppEnv>().get("/assets/:file", (c) =>
    errorResponse(c, 404, "not_found", "No such admin asset (the page may be older than this deploy: reload it)"),
  );
  for (const path of [...PUBLIC_PATHS, ...SCREEN_PATHS]) page.get(path, (c) => c.html(ADMIN_SHELL));
  return page;
}
