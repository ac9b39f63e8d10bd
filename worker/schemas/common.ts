import * as z from "./zod";
import { attributeProblems, conditionProblems } from "../conditions/validate";

/** Ids and site keys: short, URL-safe, readable in the admin and in URLs. */
export const slug = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "use 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit"));

/**
 * A segment condition (SPEC §3): a JSON object in GrowthBook's language, within what the Worker accepts
 * (conditions/validate.ts), over attributes of the catalog (conditions/catalog.ts). Each problem is its own issue at its own path, so the 400 names e.g.
 * `condition.$and.1.geo.country.$regex`.
 */
export const condition = z.record(z.string(), z.unknown()).check(
  z.superRefine((c, ctx) => {
    if (JSON.stringify(c).length > 20_000) {
      ctx.addIssue({ code: "custom", message: "condition is larger than 20,000 characters" });
      return;
    }
    for (const { path, message } of [...conditionProblems(c), ...attributeProblems(c)]) {
      const segments = path == "(condition)" ? [] : path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      ctx.addIssue({ code: "custom", message, path: segments });
    }
  }),
);

/** A company's web domain, normalized the one way both company ranges and account lists compare it. */
export const domainName = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.transform((d: string) =>
      d
        .replace(/^https?:\/\//, "")
        .replace(/^www\./, "")
        .replace(/[/?#].*$/, ""),
    ),
  ),
  z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "not a domain name")),
);
