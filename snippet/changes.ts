// Applies content changes to the page. Each application returns a revert function (the dom-mutator
// model), so a change can be undone exactly when a later decision no longer wants it.
import type { Change } from "../contract/wire";
import { fillChange } from "./tokens";

/** With `keep`, a group only stops following the page, leaving what it applied. */
export type Revert = (keep?: boolean) => void;

// Elements a browser would run or load from: never changed, whatever a config says (a script whose
// type or text changes can execute). Outside HTML (svg, math) nothing is changed either.
const UNSAFE = /^(SCRIPT|STYLE|LINK|META|BASE|I?FRAME|OBJECT|EMBED|TEMPLATE|NOSCRIPT)$/;

export function applyChange(el: Element, c: Change): Revert {
  const h = el as HTMLElement;
  if (UNSAFE.test(el.tagName) || el.namespaceURI != "http://www.w3.org/1999/xhtml") return () => {};
  // Reverts put back the original only where the element still shows Facet's value: what a framework
  // rendered there since is the page's own content.
  if (c.type == "text" || c.type == "html") {
    const key = c.type == "text" ? "textContent" : "innerHTML";
    // The page's own nodes go back, not a copy: a text change doesn't flatten the markup it replaced,
    // and listeners or state the page keeps on those nodes still work.
    const old = [...h.childNodes];
    h[key] = c.value; // html was sanitized by the Worker when it was saved
    // Markup Facet inserted is never a target itself: html matching its own selector can't loop.
    h.querySelectorAll("*").forEach((n) => inserted.add(n));
    const mine = h[key];
    return () => void (h[key] == mine && ((h.textContent = ""), h.append(...old)));
  }
  if (c.type == "insert") {
    // Parsed inert (a template runs nothing), then moved in: the nodes themselves are what revert removes.
    const t = el.ownerDocument.createElement("template");
    t.innerHTML = c.html; // sanitized by the Worker when saved and again when published
    t.content.querySelectorAll("*").forEach((n) => inserted.add(n));
    const nodes = [...t.content.childNodes];
    el[({ before: "before", after: "after", "inside-start": "prepend", "inside-end": "append" } as const)[c.position]](...nodes);
    return () => nodes.forEach((n) => (n as ChildNode).remove());
  }
  if (c.type == "redirect") return () => {};
  if (c.type == "attribute") {
    const old = el.getAttribute(c.name);
    c.value == null ? el.removeAttribute(c.name) : el.setAttribute(c.name, c.value);
    return exact(el, c.name, old, () => {});
  }
  if (c.type == "class") {
    const old = el.getAttribute("class");
    // Only what actually changed is undone: a class the page already had stays.
    const added = c.add.filter((x) => !el.classList.contains(x));
    const removed = c.remove.filter((x) => el.classList.contains(x));
    el.classList.add(...added);
    el.classList.remove(...removed);
    return exact(el, "class", old, () => {
      el.classList.remove(...added);
      el.classList.add(...removed);
    });
  }
  const props: Record<string, string> = c.type == "hide" ? { display: "none" } : c.properties;
  const old = el.getAttribute("style");
  const olds = Object.keys(props).map((p) => [p, h.style.getPropertyValue(p), h.style.getPropertyPriority(p)] as const);
  for (const p in props) h.style.setProperty(p, props[p]!, "important");
  return exact(el, "style", old, () => olds.forEach(([p, v, prio]) => h.style.setProperty(p, v, prio)));
}

// An attribute, class or style goes back exactly as the page wrote it (absent, order, spacing) while it
// still reads as Facet left it; once the page changed it too, only Facet's own part (if any) is undone.
const exact = (el: Element, name: string, old: string | null, undo: Revert): Revert => {
  const mine = el.getAttribute(name);
  return () => (el.getAttribute(name) == mine ? (old == null ? el.removeAttribute(name) : el.setAttribute(name, old)) : undo());
};

interface Live {
  c: Change;
  /**
   * Elements this change was applied to: each gets it once, except a text or html change whose content the
   * page itself wrote again in place (hydration), within the budget below. Another change's content is Facet's.
   */
  done: WeakSet<Element>;
  reverts: Revert[];
  /** Applications by the observer in the second that started at `at`: the change's own budget. */
  n: number;
  at: number;
}

const live = new Set<Live>();
const inserted = new WeakSet<Node>();
/** The first node of each text or html change's content (the element, when empty): what Facet wrote there. */
const written = new WeakSet<Node>();
let observer: MutationObserver | undefined;
let report: (e: unknown) => void = () => {};

/** While the page is parsed, an element is complete once it, or an ancestor, has a next sibling. */
const complete = (el: Node | null, doc: Document): boolean =>
  doc.readyState != "loading" || (!!el && (!!el.nextSibling || complete(el.parentNode, doc)));

const scan = (doc: Document, g: Live) =>
  "selector" in g.c &&
  doc.querySelectorAll(g.c.selector).forEach((el) => {
    // Not yet complete: the parser would append the original's remaining children after a swap.
    const k = g.c.type == "text" || g.c.type == "html";
    if ((g.done.has(el) && (!k || written.has(el.firstChild || el))) || inserted.has(el) || !complete(el, doc)) return;
    g.done.add(el);
    g.n++;
    g.reverts.push(applyChange(el, g.c));
    if (k) written.add(el.firstChild || el);
  });

// The observer's work is bounded per change: a page (or framework) that keeps re-creating one change's
// slots can't make Facet spin. Past 500 applications in a second, that change stops following the page
// (what it applied stays); every other change still gets late-rendered elements.
const observe = (doc: Document) => () => {
  const now = Date.now();
  for (const g of live)
    try {
      if (now - g.at > 1000) (g.n = 0), (g.at = now);
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
export function activate(changes: Change[], doc: Document, onError: (e: unknown) => void, context: Record<string, unknown> = {}): Revert {
  report = onError;
  for (const c of changes) if (c.type == "redirect") redirect(c.url);
  const groups = changes.map((c): Live => ({ c: fillChange(c, context), done: new WeakSet(), reverts: [], n: 0, at: 0 }));
  const revert: Revert = (keep) => {
    for (const g of groups)
      live.delete(g),
        keep ||
          g.reverts
            .splice(0)
            .reverse()
            .forEach((r) => r());
    if (!live.size) observer?.disconnect(), (observer = undefined);
  };
  try {
    groups.forEach((g) => scan(doc, g));
  } catch (e) {
    revert();
    throw e;
  }
  groups.forEach((g) => live.add(g));
  if (!observer) {
    (observer = new MutationObserver(observe(doc))).observe(doc.documentElement, { childList: true, subtree: true });
    // The last elements of a page get no next sibling: look again once it is parsed.
    doc.addEventListener("DOMContentLoaded", observe(doc));
  }
  return revert;
}

// Redirect loop guard: the page a redirect leads to carries this marker, and a page that has it never
// redirects again (A → B → A stops at B). The marker is taken out of the address bar as soon as this
// script runs, before the page view is recorded. A redirect to the page itself is never made either.
const MARK = "facet-redirected";
const here = new URL(location.href);
const arrived = here.searchParams.has(MARK);
if (arrived) here.searchParams.delete(MARK), history.replaceState(history.state, "", here);

export const redirect = (url: string) => {
  const to = new URL(url, here);
  if (arrived || !/^https?:$/.test(to.protocol) || to.href.split("#")[0] == location.href.split("#")[0]) return;
  to.searchParams.set(MARK, "1");
  location.replace(to);
};
