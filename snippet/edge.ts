// Edge mode's handoff (docs/edge.md): the experiences the Worker in front of the site already applied inside
// the HTML stream, with their changes, in <script type="application/json" id="facet-edge">. They become content
// the device holds (no fetch) and winners already shown (their slots are not hidden): the snippet's own
// decision then applies them over identical content, which keeps them applied when the page re-renders.
import type { CachedContent, Change } from "../contract/wire";
import { activate } from "./changes";
import { warn } from "./session";

type Handoff = { v: number; config: number; applied: { experience: string; segment: string; changes: Change[] }[] };

/**
 * From boot until the first decision: keeps what the edge applied applied when the page's own scripts rewrite
 * it before the snippet knows its config (hydration at DOMContentLoaded). Returns its release.
 */
export const hold = (doc: Document) => {
  try {
    const h: Handoff = JSON.parse(doc.getElementById("facet-edge")!.textContent!);
    // Not the inserts: two groups following the page would each insert into an element it renders anew.
    return activate(
      h.applied.flatMap((a) => a.changes).filter((c) => c.type != "insert"),
      doc,
      warn,
    );
  } catch {
    return () => {};
  }
};

/** Adds the edge's changes to `content` when they are of its config version; returns the winners shown (plan.ts keys). */
export const fromEdge = (doc: Document, content: CachedContent): Set<string> => {
  const shown = new Set<string>();
  try {
    const h: Handoff = JSON.parse(doc.getElementById("facet-edge")!.textContent!);
    if (h.v == 1 && h.config == content.v)
      for (const a of h.applied) ((content.changes[a.experience] ||= {})[a.segment] = a.changes), shown.add(a.experience + " " + a.segment);
  } catch {}
  return shown;
};
