import { z } from "zod";
import { slug } from "./common";

/** An allowed origin as a browser sends it in `Origin`: scheme://host[:port], nothing else. */
const origin = z
  .string()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s;
    } catch {
      return false;
    }
  }, "must be an origin like https://www.example.com (scheme, host and optional port, no path or trailing slash)");

export const siteInput = z.object({
  key: slug,
  name: z.string().trim().min(1).max(200),
  origins: z.array(origin).max(50).default([]),
});

// Spelled out rather than siteInput.partial(): zod would still apply origins' default, so a PATCH of the
// name alone would clear the allowed origins.
export const sitePatch = z
  .object({ name: z.string().trim().min(1).max(200), origins: z.array(origin).max(50), version: z.number().int().positive() })
  .partial()
  .strict();

export type SiteInput = z.infer<typeof siteInput>;
export type Site = SiteInput & { liveVersion: number | null; version: number; createdAt: string; updatedAt: string };
