import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { listExperiences } from "../../db/experiences";
import { deleteSegment, getSegment, insertSegment, listSegments, updateSegment } from "../../db/segments";
import { ApiError, notFound } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { segmentInput } from "../../schemas/segment";
import { newId, nowIso, siteOr404 } from "./site-scope";

export const segments = new Hono<AppEnv>()
  .get("/", async (c) => {
    const site = await siteOr404(c);
    return c.json({ segments: await listSegments(c.env.DB, site.key) });
  })

  .post("/", async (c) => {
    const site = await siteOr404(c);
    const input = await jsonBody(c, segmentInput);
    const id = input.id ?? newId("seg");
    if (!(await insertSegment(c.env.DB, site.key, id, input, nowIso()))) throw new ApiError(409, "conflict", `A segment with id "${id}" already exists`);
    return c.json(await getSegment(c.env.DB, site.key, id), 201);
  })

  .get("/:id", async (c) => {
    const site = await siteOr404(c);
    const segment = await getSegment(c.env.DB, site.key, c.req.param("id"));
    if (!segment) throw notFound(`Segment "${c.req.param("id")}"`);
    return c.json(segment);
  })

  .put("/:id", async (c) => {
    const site = await siteOr404(c);
    const id = c.req.param("id");
    const input = await jsonBody(c, segmentInput);
    if (input.id !== undefined && input.id !== id) throw new ApiError(400, "invalid_input", "The body's id differs from the URL's", { id: "must match the URL" });
    if (!(await updateSegment(c.env.DB, site.key, id, input, nowIso()))) throw notFound(`Segment "${id}"`);
    return c.json(await getSegment(c.env.DB, site.key, id));
  })

  .delete("/:id", async (c) => {
    const site = await siteOr404(c);
    const id = c.req.param("id");
    const users = (await listExperiences(c.env.DB, site.key)).filter((e) => e.variants.some((v) => v.segment === id));
    if (users.length > 0) {
      throw new ApiError(409, "segment_in_use", `Segment "${id}" is used by experience(s) ${users.map((e) => `"${e.id}"`).join(", ")}; remove its variants first`);
    }
    if (!(await deleteSegment(c.env.DB, site.key, id))) throw notFound(`Segment "${id}"`);
    return c.body(null, 204);
  });
