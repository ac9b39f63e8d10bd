// Edge mode's handoff (docs/edge.md): the experiences the Worker in front of the site already applied inside
// the HTML stream, with their changes, in <script type="application/json" id="facet-edge">. They become content
// the device holds (no fetch) and winners already shown (their slots are not hidden): the snippet's own
// decision then applies them over identical content, which keeps them applied when the page re-renders.
// A provisional one (`undo`: a device-only segment above it) comes with the origin's content kept in templates:
// the first decision puts that back and applies its own winner, through render.ts's `applied` like any other.
import type { CachedContent, Change } from "../contract/wire";
import { set } from "./apply";
import { activate, before, complete } from "./changes";
import { key } from "./plan";
import { applied } from "./render";
import { warn } from "./session";

type Handoff = { v: number; config: number; applied: { experience: string; segment: string; undo?: string; changes: Change[] }[] };

// Only a <script> element is the edge's handoff: markup a page lets its users write (a comment, a profile)
// can't hold one, while an element of any other kind could carry the id (a sanitizer keeps ids).
const handoff = (doc: Document): Handoff => JSON.parse(doc.querySelector("script#facet-edge")!.textContent!);

/**
 * From boot until the first decision: keeps what the edge applied applied when the page's own scripts rewrite
 * it before the snippet knows its config (hydration at DOMContentLoaded). Returns its release.
 */
export const hold = (doc: Document) => {
  try {
    // Not the inserts: two groups following the page would each insert into an element it renders anew.
    // Not a provisional winner's: applied again, it would drop the origin's content the edge kept.
    return activate(
      handoff(doc)
        .applied.flatMap((a) => (a.undo ? [] : a.changes))
        .filter((c) => c.type != "insert"),
      doc,
      warn,
    );
  } catch {
    return () => {};
  }
};

/**
 * The revert of a provisional winner: puts back the origin's content the edge kept in the templates marked `m`
 * (worker/edge/undoable.ts), each into its element, in place of the edge's. A template whose element the parser
 * hasn't finished waits for DOMContentLoaded (its remaining children would go into it, the new content after).
 */
const undo = (doc: Document, m: string) => () => {
  const run = () =>
    doc.querySelectorAll(`[${m}]`).forEach((el) => {
      // One element at a time, never into the page: a mark the page wrote itself (not JSON) restores nothing.
      try {
        const o = JSON.parse(el.getAttribute(m) || "0");
        if (o) for (const k in o) set(el, k, o[k]);
        else complete(el.parentNode, doc) && el.parentNode!.replaceChildren((el as HTMLTemplateElement).content);
      } catch {}
    });
  run();
  before.add(run);
};

/** Adds the edge's changes to `content` when they are of its config version; returns the winners shown (plan.ts keys). */
export const fromEdge = (doc: Document, content: CachedContent): Set<string> => {
  const shown = new Set<string>();
  try {
    const h = handoff(doc);
    if (h.v == 2)
      for (const a of h.applied) {
        // A provisional winner, whatever the config version (its templates are on the page), is on the page as
        // no segment's: the first decision reverts it, in the task that hides what replaces it, and applies its
        // own winner over the origin's content (the same segment's at once: it is shown, its content is here).
        // Read twice when the upgraded tag decided by the page view first (boot.ts): what that decision applied
        // in the meantime stays, with its own revert.
        if (a.undo) applied[a.experience] ||= { segment: "", revert_: undo(doc, a.undo) };
        if (h.config == content.v) ((content.changes[a.experience] ||= {})[a.segment] = a.changes), shown.add(key(a));
      }
  } catch {}
  return shown;
};
