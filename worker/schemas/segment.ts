import * as z from "./zod";
import { condition, slug } from "./common";

import { SEGMENT_KINDS, type SegmentKind } from "../conditions/kind";

export const segmentKind = z.enum(SEGMENT_KINDS);

export const segmentInput = z.object({
  id: z.optional(slug),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** Derived from the condition (conditions/kind.ts); one sent must be the derived one. */
  kind: z.optional(segmentKind),
  condition,
  /** Higher wins when several of an experience's segments match. */
  priority: z._default(z.number().check(z.int(), z.gte(-1000), z.lte(1000)), 0),
  /** On an edit: the version it started from (optimistic concurrency; see http/precondition.ts). */
  version: z.optional(z.number().check(z.int(), z.positive())),
});

export type SegmentInput = z.infer<typeof segmentInput>;
export type Segment = Omit<SegmentInput, "id" | "version" | "kind"> & {
  kind: SegmentKind;
  id: string;
  siteKey: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};
