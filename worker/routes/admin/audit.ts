// The audit log: a site's entries for anyone who can read the site; the whole log (logins, users) for owners.
import { Hono } from "hono/tiny";
import * as z from "../../schemas/zod";
import type { AppEnv } from "../../env";
import { listAudit } from "../../db/audit";
import { assertAllowed, requireRole } from "../../http/auth";
import { parse } from "../../http/validate";
import { slug } from "../../schemas/common";

const auditQuery = z.object({
  site: z.optional(slug),
  before: z.optional(z.coerce.number().check(z.int(), z.positive())),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

export const auditLog = new Hono<AppEnv>().get("/audit", requireRole("viewer"), async (c) => {
  const q = parse(auditQuery, c.req.query(), "query");
  assertAllowed(c, q.site ? "viewer" : "owner", q.site ?? null);
  const entries = await listAudit(c.env.DB, { site: q.site ?? null, before: q.before ?? null, limit: q.limit });
  return c.json({ entries, next: entries.length === q.limit ? entries[entries.length - 1]!.id : null });
});
