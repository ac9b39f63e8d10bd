import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { deleteExperience, getExperience, insertExperience, listExperiences, updateExperience } from "../../db/experiences";
import { listSegments } from "../../db/segments";
import { sanitizeChange } from "../../content/sanitize-change";
import { requireRole } from "../../http/auth";
import { ApiError, notFound } from "../../http/errors";
import { etagOf, expectedVersion, versionConflict } from "../../http/precondition";
import { jsonBody } from "../../http/validate";
import { experienceInput, type ExperienceInput } from "../../schemas/experience";
import type { Site } from "../../schemas/site";
import { audit, brief } from "./audit-trail";
import { newId, nowIso, siteOr404 } from "./site-scope";

/** Checks the variants' segments exist on this site and redirects' origins, and sanitizes html and insert changes before anything is stored. */
async function checkedInput(db: D1Database, site: Site, input: ExperienceInput): Promise<ExperienceInput> {
  const known = new Set((await listSegments(db, site.key)).map((s) => s.id));
  const fields: Record<string, string> = {};
  input.variants.forEach((v, i) => {
    if (!known.has(v.segment)) fields[`variants.${i}.segment`] = `no segment "${v.segment}" on site "${site.key}"`;
    v.changes.forEach((ch, j) => {
      // An absolute redirect may only leave for one of the site's own origins (an open redirect otherwise).
      if (ch.type === "redirect" && /^https?:/i.test(ch.url) && !site.origins.includes(new URL(ch.url).origin))
        fields[`variants.${i}.changes.${j}.url`] = `${new URL(ch.url).origin} is not among this site's allowed origins`;
    });
  });
  if (Object.keys(fields).length > 0) {
    const code = Object.keys(fields).some((f) => f.endsWith(".segment")) ? "unknown_segment" : "origin_not_allowed";
    throw new ApiError(422, code, Object.values(fields)[0]!, fields);
  }
  const variants = input.variants.map((v) => ({ ...v, changes: v.changes.map(sanitizeChange) }));
  return { ...input, variants };
}

export const experiences = new Hono<AppEnv>()
  .get("/", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    return c.json({ experiences: await listExperiences(c.env.DB, site.key) });
  })

  .post("/", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const input = await checkedInput(c.env.DB, site, await jsonBody(c, experienceInput));
    const id = input.id ?? newId("exp");
    if (!(await insertExperience(c.env.DB, site.key, id, input, nowIso())))
      throw new ApiError(409, "conflict", `An experience with id "${id}" already exists`);
    const created = (await getExperience(c.env.DB, site.key, id))!;
    await audit(c, "experience.create", { site: site.key, target: id, after: brief(created) });
    c.header("ETag", etagOf(created.version));
    return c.json(created, 201);
  })

  .get("/:id", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    const experience = await getExperience(c.env.DB, site.key, c.req.param("id"));
    if (!experience) throw notFound(`Experience "${c.req.param("id")}"`);
    c.header("ETag", etagOf(experience.version));
    return c.json(experience);
  })

  .put("/:id", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const id = c.req.param("id");
    const input = await checkedInput(c.env.DB, site, await jsonBody(c, experienceInput));
    if (input.id !== undefined && input.id !== id)
      throw new ApiError(400, "invalid_input", "The body's id differs from the URL's", { id: "must match the URL" });
    const expected = expectedVersion(c, input.version);
    const before = await getExperience(c.env.DB, site.key, id);
    if (!before) throw notFound(`Experience "${id}"`);
    const version = await updateExperience(c.env.DB, site.key, id, input, nowIso(), expected);
    if (version === null) {
      const current = await getExperience(c.env.DB, site.key, id);
      throw current ? versionConflict(`Experience "${id}"`, current.version, expected) : notFound(`Experience "${id}"`);
    }
    const after = (await getExperience(c.env.DB, site.key, id))!;
    await audit(c, "experience.update", { site: site.key, target: id, before: brief(before), after: brief(after) });
    c.header("ETag", etagOf(after.version));
    return c.json(after);
  })

  .delete("/:id", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const before = await getExperience(c.env.DB, site.key, c.req.param("id"));
    if (!(await deleteExperience(c.env.DB, site.key, c.req.param("id")))) throw notFound(`Experience "${c.req.param("id")}"`);
    await audit(c, "experience.delete", { site: site.key, target: c.req.param("id"), before: brief(before) });
    return c.body(null, 204);
  });
