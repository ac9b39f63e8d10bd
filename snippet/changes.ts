// Applies content changes to the page. Each application returns a revert function (the dom-mutator
// model), so a change can be undone exactly when a later decision no longer wants it.
import type { Change } from "../worker/schemas/change";

export type Revert = () => void;

// Elements a browser would run or load from: never changed, whatever a config says (a script whose
// type or text changes can execute). Outside HTML (svg, math) nothing is changed either.
const UNSAFE = /^(SCRIPT|STYLE|LINK|META|BASE|I?FRAME|OBJECT|EMBED|TEMPLATE|NOSCRIPT)$/;

export function applyChange(el: Element, c: Change): Revert {
  const h = el as HTMLElement;
  if (UNSAFE.test(el.tagName) || el.namespaceURI != "http://www.w3.org/1999/xhtml") return () => {};
  if (c.type == "text" || c.type == "html") {
    const key = c.type == "text" ? "textContent" : "innerHTML";
    const old = h[key];
    h[key] = c.value; // html was sanitized by the Worker when it was saved
    return () => void (h[key] = old);
  }
  if (c.type == "attribute") {
    const old = el.getAttribute(c.name);
    c.value == null ? el.removeAttribute(c.name) : el.setAttribute(c.name, c.value);
    return () => (old == null ? el.removeAttribute(c.name) : el.setAttribute(c.name, old));
  }
  if (c.type == "class") {
    // Only what actually changed is undone: a class the page already had stays.
    const added = c.add.filter((x) => !el.classList.contains(x));
    const removed = c.remove.filter((x) => el.classList.contains(x));
    el.classList.add(...added);
    el.classList.remove(...removed);
    return () => {
      el.classList.remove(...added);
      el.classList.add(...removed);
    };
  }
  const props: Record<string, string> = c.type == "hide" ? { display: "none" } : c.properties;
  const olds = Object.keys(props).map((p) => [p, h.style.getPropertyValue(p), h.style.getPropertyPriority(p)] as const);
  for (const p in props) h.style.setProperty(p, props[p]!, "important");
  return () => olds.forEach(([p, v, prio]) => h.style.setProperty(p, v, prio));
}

interface Live {
  c: Change;
  /** Elements this change was applied to: each element gets it once, so a framework fighting it can't loop. */
  done: WeakSet<Element>;
  reverts: Revert[];
}

const live = new Set<Live>();
let observer: MutationObserver | undefined;

const scan = (doc: Document, groups: Iterable<Live>) => {
  for (const g of groups)
    doc.querySelectorAll(g.c.selector).forEach((el) => {
      if (!g.done.has(el)) g.done.add(el), g.reverts.push(applyChange(el, g.c));
    });
};

/**
 * Applies changes to every element their selectors match now, and keeps applying them to matching
 * elements that appear later (parsed after this async script ran, or rendered by a framework), with
 * one MutationObserver for all of them. Returns the revert of the whole group. Throws on an invalid
 * selector, having reverted what it applied: the caller keeps the original content.
 */
export function activate(changes: Change[], doc: Document): Revert {
  const groups = changes.map((c): Live => ({ c, done: new WeakSet(), reverts: [] }));
  const revert = () => {
    for (const g of groups) live.delete(g), g.reverts.splice(0).reverse().forEach((r) => r());
    if (!live.size) observer?.disconnect(), (observer = undefined);
  };
  try {
    scan(doc, groups);
  } catch (e) {
    revert();
    throw e;
  }
  groups.forEach((g) => live.add(g));
  if (!observer) (observer = new MutationObserver(() => scan(doc, live))).observe(doc.documentElement, { childList: true, subtree: true });
  return revert;
}
