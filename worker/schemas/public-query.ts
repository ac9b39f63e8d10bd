// The query strings of the public context and variants endpoints (routes/public.ts).
import * as z from "./zod";

const version = z.optional(z.coerce.number().check(z.int(), z.positive()));
const segmentIds = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(2000)),
    z.transform((s: string) => [...new Set(s.split(",").filter(Boolean))]),
  ),
  z
    .array(z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "segment ids are comma-separated slugs")))
    .check(z.minLength(1), z.maxLength(50)),
);
export const contextQuery = z.object({ v: version, segments: z.optional(segmentIds) });
export const variantsQuery = z.object({
  v: version,
  segments: segmentIds,
  token: z.optional(z.string().check(z.maxLength(4096))),
});
