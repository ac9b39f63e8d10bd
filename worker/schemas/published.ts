// What a publish writes to KV and what the public endpoints serve. The public parts are the contract's
// shapes (contract/wire.ts), which the snippet imports; these schemas are declared to produce exactly them.
import * as z from "./zod";
import type { PublishedConfig } from "../../contract/wire";
import { publishedChange } from "./change";
import type { Same } from "./same";

/** A condition as published: already checked when saved, and may hold `server.*` references. */
const condition = z.record(z.string(), z.unknown());

/**
 * `pages` compiled at publish to anchored regex sources the snippet tests the pathname with, the same in every
 * browser (worker/pages/pattern.ts). Snapshots published before this field have none: readSnapshot compiles them.
 */
const pagePaths = z.optional(z.array(z.string()));

/**
 * The public config a visitor's browser downloads: segment conditions and the slots each experience
 * touches, never content. Parts of conditions over server-side attributes (geo.*, company.*) are replaced
 * by references `{ "server.<ref>": true }` whose results come, signed, with the visitor's context.
 */
const positiveInt = z.number().check(z.int(), z.positive());

export const publishedConfig = z.object({
  v: positiveInt,
  site: z.string(),
  /** Milliseconds after which hidden slots are released whatever happens (SPEC §6: ≤ 1000 by default). */
  timeout: positiveInt,
  segments: z.array(z.object({ id: z.string(), condition })),
  /** Interest topics: views of these pages raise interests.<topic> on the device (scored there). */
  topics: z._default(z.array(z.object({ topic: z.string(), pages: z.array(z.string()), paths: pagePaths })), []),
  experiences: z.array(
    z.object({
      id: z.string(),
      /** Page patterns as saved (URLPattern pathname syntax); empty means every page. */
      pages: z.array(z.string()),
      paths: pagePaths,
      /** CSS selectors of the elements this experience may change (hidden while its content loads). */
      slots: z.array(z.string()),
      /** Segment ids that have a variant here, highest priority first: the first match wins. */
      segments: z.array(z.string()),
      /** Schedule as epoch ms: the experience is skipped before `from` and from `until` on. Absent: unbounded. */
      from: z.optional(z.number()),
      until: z.optional(z.number()),
    }),
  ),
});

/** The immutable snapshot stored per version; only `config` is public. */
export const snapshot = z.object({
  v: positiveInt,
  site: z.string(),
  publishedAt: z.string(),
  config: publishedConfig,
  /** Server-evaluated condition parts by reference id: the secret lists live only here. */
  server: z.record(z.string(), condition),
  /** Whether any server part looks at company.*: if not, /context does no company lookup at all. Absent in older snapshots. */
  needsCompany: z.optional(z.boolean()),
  /** Content: experience id → segment id → changes. */
  content: z.record(z.string(), z.record(z.string(), z.array(publishedChange))),
});

/** The per-site record public endpoints read first: where to allow requests from, and what is live. */
export const siteRecord = z.object({
  origins: z.array(z.string()),
  live: z.nullable(positiveInt),
  /** The site's creation time: a site deleted and created again restarts at version 1, and isolates must not confuse the two. */
  created: z._default(z.string(), ""),
});

export type { PublishedConfig, ServerContext, VariantsResponse } from "../../contract/wire";
// The config as it leaves the Worker is the contract's shape.
const configIsContract: Same<z.infer<typeof publishedConfig>, PublishedConfig> = true;
void configIsContract;
export type Snapshot = z.infer<typeof snapshot>;
export type SiteRecord = z.infer<typeof siteRecord>;
export type ExperienceContent = Snapshot["content"];
