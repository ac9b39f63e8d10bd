// The admin page at /admin: server-rendered screens (admin/pages). The page's own script and stylesheet,
// content-hashed by scripts/build.mjs, are static assets (wrangler.toml [assets]): they never reach the Worker.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../env";
import { ADMIN_ASSET_NAMES as names } from "../generated/admin-assets";
import { errorResponse } from "../http/errors";
import type { ApiApp } from "../../admin/pages/load";
import { renderScreen } from "../../admin/pages/render";
import { PUBLIC_SCREENS, SCREENS } from "../../admin/pages/screens";

/** `api` is the Worker's app: every screen reads /admin/api through it, with the browser's own cookie. */
export function adminPage(api: ApiApp) {
  // Only names that are not a current asset get here.
  const page = new Hono<AppEnv>().get("/assets/:file", (c) =>
    errorResponse(c, 404, "not_found", "No such admin asset (the page may be older than this deploy: reload it)"),
  );
  for (const [path, screen] of Object.entries(PUBLIC_SCREENS)) page.get(path, (c) => renderScreen(c, api, names, screen, false));
  for (const [path, screen] of Object.entries(SCREENS)) page.get(path, (c) => renderScreen(c, api, names, screen));
  return page;
}
