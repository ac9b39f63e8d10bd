// Creates preview links (an experience × segment, the current draft) and editor links (the element
// picker) for the marketer's own site. The token goes in the URL fragment, so it never reaches a log.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { LINK_TTL_MS, signLink } from "../../auth/links";
import { getExperience } from "../../db/experiences";
import { requireRole } from "../../http/auth";
import { ApiError, notFound } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { linkInput } from "../../schemas/admin";
import { audit } from "./audit-trail";
import { siteOr404 } from "./site-scope";

/** The fragment parameter the snippet reads (the snippet side is a separate change). */
const FRAGMENT = { preview: "facet-preview", editor: "facet-editor" } as const;

export function signingSecretOf(env: { SIGNING_SECRET?: string }): string {
  const secret = env.SIGNING_SECRET;
  if (!secret || secret.length < 16) throw new ApiError(503, "not_configured", "The SIGNING_SECRET secret (16+ characters) is not set");
  return secret;
}

export const links = new Hono<AppEnv>().post("/links", requireRole("editor"), async (c) => {
  const site = await siteOr404(c);
  const input = await jsonBody(c, linkInput);
  const experience = await getExperience(c.env.DB, site.key, input.experience);
  if (!experience) throw notFound(`Experience "${input.experience}"`);
  if (input.kind === "preview" && !experience.variants.some((v) => v.segment === input.segment)) {
    throw new ApiError(422, "unknown_segment", `Experience "${experience.id}" has no variant for segment "${input.segment}"`, {
      segment: "no variant for this segment",
    });
  }
  if (input.url && !site.origins.includes(new URL(input.url).origin)) {
    throw new ApiError(422, "origin_not_allowed", `${new URL(input.url).origin} is not among this site's allowed origins`, {
      url: "not on an allowed origin",
    });
  }
  const expiresAt = Date.now() + LINK_TTL_MS;
  const token = await signLink(signingSecretOf(c.env), {
    k: input.kind,
    s: site.key,
    x: experience.id,
    ...(input.kind === "preview" ? { g: input.segment } : {}),
    e: expiresAt,
    o: new URL(c.req.url).origin,
  });
  await audit(c, `link.${input.kind}`, { site: site.key, target: experience.id });
  const url = input.url ? `${input.url.replace(/#.*$/, "")}#${FRAGMENT[input.kind]}=${token}` : null;
  return c.json({ kind: input.kind, token, url, expiresAt: new Date(expiresAt).toISOString() }, 201);
});
