// Applies one change to one element and returns its revert (the dom-mutator model): changes.ts finds the
// elements and follows the page; this is what happens to each of them.
import type { Change } from "../contract/wire";

/** With `keep`, a group only stops following the page, leaving what it applied. */
export type Revert = (keep?: boolean) => void;

/** Markup Facet inserted: never a target itself, so html matching its own selector can't loop. */
export const inserted = new WeakSet<Node>();

// Elements a browser would run or load from: never changed, whatever a config says (a script whose
// type or text changes can execute). Outside HTML (svg, math) nothing is changed either.
const UNSAFE = /^(SCRIPT|STYLE|LINK|META|BASE|I?FRAME|OBJECT|EMBED|TEMPLATE|NOSCRIPT)$/;

/**
 * `el` may be any element: only an HTMLElement (the HTML namespace, as the page's own window knows it) gets past
 * the first check to its HTML members. (An element another window created, moved into the page, stays as it is.)
 */
export const applyChange = (el: HTMLElement, c: Change): Revert => {
  // A redirect has no element to change (changes.ts follows it).
  if (c.type == "redirect" || UNSAFE.test(el.tagName) || !(el instanceof HTMLElement)) return () => {};
  // Reverts put back the original only where the element still shows Facet's value: what a framework
  // rendered there since is the page's own content.
  if (c.type == "text" || c.type == "html") {
    const key = c.type == "text" ? "textContent" : "innerHTML";
    // The page's own nodes go back, not a copy: a text change doesn't flatten the markup it replaced,
    // and listeners or state the page keeps on those nodes still work.
    const old = [...el.childNodes];
    el[key] = c.value; // html was sanitized by the Worker when it was saved
    // Markup Facet inserted is never a target itself: html matching its own selector can't loop.
    el.querySelectorAll("*").forEach((n) => inserted.add(n));
    const mine = el[key];
    return () => void (el[key] == mine && ((el[key] = ""), el.append(...old)));
  }
  if (c.type == "insert") {
    // Parsed inert (a template runs nothing), then moved in: the nodes themselves are what revert removes.
    const t = document.createElement("template");
    t.innerHTML = c.html; // sanitized by the Worker when saved and again when published
    t.content.querySelectorAll("*").forEach((n) => inserted.add(n));
    const nodes = [...t.content.childNodes];
    // "before" and "after" are the Element methods of that name (the Worker accepts only the four positions).
    el[c.position == "inside-start" ? "prepend" : c.position == "inside-end" ? "append" : c.position](...nodes);
    return () => nodes.forEach((n) => (n as ChildNode).remove());
  }
  if (c.type == "attribute") return exact(el, c.name, () => set(el, c.name, c.value));
  if (c.type == "class") {
    const list = el.classList;
    // Only what actually changed is undone: a class the page already had stays.
    const added = c.add.filter((x) => !list.contains(x));
    const removed = c.remove.filter((x) => list.contains(x));
    return exact(
      el,
      "class",
      () => (list.add(...added), list.remove(...removed)),
      () => (list.remove(...added), list.add(...removed)),
    );
  }
  const props: Record<string, string> = c.type == "hide" ? { display: "none" } : c.properties;
  const olds = Object.keys(props).map((p) => [p, el.style.getPropertyValue(p), el.style.getPropertyPriority(p)] as const);
  return exact(
    el,
    "style",
    () => {
      for (const p in props) el.style.setProperty(p, props[p]!, "important");
    },
    () => olds.forEach(([p, v, prio]) => el.style.setProperty(p, v, prio)),
  );
};

export const set = (el: Element, name: string, value: string | null) =>
  value == null ? el.removeAttribute(name) : el.setAttribute(name, value);

// An attribute, class or style goes back exactly as the page wrote it (absent, order, spacing) while it
// still reads as Facet left it; once the page changed it too, only Facet's own part (if any) is undone.
// `change` runs between reading the page's value and Facet's.
const exact = (el: Element, name: string, change: () => void, undo: Revert = () => {}): Revert => {
  const old = el.getAttribute(name);
  change();
  const mine = el.getAttribute(name);
  return () => (el.getAttribute(name) == mine ? set(el, name, old) : undo());
};
