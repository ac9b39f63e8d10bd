import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { listExperiences } from "../../db/experiences";
import { deleteSegment, getSegment, insertSegment, listSegments, updateSegment } from "../../db/segments";
import { requireRole } from "../../http/auth";
import { ApiError, notFound } from "../../http/errors";
import { etagOf, expectedVersion, versionConflict } from "../../http/precondition";
import { jsonBody } from "../../http/validate";
import { kindOf } from "../../conditions/kind";
import { segmentInput, type SegmentInput } from "../../schemas/segment";
import { audit, brief } from "./audit-trail";
import { newId, nowIso, siteOr404 } from "./site-scope";

/** The input with its derived kind; a kind the client sent must be that one (a marketer's guess is no label). */
function withKind(input: SegmentInput): SegmentInput & { kind: NonNullable<SegmentInput["kind"]> } {
  const kind = kindOf(input.condition);
  if (input.kind !== undefined && input.kind !== kind) {
    throw new ApiError(
      400,
      "invalid_input",
      `Invalid body: kind: this condition's attributes make it ${kind}; leave kind out, it is derived`,
      {
        kind: `derived from the condition: ${kind}`,
      },
    );
  }
  return { ...input, kind };
}

export const segments = new Hono<AppEnv>()
  .get("/", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    return c.json({ segments: await listSegments(c.env.DB, site.key) });
  })

  .post("/", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const input = withKind(await jsonBody(c, segmentInput));
    const id = input.id ?? newId("seg");
    if (!(await insertSegment(c.env.DB, site.key, id, input, nowIso())))
      throw new ApiError(409, "conflict", `A segment with id "${id}" already exists`);
    const created = (await getSegment(c.env.DB, site.key, id))!;
    await audit(c, "segment.create", { site: site.key, target: id, after: brief(created) });
    c.header("ETag", etagOf(created.version));
    return c.json(created, 201);
  })

  .get("/:id", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    const segment = await getSegment(c.env.DB, site.key, c.req.param("id"));
    if (!segment) throw notFound(`Segment "${c.req.param("id")}"`);
    c.header("ETag", etagOf(segment.version));
    return c.json(segment);
  })

  .put("/:id", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const id = c.req.param("id");
    const input = withKind(await jsonBody(c, segmentInput));
    if (input.id !== undefined && input.id !== id)
      throw new ApiError(400, "invalid_input", "The body's id differs from the URL's", { id: "must match the URL" });
    const expected = expectedVersion(c, input.version);
    const before = await getSegment(c.env.DB, site.key, id);
    if (!before) throw notFound(`Segment "${id}"`);
    const version = await updateSegment(c.env.DB, site.key, id, input, nowIso(), expected);
    if (version === null) {
      const current = await getSegment(c.env.DB, site.key, id);
      throw current ? versionConflict(`Segment "${id}"`, current.version, expected) : notFound(`Segment "${id}"`);
    }
    const after = (await getSegment(c.env.DB, site.key, id))!;
    await audit(c, "segment.update", { site: site.key, target: id, before: brief(before), after: brief(after) });
    c.header("ETag", etagOf(after.version));
    return c.json(after);
  })

  .delete("/:id", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const id = c.req.param("id");
    const users = (await listExperiences(c.env.DB, site.key)).filter((e) => e.variants.some((v) => v.segment === id));
    if (users.length > 0) {
      throw new ApiError(
        409,
        "segment_in_use",
        `Segment "${id}" is used by experience(s) ${users.map((e) => `"${e.id}"`).join(", ")}; remove its variants first`,
      );
    }
    const before = await getSegment(c.env.DB, site.key, id);
    if (!(await deleteSegment(c.env.DB, site.key, id))) throw notFound(`Segment "${id}"`);
    await audit(c, "segment.delete", { site: site.key, target: id, before: brief(before) });
    return c.body(null, 204);
  });
