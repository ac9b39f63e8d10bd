import * as z from "./zod";
import { slug } from "./common";

/** An allowed origin as a browser sends it in `Origin`: scheme://host[:port], nothing else. */
const origin = z.string().check(
  z.refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s;
    } catch {
      return false;
    }
  }, "must be an origin like https://www.example.com (scheme, host and optional port, no path or trailing slash)"),
);
const siteName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const origins = z.array(origin).check(z.maxLength(50));

export const siteInput = z.object({
  key: slug,
  name: siteName,
  origins: z._default(origins, []),
});

// Spelled out rather than z.partial(siteInput): zod would still apply origins' default, so a PATCH of the
// name alone would clear the allowed origins.
export const sitePatch = z.partial(z.strictObject({ name: siteName, origins, version: z.number().check(z.int(), z.positive()) }));

export type SiteInput = z.infer<typeof siteInput>;
export type Site = SiteInput & { liveVersion: number | null; version: number; createdAt: string; updatedAt: string };
