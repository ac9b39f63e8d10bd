// "Check installation": the allowed origins the site's tag was seen on, and when last (worker/visitor/seen).
import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { requireRole } from "../../http/auth";
import { listSeen } from "../../visitor/seen";
import { siteOr404 } from "./site-scope";

export const installation = new Hono<AppEnv>().get("/installation", requireRole("viewer"), async (c) => {
  const site = await siteOr404(c);
  // An origin removed from the site since it was seen is not listed: the tag gets nothing there now.
  const seen = (await listSeen(c.env, site.key)).filter((s) => site.origins.includes(s.origin));
  return c.json({ site: site.key, seen });
});
