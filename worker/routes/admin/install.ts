// The install endpoint: the exact HTML to paste for the flicker-free install (README "Install for first
// visits"). The pre-hide snippet carries the live config's slots by page, so a first visit (nothing on the
// device yet) hides them before the first paint; the upgraded tag follows it. Read from the published
// snapshot in KV, the very config facet.js gets, so what is baked in is what the tag will decide with.
import { Hono } from "hono/tiny";
import { fastInstall, prehide, upgradedTag } from "../../../contract/prehide";
import type { SlotList } from "../../../contract/storage";
import type { AppEnv } from "../../env";
import { requireRole } from "../../http/auth";
import { compilePages } from "../../pages/paths";
import { readSiteRecord, readSnapshot } from "../../publish/store";
import type { PublishedConfig } from "../../schemas/published";
import { siteOr404 } from "./site-scope";

/** The slots facet.js records on the device for this config (snippet/store.ts mark), in the same shape. */
export const slotList = (c: PublishedConfig): SlotList => ({
  v: c.v,
  t: c.timeout,
  e: c.experiences.map((x) => [x.paths ?? compilePages(x.pages), x.slots]),
});

export const install = new Hono<AppEnv>().get("/install", requireRole("viewer"), async (c) => {
  const site = await siteOr404(c);
  const record = await readSiteRecord(c.env, site.key);
  const snap = record?.live != null ? await readSnapshot(c.env, site.key, record.live, record.created) : null;
  // Not published yet: the pre-hide without a baked list (it still reads what the device recorded).
  const baked = snap ? slotList(snap.config) : undefined;
  const origin = new URL(c.req.url).origin;
  return c.json({
    site: site.key,
    version: baked?.v ?? null,
    html: fastInstall(origin, site.key, baked),
    prehide: prehide(site.key, baked),
    tag: upgradedTag(origin, site.key),
  });
});
