// Applies content changes to the page. Each application returns a revert function (the dom-mutator
// model), so a change can be undone exactly when a later decision no longer wants it.
import type { Change } from "../worker/schemas/change";

export type Revert = () => void;

export function applyChange(el: Element, c: Change): Revert {
  const h = el as HTMLElement;
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

/**
 * Applies changes to every element their selectors match now, and to matching elements that are parsed
 * later until the document is loaded (an async script can run before the body exists).
 * Returns the reverts. Throws on an invalid selector: the caller falls back to the original content.
 */
export function applyChanges(changes: Change[], doc: Document, onDone: () => void): Revert[] {
  const reverts: Revert[] = [];
  const done = new Set<Element>();
  const run = () => {
    for (const c of changes) {
      doc.querySelectorAll(c.selector).forEach((el) => {
        const k = el as Element & { _f?: Set<Change> };
        // One application per element and change, however often the observer fires.
        if (!(k._f ??= new Set()).has(c)) k._f.add(c), done.add(el), reverts.push(applyChange(el, c));
      });
    }
  };
  run();
  if (doc.readyState == "loading") {
    const mo = new MutationObserver(run);
    mo.observe(doc.documentElement, { childList: true, subtree: true });
    doc.addEventListener("DOMContentLoaded", () => (mo.disconnect(), run(), onDone()));
  } else onDone();
  return reverts;
}
