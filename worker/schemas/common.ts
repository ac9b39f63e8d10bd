import { z } from "zod";

/** Ids and site keys: short, URL-safe, readable in the admin and in URLs. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "use 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit");

/** A segment condition (SPEC §3): a JSON object; its operators are checked by the evaluator's rules. */
export const condition = z
  .record(z.string(), z.unknown())
  .refine((c) => JSON.stringify(c).length <= 20_000, "condition is larger than 20,000 characters");
