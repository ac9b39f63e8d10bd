import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { deleteSite, getSite, insertSite, listSites, updateSite } from "../../db/sites";
import { ApiError, notFound } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { deleteAccountList } from "../../enrich/accounts";
import { publishSite } from "../../publish/publish";
import { deleteSiteRecords, writeSiteRecord } from "../../publish/store";
import { siteInput, sitePatch } from "../../schemas/site";
import { nowIso, siteOr404 } from "./site-scope";

export const sites = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ sites: await listSites(c.env.DB) }))

  .post("/", async (c) => {
    const input = await jsonBody(c, siteInput);
    const now = nowIso();
    if (!(await insertSite(c.env.DB, input, now))) throw new ApiError(409, "conflict", `A site with key "${input.key}" already exists`);
    await writeSiteRecord(c.env, input.key, { origins: input.origins, live: null, created: now });
    return c.json({ ...input, liveVersion: null, createdAt: now, updatedAt: now }, 201);
  })

  .get("/:site", async (c) => c.json(await siteOr404(c)))

  .patch("/:site", async (c) => {
    const site = await siteOr404(c);
    const patch = await jsonBody(c, sitePatch);
    const next = { name: patch.name ?? site.name, origins: patch.origins ?? site.origins };
    const now = nowIso();
    await updateSite(c.env.DB, site.key, next, now);
    // Allowed origins take effect at once, without a publish: they guard access, they aren't content.
    // Re-read the row: a publish may have moved the live version since this request loaded the site,
    // and a delete may have removed it (then KV must not get it back).
    const current = await getSite(c.env.DB, site.key);
    if (!current) throw notFound(`Site "${site.key}"`);
    await writeSiteRecord(c.env, site.key, { origins: current.origins, live: current.liveVersion, created: current.createdAt });
    return c.json({ ...site, ...next, updatedAt: now });
  })

  .delete("/:site", async (c) => {
    const site = await siteOr404(c);
    const { results } = await c.env.DB.prepare("SELECT version FROM versions WHERE site_key = ?1").bind(site.key).all<{ version: number }>();
    await deleteSite(c.env.DB, site.key);
    await deleteSiteRecords(c.env, site.key, results.map((r) => r.version));
    await deleteAccountList(c.env, site.key);
    return c.body(null, 204);
  })

  .post("/:site/publish", async (c) => {
    const site = await siteOr404(c);
    return c.json(await publishSite(c.env, site, nowIso()), 201);
  })

  .get("/:site/versions", async (c) => {
    const site = await siteOr404(c);
    const { results } = await c.env.DB.prepare("SELECT version, published_at AS publishedAt FROM versions WHERE site_key = ?1 ORDER BY version DESC")
      .bind(site.key)
      .all();
    return c.json({ live: site.liveVersion, versions: results });
  });
