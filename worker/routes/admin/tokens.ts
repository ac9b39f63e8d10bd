// Per-site API tokens for automation (owner only): shown once at creation, stored hashed.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { newId, randomToken, sha256Hex } from "../../auth/secrets";
import { deleteApiToken, insertApiToken, listApiTokens } from "../../db/api-tokens";
import { requireRole } from "../../http/auth";
import { notFound } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { apiTokenInput } from "../../schemas/admin";
import { audit } from "./audit-trail";
import { siteOr404 } from "./site-scope";

export const tokens = new Hono<AppEnv>()
  .get("/", requireRole("owner"), async (c) => {
    const site = await siteOr404(c);
    return c.json({ tokens: await listApiTokens(c.env.DB, site.key) });
  })

  .post("/", requireRole("owner"), async (c) => {
    const site = await siteOr404(c);
    const { name, role } = await jsonBody(c, apiTokenInput);
    const id = newId("tok");
    const token = randomToken("fct_");
    const now = Date.now();
    await insertApiToken(c.env.DB, { id, tokenHash: await sha256Hex(token), site: site.key, name, role, now });
    await audit(c, "token.create", { site: site.key, target: id, after: { name, role } });
    return c.json({ id, site: site.key, name, role, token, createdAt: new Date(now).toISOString(), lastUsedAt: null }, 201);
  })

  .delete("/:id", requireRole("owner"), async (c) => {
    const site = await siteOr404(c);
    if (!(await deleteApiToken(c.env.DB, site.key, c.req.param("id")))) throw notFound(`Token "${c.req.param("id")}"`);
    await audit(c, "token.delete", { site: site.key, target: c.req.param("id") });
    return c.body(null, 204);
  });
