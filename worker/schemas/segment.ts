import { z } from "zod";
import { condition, slug } from "./common";

export const segmentKind = z.enum(["behavioral", "geographic", "firmographic", "technographic", "demographic", "psychographic", "mixed"]);

export const segmentInput = z.object({
  id: slug.optional(),
  name: z.string().trim().min(1).max(200),
  kind: segmentKind.default("mixed"),
  condition,
  /** Higher wins when several of an experience's segments match. */
  priority: z.number().int().min(-1000).max(1000).default(0),
  /** On an edit: the version it started from (optimistic concurrency; see http/precondition.ts). */
  version: z.number().int().positive().optional(),
});

export type SegmentInput = z.infer<typeof segmentInput>;
export type Segment = Omit<SegmentInput, "id" | "version"> & { id: string; siteKey: string; version: number; createdAt: string; updatedAt: string };
