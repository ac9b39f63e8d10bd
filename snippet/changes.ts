// Applies content changes to the page. Each application returns a revert function (the dom-mutator
// model), so a change can be undone exactly when a later decision no longer wants it.
import type { Change } from "../contract/wire";
import { applyChange, inserted, type Revert } from "./apply";
import { fillChange } from "./tokens";

export { applyChange, type Revert };

interface Live {
  c: Change;
  /**
   * Elements this change was applied to: each gets it once, except a text or html change whose content the
   * page itself wrote again in place (hydration), within the budget below. Another change's content is Facet's.
   */
  done_: WeakSet<Element>;
  reverts_: Revert[];
  /**
   * Applications by the observer in the second that started at `at_`: the change's own budget. Both start
   * undefined (NaN once counted): the observer's first look compares false and starts the first second.
   */
  n: number;
  at_: number;
}

const live = new Set<Live>();
/** The first node of each text or html change's content (the element, when empty): what Facet wrote there. */
const written = new WeakSet<Node>();
let observer: MutationObserver | undefined;
/** Stops following the page: what is applied stays, and can still be reverted (index.ts, after a failure). */
export const still = () => live.clear();

/**
 * Run before each look at the page for changes to follow (edge.ts: a provisional winner's originals put back
 * on elements parsed since): a change is then applied over the origin's content, never over the edge's.
 */
export const before = new Set<() => void>();
/** activate()'s onError: set before anything is followed. */
let report: (e: unknown) => void;

/** While the page is parsed, an element is complete once it, or an ancestor, has a next sibling. */
export const complete = (el: Node | null, doc: Document): unknown =>
  doc.readyState != "loading" || (el && (el.nextSibling || complete(el.parentNode, doc)));

const scan = (doc: Document, g: Live) =>
  "selector" in g.c &&
  doc.querySelectorAll(g.c.selector).forEach((el) => {
    // Not yet complete: the parser would append the original's remaining children after a swap.
    const k = g.c.type == "text" || g.c.type == "html";
    if ((g.done_.has(el) && (!k || written.has(el.firstChild || el))) || inserted.has(el) || !complete(el, doc)) return;
    g.done_.add(el);
    g.n++;
    g.reverts_.push(applyChange(el as HTMLElement, g.c));
    if (k) written.add(el.firstChild || el);
  });

// The observer's work is bounded per change: a page (or framework) that keeps re-creating one change's
// slots can't make Facet spin. Past 500 applications in a second, that change stops following the page
// (what it applied stays); every other change still gets late-rendered elements.
const observe = (doc: Document) => () => {
  before.forEach((f) => f());
  const now = Date.now();
  for (const g of live)
    try {
      if (!(now - g.at_ <= 1000)) (g.n = 0), (g.at_ = now);
      scan(doc, g);
      if (g.n > 500) throw `the page keeps re-rendering "${(g.c as { selector: string }).selector}"; stopped following it`;
    } catch (e) {
      live.delete(g);
      report(e);
    }
};

/**
 * Applies changes to every element their selectors match now, and keeps applying them to matching
 * elements that appear later (parsed after this async script ran, or rendered by a framework), with
 * one MutationObserver for all of them. Returns the revert of the whole group. Throws on an invalid
 * selector, having reverted what it applied: the caller keeps the original content.
 */
export const activate = (
  changes: Change[],
  doc: Document,
  onError: (e: unknown) => void,
  context: Record<string, unknown> = {},
): Revert => {
  report = onError;
  for (const c of changes) if (c.type == "redirect") redirect(c.url);
  const groups = changes.map((c) => ({ c: fillChange(c, context), done_: new WeakSet(), reverts_: [] as Revert[] }) as Live);
  const revert: Revert = (keep) => {
    for (const g of groups)
      live.delete(g),
        keep ||
          g.reverts_
            .splice(0)
            .reverse()
            .forEach((r) => r());
    if (!live.size) observer?.disconnect(), (observer = undefined);
  };
  try {
    // Followed from its first application on (a group that throws is taken out again by the revert).
    groups.forEach((g) => (scan(doc, g), live.add(g)));
  } catch (e) {
    revert();
    throw e;
  }
  if (!observer) {
    (observer = new MutationObserver(observe(doc))).observe(doc.documentElement, { childList: true, subtree: true });
    // The last elements of a page get no next sibling: look again once it is parsed.
    doc.addEventListener("DOMContentLoaded", observe(doc));
  }
  return revert;
};

// Redirect loop guard: the page a redirect leads to carries this marker, and a page that has it never
// redirects again (A → B → A stops at B). The marker is taken out of the address bar as soon as this
// script runs, before the page view is recorded. A redirect to the page itself is never made either.
const MARK = "facet-redirected";
/** The address this script ran at, without the marker (boot.ts records it as the landing page view). */
export const here = new URL(location.href);
const arrived = here.searchParams.has(MARK);
if (arrived) here.searchParams.delete(MARK), history.replaceState(history.state, "", here);

export const redirect = (url: string) => {
  const to = new URL(url, here);
  if (arrived || !/^https?:$/.test(to.protocol) || to.href.split("#")[0] == location.href.split("#")[0]) return;
  to.searchParams.set(MARK, "1");
  location.replace(to);
};
