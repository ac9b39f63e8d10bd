// What a publish writes to KV and what the public endpoints serve. The snippet imports these types
// (type-only, so no zod reaches its bundle): this file is the contract between the two.
import { z } from "zod";
import { change } from "./change";

/** A condition as published: already checked when saved, and may hold `server.*` references. */
const condition = z.record(z.string(), z.unknown());

/**
 * The public config a visitor's browser downloads: segment conditions and the slots each experience
 * touches, never content. Parts of conditions over server-side attributes (geo.*, company.*) are replaced
 * by references `{ "server.<ref>": true }` whose results come, signed, with the visitor's context.
 */
export const publishedConfig = z.object({
  v: z.number().int().positive(),
  site: z.string(),
  /** Milliseconds after which hidden slots are released whatever happens (SPEC §6: ≤ 1000 by default). */
  timeout: z.number().int().positive(),
  segments: z.array(z.object({ id: z.string(), condition })),
  /** Interest topics: views of these pages raise interests.<topic> on the device (scored there). */
  topics: z.array(z.object({ topic: z.string(), pages: z.array(z.string()) })).default([]),
  experiences: z.array(
    z.object({
      id: z.string(),
      /** URLPattern pathname patterns; empty means every page. */
      pages: z.array(z.string()),
      /** CSS selectors of the elements this experience may change (hidden while its content loads). */
      slots: z.array(z.string()),
      /** Segment ids that have a variant here, highest priority first: the first match wins. */
      segments: z.array(z.string()),
    }),
  ),
});

/** The immutable snapshot stored per version; only `config` is public. */
export const snapshot = z.object({
  v: z.number().int().positive(),
  site: z.string(),
  publishedAt: z.string(),
  config: publishedConfig,
  /** Server-evaluated condition parts by reference id: the secret lists live only here. */
  server: z.record(z.string(), condition),
  /** Whether any server part looks at company.*: if not, /context does no company lookup at all. Absent in older snapshots. */
  needsCompany: z.boolean().optional(),
  /** Content: experience id → segment id → changes. */
  content: z.record(z.string(), z.record(z.string(), z.array(change))),
});

/** The per-site record public endpoints read first: where to allow requests from, and what is live. */
export const siteRecord = z.object({
  origins: z.array(z.string()),
  live: z.number().int().positive().nullable(),
  /** The site's creation time: a site deleted and created again restarts at version 1, and isolates must not confuse the two. */
  created: z.string().default(""),
});

export type PublishedConfig = z.infer<typeof publishedConfig>;
export type Snapshot = z.infer<typeof snapshot>;
export type SiteRecord = z.infer<typeof siteRecord>;
export type ExperienceContent = Snapshot["content"];

/** A visitor's server-side context: answered by /context, cached on the device, passed back as `token`. */
export interface ServerContext {
  v: number;
  geo: Record<string, string | number | boolean>;
  company: Record<string, string | number | boolean> | null;
  /** Results of the config's server references for this visitor. */
  server: Record<string, boolean>;
  /** Signature over (site, v, true references, expiry): proves `server` to the variants endpoint. */
  token: string;
  /** Epoch ms after which the device should fetch a fresh context. */
  expires: number;
}

/** The variants endpoint's answer: changes for the requested segments, by experience. */
export interface VariantsResponse {
  v: number;
  changes: ExperienceContent;
  /** Requested segments whose content needs a valid signed context that was not given. */
  denied: string[];
}
