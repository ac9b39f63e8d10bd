// Publishing and its history: publish, the versions list, one version's content, the diff a publish
// would make, and rollback (docs/admin-api.md).
import { Hono } from "hono/tiny";
import * as z from "../../schemas/zod";
import type { AppEnv } from "../../env";
import { actorOf } from "../../auth/principal";
import { listExperiences } from "../../db/experiences";
import { listSegments } from "../../db/segments";
import { listTopics } from "../../db/topics";
import { getVersion, listVersions, restoreSource } from "../../db/versions";
import { requireRole } from "../../http/auth";
import { ApiError, notFound } from "../../http/errors";
import { jsonBody, parse } from "../../http/validate";
import { diffSources } from "../../publish/diff";
import { publishSite } from "../../publish/publish";
import { rollbackInput } from "../../schemas/admin";
import { audit } from "./audit-trail";
import { nowIso, siteOr404 } from "./site-scope";

const versionParam = z.coerce.number().check(z.int(), z.positive());

export const versions = new Hono<AppEnv>()
  .post("/publish", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const published = await publishSite(c.env, site, nowIso(), actorOf(c.get("principal")));
    await audit(c, "publish", {
      site: site.key,
      target: `v${published.version}`,
      before: { live: site.liveVersion },
      after: { live: published.version },
    });
    return c.json(published, 201);
  })

  .get("/versions", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    return c.json({ live: site.liveVersion, versions: await listVersions(c.env.DB, site.key) });
  })

  // The source as published. Viewers see it all: it holds nothing they can't already read as drafts.
  .get("/versions/:v", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    const v = parse(versionParam, c.req.param("v"), "version");
    const version = await getVersion(c.env.DB, site.key, v);
    if (!version) throw notFound(`Version ${v} of site "${site.key}"`);
    return c.json({ ...version, live: site.liveVersion === v });
  })

  .get("/diff", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    const [segments, experiences, topics] = await Promise.all([
      listSegments(c.env.DB, site.key),
      listExperiences(c.env.DB, site.key),
      listTopics(c.env.DB, site.key),
    ]);
    const live = site.liveVersion === null ? null : await getVersion(c.env.DB, site.key, site.liveVersion);
    // "unknown": the live version was published before sources were kept; everything shows as added.
    const baseline = site.liveVersion === null ? "none" : live?.source ? "live" : "unknown";
    return c.json({ live: site.liveVersion, baseline, ...diffSources(live?.source ?? null, { segments, experiences, topics }) });
  })

  // Makes the drafts what version `v` had and publishes them as a NEW version: caches only ever move forward.
  .post("/rollback", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const { version } = await jsonBody(c, rollbackInput);
    const old = await getVersion(c.env.DB, site.key, version);
    if (!old) throw notFound(`Version ${version} of site "${site.key}"`);
    if (!old.source)
      throw new ApiError(409, "no_source", `Version ${version} was published before versions kept their content; it cannot be restored`);
    const now = nowIso();
    await restoreSource(c.env.DB, site.key, old.source, now);
    const published = await publishSite(c.env, site, now, actorOf(c.get("principal")));
    await audit(c, "rollback", {
      site: site.key,
      target: `v${published.version}`,
      before: { live: site.liveVersion },
      after: { live: published.version, restoredFrom: version },
    });
    return c.json({ ...published, restoredFrom: version }, 201);
  });
