// The shapes that cross the wire between the Worker and the snippet, as plain types (the snippet stays
// zod-free: bytes). The Worker's zod schemas are declared to produce exactly these (worker/schemas/*,
// checked at compile time with `Same<>`), so a change to either side that the other doesn't share fails
// the type-check.
import type { Condition } from "./conditions";

/** One content change to the elements a selector matches (SPEC §4). */
export type Change =
  | { type: "text"; selector: string; value: string }
  | { type: "html"; selector: string; value: string }
  | { type: "attribute"; selector: string; name: string; value: string | null }
  | { type: "class"; selector: string; add: string[]; remove: string[] }
  | { type: "style"; selector: string; properties: Record<string, string> }
  | { type: "hide"; selector: string }
  /** Sanitized markup put next to (before/after) or inside (at the start/end of) each matched element. */
  | { type: "insert"; selector: string; position: InsertPosition; html: string }
  /** Sends the visitor to `url` (a relative path or an absolute URL on an allowed origin) with location.replace. */
  | { type: "redirect"; url: string };

export type InsertPosition = "before" | "after" | "inside-start" | "inside-end";

/** Content by experience id, then segment id. */
export type ExperienceContent = Record<string, Record<string, Change[]>>;

/** A psychographic topic: views of pages matching `pages` raise interests.<topic> on the device. */
export interface Topic {
  topic: string;
  pages: string[];
  /** `pages` compiled to anchored regexes by the Worker; missing in configs published before they existed. */
  paths?: string[];
}

/**
 * The public config a visitor's browser downloads: segment conditions (server parts replaced by references,
 * see server-refs.ts) and the slots each experience touches, never content.
 */
export interface PublishedConfig {
  v: number;
  site: string;
  /** Milliseconds after which hidden slots are released whatever happens. */
  timeout: number;
  segments: { id: string; condition: Condition }[];
  topics: Topic[];
  experiences: {
    id: string;
    /** Page patterns; empty means every page. */
    pages: string[];
    /** `pages` compiled to anchored regexes (see Topic.paths). */
    paths?: string[];
    /** CSS selectors of the elements this experience may change. */
    slots: string[];
    /** Segment ids with a variant here, highest priority first. */
    segments: string[];
    /** Schedule, epoch ms: skipped before `from` and from `until` on (absent: unbounded). */
    from?: number;
    until?: number;
  }[];
}

/**
 * What the upgraded tag's script (/v1/sites/:site/facet.js) inlines: the live config, and the content of every
 * experience the page view alone decides (each segment's condition over page.* and time.* only, no token in its
 * content). That content is the same for everyone: the snippet applies it as it runs, before IndexedDB or the
 * network answers (README "Decided by the page view").
 */
export type InlineConfig = PublishedConfig & { pageView?: ExperienceContent };

/**
 * A visitor's server-side context: answered by /context, cached on the device, passed back as `token`.
 * Never the geo.* or company.* attributes themselves: the Worker evaluates those, the browser gets results.
 */
export interface ServerContext {
  v: number;
  /** Results of the config's server references for this visitor. */
  server: Record<string, boolean>;
  /** Signature over (site, v, true references, expiry): proves `server` to the variants endpoint. */
  token: string;
  /** Epoch ms after which the device should fetch a fresh context. */
  expires: number;
  /** The device as the Worker reads it from the request's user agent and client hints (device.* but touch and viewport). */
  device: ServerDevice;
  /**
   * Only when asked with `segments` (the upgraded tag's first visit): the content of those segments this
   * visitor may be served, so context and content take one round trip; not the experiences whose content the
   * live version's upgraded script carries (InlineConfig's pageView). Not kept in the cached context.
   */
  changes?: ExperienceContent;
}

/** device.type, device.os and device.browser: plain fields, classified by the Worker (worker/visitor/device.ts). */
export interface ServerDevice {
  type: "mobile" | "tablet" | "desktop";
  os: string;
  browser: string;
}

/** The variants endpoint's answer: changes for the requested segments, by experience. */
export interface VariantsResponse {
  v: number;
  changes: ExperienceContent;
  /** Requested segments whose content needs a valid signed context that was not given. */
  denied: string[];
}

/** What the snippet caches of content: the version it belongs to, and the changes fetched so far. */
export interface CachedContent {
  v: number;
  changes: ExperienceContent;
}
