// The experiences the page view alone decides, and their content, for the upgraded tag's script (README
// "Decided by the page view"). Every segment of such an experience names only page context (page.*, time.*),
// so the snippet decides it exactly as it runs, before it has the visitor's profile or context; and no change
// holds a token, which the snippet would fill from a profile it doesn't have yet. Their content is the same for
// everyone (no server reference gates it), so it may ride in the public, cacheable script.
import type { ExperienceContent, InlineConfig } from "../../contract/wire";
import { decidedByPageView } from "../conditions/kind";
import type { Snapshot } from "../schemas/published";

/**
 * At most this many characters of content JSON ride in the script, which every page of the site loads: a site
 * with many such experiences (one per landing page) would otherwise make every page pay for all of them. Those
 * past it, in the config's order, are decided as usual (their content fetched or cached).
 */
export const PAGE_VIEW_MAX_CHARS = 8000;

export function pageViewContent(snap: Snapshot): ExperienceContent {
  const conditions = new Map(snap.config.segments.map((s) => [s.id, s.condition]));
  const out: ExperienceContent = {};
  let chars = 0;
  for (const e of snap.config.experiences) {
    const content = Object.fromEntries(e.segments.map((s) => [s, snap.content[e.id]?.[s] ?? []]));
    const list = e.segments.map((s) => conditions.get(s));
    const size = JSON.stringify(content).length;
    // A segment missing from the config (never, as published) would read as a condition over nothing.
    if (!list.includes(undefined) && decidedByPageView(list, content) && chars + size <= PAGE_VIEW_MAX_CHARS) {
      out[e.id] = content;
      chars += size;
    }
  }
  return out;
}

// Per published snapshot (they are immutable): /context asks on every first visit.
const chosen = new WeakMap<Snapshot, ExperienceContent>();
const pageViewOf = (snap: Snapshot) => {
  let got = chosen.get(snap);
  if (!got) {
    got = pageViewContent(snap);
    chosen.set(snap, got);
  }
  return got;
};

/** The upgraded script's inlined object: the config, with the page view's content when there is any. */
export function inlineConfig(snap: Snapshot): InlineConfig {
  const pageView = pageViewOf(snap);
  return Object.keys(pageView).length ? { ...snap.config, pageView } : snap.config;
}

/**
 * `changes` without the experiences whose content rides in the upgraded script of `snap`'s version: the first
 * visit's context need not carry them again (the script has them, and boot.ts uses a context's content only
 * when its version is the inlined config's).
 */
export const withoutPageView = (snap: Snapshot, changes: ExperienceContent): ExperienceContent => {
  const pageView = pageViewOf(snap);
  return Object.fromEntries(Object.entries(changes).filter(([e]) => !Object.hasOwn(pageView, e)));
};
