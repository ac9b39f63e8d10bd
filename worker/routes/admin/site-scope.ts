// Shared by the admin routes under /sites/:site: load the site or answer 404, and mint ids.
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { getSite } from "../../db/sites";
import { notFound } from "../../http/errors";
import type { Site } from "../../schemas/site";

export async function siteOr404(c: Context<AppEnv>): Promise<Site> {
  const key = c.req.param("site") ?? "";
  const site = await getSite(c.env.DB, key);
  if (!site) throw notFound(`Site "${key}"`);
  return site;
}

/** A short random id with a readable prefix, e.g. seg-k3v9x2q1. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${[...bytes].map((b) => (b % 36).toString(36)).join("")}`;
}

export const nowIso = () => new Date().toISOString();
