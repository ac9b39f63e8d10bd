import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { getSite, insertSite, listSites, updateSite } from "../../db/sites";
import { requireRole } from "../../http/auth";
import { ApiError, notFound } from "../../http/errors";
import { etagOf, expectedVersion, versionConflict } from "../../http/precondition";
import { jsonBody } from "../../http/validate";
import { removeSite, syncSiteRecord } from "../../publish/site-record";
import { siteInput, sitePatch } from "../../schemas/site";
import { audit, brief } from "./audit-trail";
import { nowIso, siteOr404 } from "./site-scope";

export const sites = new Hono<AppEnv>()
  // Site tokens are limited to their own site, so the list of all sites needs a login or the owner token.
  .get("/", requireRole("viewer"), async (c) => c.json({ sites: await listSites(c.env.DB) }))

  .post("/", requireRole("owner"), async (c) => {
    const input = await jsonBody(c, siteInput);
    const now = nowIso();
    if (!(await insertSite(c.env.DB, input, now))) throw new ApiError(409, "conflict", `A site with key "${input.key}" already exists`);
    await syncSiteRecord(c.env, input.key);
    await audit(c, "site.create", { site: input.key, target: input.key, after: { name: input.name, origins: input.origins } });
    c.header("ETag", etagOf(1));
    return c.json({ ...input, liveVersion: null, version: 1, createdAt: now, updatedAt: now }, 201);
  })

  .get("/:site", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    c.header("ETag", etagOf(site.version));
    return c.json(site);
  })

  .patch("/:site", requireRole("owner"), async (c) => {
    const site = await siteOr404(c);
    const patch = await jsonBody(c, sitePatch);
    const expected = expectedVersion(c, patch.version);
    const next = { name: patch.name ?? site.name, origins: patch.origins ?? site.origins };
    const now = nowIso();
    const version = await updateSite(c.env.DB, site.key, next, now, expected);
    if (version === null) {
      const current = await getSite(c.env.DB, site.key);
      throw current ? versionConflict(`Site "${site.key}"`, current.version, expected) : notFound(`Site "${site.key}"`);
    }
    // Allowed origins take effect at once, without a publish: they guard access, they aren't content.
    // The record is rebuilt from the row as it is now (a publish may have moved the live version since),
    // and a delete that came in between leaves no record behind.
    if (!(await syncSiteRecord(c.env, site.key))) throw notFound(`Site "${site.key}"`);
    await audit(c, "site.update", { site: site.key, target: site.key, before: { name: site.name, origins: site.origins }, after: next });
    c.header("ETag", etagOf(version));
    return c.json({ ...site, ...next, version, updatedAt: now });
  })

  .delete("/:site", requireRole("owner"), async (c) => {
    const site = await siteOr404(c);
    await removeSite(c.env, site.key);
    await audit(c, "site.delete", { site: site.key, target: site.key, before: brief(site) });
    return c.body(null, 204);
  });
