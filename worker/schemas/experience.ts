import * as z from "./zod";
import { slug } from "./common";
import { change } from "./change";
import { PAGE_PATTERN_MAX, pagePatternProblem } from "../pages/pattern";

/** A page pattern: the subset of URLPattern pathname syntax in worker/pages/pattern.ts, e.g. "/pricing" or "/blog/*". */
export const pagePattern = z.string().check(
  z.minLength(1),
  z.maxLength(PAGE_PATTERN_MAX),
  z.superRefine((p, ctx) => {
    const problem = pagePatternProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
);

export const variantInput = z.object({
  segment: slug,
  changes: z.array(change).check(z.minLength(1), z.maxLength(50)),
});

/** A schedule bound: an ISO 8601 date-time with its timezone ("Z" or an offset), so it names one instant. */
const instant = z.iso.datetime({ offset: true });

export const experienceInput = z
  .object({
    id: z.optional(slug),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    status: z._default(z.enum(["live", "paused"]), "live"),
    pages: z._default(z.array(pagePattern).check(z.maxLength(20)), []),
    variants: z.array(variantInput).check(z.minLength(1), z.maxLength(50)),
    /** Optional schedule: shown from `start` (inclusive) until `end` (exclusive); see the published `from`/`until`. */
    start: z.optional(instant),
    end: z.optional(instant),
    /** On an edit: the version it started from (optimistic concurrency; see http/precondition.ts). */
    version: z.optional(z.number().check(z.int(), z.positive())),
  })
  .check(
    z.refine((e) => new Set(e.variants.map((v) => v.segment)).size === e.variants.length, {
      message: "each segment may have only one variant in an experience",
      path: ["variants"],
    }),
    z.refine((e) => !e.start || !e.end || Date.parse(e.end) > Date.parse(e.start), { message: "must be after start", path: ["end"] }),
  );

export type ExperienceInput = z.infer<typeof experienceInput>;
export type Experience = Omit<ExperienceInput, "id" | "version"> & {
  id: string;
  siteKey: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};
