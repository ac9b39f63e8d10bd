import { z } from "zod";
import { slug } from "./common";
import { change } from "./change";
import { PAGE_PATTERN_MAX, pagePatternProblem } from "../pages/pattern";

/** A page pattern: the subset of URLPattern pathname syntax in worker/pages/pattern.ts, e.g. "/pricing" or "/blog/*". */
export const pagePattern = z
  .string()
  .min(1)
  .max(PAGE_PATTERN_MAX)
  .superRefine((p, ctx) => {
    const problem = pagePatternProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const variantInput = z.object({
  segment: slug,
  changes: z.array(change).min(1).max(50),
});

export const experienceInput = z
  .object({
    id: slug.optional(),
    name: z.string().trim().min(1).max(200),
    status: z.enum(["live", "paused"]).default("live"),
    pages: z.array(pagePattern).max(20).default([]),
    variants: z.array(variantInput).min(1).max(50),
    /** On an edit: the version it started from (optimistic concurrency; see http/precondition.ts). */
    version: z.number().int().positive().optional(),
  })
  .refine((e) => new Set(e.variants.map((v) => v.segment)).size === e.variants.length, {
    message: "each segment may have only one variant in an experience",
    path: ["variants"],
  });

export type ExperienceInput = z.infer<typeof experienceInput>;
export type Experience = Omit<ExperienceInput, "id" | "version"> & { id: string; siteKey: string; version: number; createdAt: string; updatedAt: string };
