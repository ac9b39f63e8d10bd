import { z } from "zod";

/** Ids and site keys: short, URL-safe, readable in the admin and in URLs. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "use 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit");

/** Paths under `server` are where publishing puts references to server-evaluated parts (publish/split.ts). */
function usesReservedPath(c: Record<string, unknown>): boolean {
  return Object.entries(c).some(([k, v]) =>
    /^server(\.|$)/.test(k) ||
    (["$and", "$or", "$nor"].includes(k) && Array.isArray(v) && v.some((x) => typeof x === "object" && x !== null && usesReservedPath(x as Record<string, unknown>))) ||
    (k === "$not" && typeof v === "object" && v !== null && usesReservedPath(v as Record<string, unknown>)),
  );
}

/** A segment condition (SPEC §3): a JSON object; its operators are checked by the evaluator's rules. */
export const condition = z
  .record(z.string(), z.unknown())
  .refine((c) => JSON.stringify(c).length <= 20_000, "condition is larger than 20,000 characters")
  .refine((c) => !usesReservedPath(c), "`server.*` paths are reserved for Facet's server-evaluated references");
