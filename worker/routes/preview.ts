// The token-gated public endpoint behind preview and editor links: the DRAFT of one experience (for a
// preview, only the given segment's changes), from the site's allowed origins. The token comes in the
// X-Facet-Preview header, never in the URL, so it stays out of logs. Nothing here is counted or cached.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../env";
import { LinkRefused, verifyLink } from "../auth/links";
import { getExperience } from "../db/experiences";
import { getSite } from "../db/sites";
import { allowOrigin } from "../http/cors";
import { ApiError, notFound } from "../http/errors";
import { signingSecretOf } from "./admin/links";

export const previewRoutes = new Hono<AppEnv>()
  .options("/:site", async (c) => {
    const site = await getSite(c.env.DB, c.req.param("site"));
    if (!site) throw notFound(`Site "${c.req.param("site").slice(0, 80)}"`);
    allowOrigin(c, site.origins);
    c.header("Access-Control-Allow-Methods", "GET, OPTIONS");
    c.header("Access-Control-Allow-Headers", "X-Facet-Preview");
    return c.body(null, 204);
  })

  .get("/:site", async (c) => {
    c.header("Cache-Control", "private, no-store");
    const site = await getSite(c.env.DB, c.req.param("site"));
    if (!site) throw notFound(`Site "${c.req.param("site").slice(0, 80)}"`);
    allowOrigin(c, site.origins);
    const token = c.req.header("x-facet-preview");
    if (!token) throw new ApiError(401, "link_invalid", "Send the link's token in the X-Facet-Preview header");
    let claims: Awaited<ReturnType<typeof verifyLink>>;
    try {
      claims = await verifyLink(signingSecretOf(c.env), token, Date.now());
    } catch (err) {
      if (!(err instanceof LinkRefused)) throw err;
      if (err.reason === "expired") throw new ApiError(401, "link_expired", "This preview link has expired; create a new one in the admin");
      throw new ApiError(401, "link_invalid", "This preview link is not valid (altered or not from this Facet)");
    }
    if (claims.s !== site.key) throw new ApiError(403, "link_wrong_site", "This link is for another site");
    const experience = await getExperience(c.env.DB, site.key, claims.x);
    if (!experience) throw notFound(`Experience "${claims.x}"`);
    const expiresAt = new Date(claims.e).toISOString();
    const base = {
      kind: claims.k,
      site: site.key,
      experience: { id: experience.id, name: experience.name, pages: experience.pages },
      expiresAt,
      adminOrigin: claims.o ?? null,
    };
    if (claims.k === "editor") return c.json({ ...base, variants: experience.variants });
    const variant = experience.variants.find((v) => v.segment === claims.g);
    if (!variant) throw notFound(`A variant for segment "${claims.g}" in experience "${experience.id}"`);
    return c.json({ ...base, segment: variant.segment, changes: variant.changes });
  });
