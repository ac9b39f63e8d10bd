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

export const sitePatch = siteInput.omit({ key: true }).partial().strict();

export type SiteInput = z.infer<typeof siteInput>;
export type Site = SiteInput & { liveVersion: number | null; createdAt: string; updatedAt: string };
