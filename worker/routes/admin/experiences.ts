import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { deleteExperience, getExperience, insertExperience, listExperiences, updateExperience } from "../../db/experiences";
import { listSegments } from "../../db/segments";
import { sanitizeHtml } from "../../content/sanitize";
import { ApiError, notFound } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { experienceInput, type ExperienceInput } from "../../schemas/experience";
import type { Site } from "../../schemas/site";
import { newId, nowIso, siteOr404 } from "./site-scope";

/** Checks the variants' segments exist on this site and sanitizes html changes before anything is stored. */
async function prepare(db: D1Database, site: Site, input: ExperienceInput): Promise<ExperienceInput> {
  const known = new Set((await listSegments(db, site.key)).map((s) => s.id));
  const fields: Record<string, string> = {};
  input.variants.forEach((v, i) => {
    if (!known.has(v.segment)) fields[`variants.${i}.segment`] = `no segment "${v.segment}" on site "${site.key}"`;
  });
  if (Object.keys(fields).length > 0) throw new ApiError(422, "unknown_segment", Object.values(fields)[0]!, fields);
  const variants = input.variants.map((v) => ({ ...v, changes: v.changes.map((ch) => (ch.type === "html" ? { ...ch, value: sanitizeHtml(ch.value) } : ch)) }));
  return { ...input, variants };
}

export const experiences = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = await siteOr404(c);
    return c.json({ experiences: await listExperiences(c.env.DB, site.key) });
  })

  .post("/", async (c) => {
    const site = await siteOr404(c);
    const input = await prepare(c.env.DB, site, await jsonBody(c, experienceInput));
    const id = input.id ?? newId("exp");
    if (!(await insertExperience(c.env.DB, site.key, id, input, nowIso()))) throw new ApiError(409, "conflict", `An experience with id "${id}" already exists`);
    return c.json(await getExperience(c.env.DB, site.key, id), 201);
  })

  .get("/:id", async (c) => {
    const site = await siteOr404(c);
    const experience = await getExperience(c.env.DB, site.key, c.req.param("id"));
    if (!experience) throw notFound(`Experience "${c.req.param("id")}"`);
    return c.json(experience);
  })

  .put("/:id", async (c) => {
    const site = await siteOr404(c);
    const id = c.req.param("id");
    const input = await prepare(c.env.DB, site, await jsonBody(c, experienceInput));
    if (input.id !== undefined && input.id !== id) throw new ApiError(400, "invalid_input", "The body's id differs from the URL's", { id: "must match the URL" });
    if (!(await updateExperience(c.env.DB, site.key, id, input, nowIso()))) throw notFound(`Experience "${id}"`);
    return c.json(await getExperience(c.env.DB, site.key, id));
  })

  .delete("/:id", async (c) => {
    const site = await siteOr404(c);
    if (!(await deleteExperience(c.env.DB, site.key, c.req.param("id")))) throw notFound(`Experience "${c.req.param("id")}"`);
    return c.body(null, 204);
  });
