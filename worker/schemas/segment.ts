import { z } from "zod";
import { condition, slug } from "./common";

import { SEGMENT_KINDS, type SegmentKind } from "../conditions/kind";

export const segmentKind = z.enum(SEGMENT_KINDS);

export const segmentInput = z.object({
  id: slug.optional(),
  name: z.string().trim().min(1).max(200),
  /** Derived from the condition (conditions/kind.ts); one sent must be the derived one. */
  kind: segmentKind.optional(),
  condition,
  /** Higher wins when several of an experience's segments match. */
  priority: z.number().int().min(-1000).max(1000).default(0),
  /** On an edit: the version it started from (optimistic concurrency; see http/precondition.ts). */
  version: z.number().int().positive().optional(),
});

export type SegmentInput = z.infer<typeof segmentInput>;
export type Segment = Omit<SegmentInput, "id" | "version" | "kind"> & { kind: SegmentKind; id: string; siteKey: string; version: number; createdAt: string; updatedAt: string };
