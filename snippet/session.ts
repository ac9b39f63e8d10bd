// What the snippet's parts share on this page: the tag's settings (site, API base), the one warning, and
// the visitor's session (profile, and config, context and content, cached or fetched). Only this module
// assigns them (others read live bindings): boot.ts starts the session, forget() ends it for good, and
// nothing is stored after that.
import type { CachedContent, InlineConfig, ServerContext } from "../contract/wire";
import { recordInterests, type InterestScores } from "./interests";
import { touch, type Profile } from "./profile";
import { save } from "./store";

export type Config = InlineConfig & { t?: number };
export type Visitor = Profile & { interests?: InterestScores };

export let profile: Visitor | undefined;
export let config: Config | undefined;
export let ctx: ServerContext | undefined;
export let content: CachedContent | undefined;
export let forgotten: true | undefined;
/** IndexedDB didn't answer in time (or can't): this page view stores nothing, so a slow IndexedDB's stored
 * profile isn't overwritten by this page view's, and a missing one gives no warning. */
let lost = false;

/** Without a profile: the session of boot.ts's decision by the page view alone. */
export const start = (c: Config, x: ServerContext, n: CachedContent, l: boolean, p?: Visitor) => {
  (profile = p), (config = c), (ctx = x), (content = n), (lost = l);
};

/** forget(): in-flight fetches and saves see `forgotten` and store nothing. */
export const end = () => {
  forgotten = true;
  profile = content = ctx = config = undefined;
};

let warned: true | undefined;
export const warn = (e: unknown, m = "facet: showing original content:") => warned || ((warned = true), console.warn(m, e));

export const doc = document;
export const script = (doc.currentScript || doc.querySelector("script[data-site]")) as HTMLScriptElement | null;
/** The upgraded tag (<script async src=".../v1/sites/KEY/facet.js">): the Worker wraps the snippet in a function
 * whose parameter is the site's live config. Undefined with the plain /facet.js tag. */
declare const __facetInline: Config | undefined;
export const inline = typeof __facetInline == "object" ? __facetInline : undefined;
export const site = script?.dataset.site || inline?.site || "";
/** For the <style> elements Facet adds (a strict CSP): data-nonce, or the tag's own nonce. */
export const nonce = script?.dataset.nonce || script?.nonce;
// The API is where the snippet came from, unless the tag names another base URL (data-api, e.g. a proxy path).
export const base = (script?.dataset.api || new URL(script?.src || location.href).origin).replace(/\/$/, "");

export const keep = (entries: Parameters<typeof save>[1]) => forgotten || lost || save(site, entries).catch(warn);

/** A page view: recorded in the profile (and its topics' interest scores). Only once the session started (a config). */
export const view = (url: URL, referrer: string) => {
  const now = Date.now();
  profile = touch(profile, now, url, referrer);
  profile.interests = recordInterests(profile.interests, config!.topics || [], url, now);
};
