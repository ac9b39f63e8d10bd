// A robust CSS selector for an element the marketer picked: what survives a redeploy of their site.
// Preferred: a unique id, then a unique stable attribute (data-testid and friends), else the shortest
// path upward of tags and stable classes, with :nth-child only where siblings are alike. Every candidate
// must also pass the Worker's selector rules (no { } @ ; < or /*), or it is not used.

const STABLE_ATTRIBUTES = ["data-testid", "data-test", "data-test-id", "data-qa", "data-cy", "name", "aria-label"];

// Classes a framework generated (css-1x2y3z, Button_root__a8Fk2) or that change with state: not stable.
const unstableClass = (c: string) =>
  (/\d/.test(c) && /[-_]/.test(c)) ||
  /^(is-|has-)?(active|current|hover|focus|focused|open|opened|selected|visible|hidden|show|disabled)$/.test(c);

/** The number of elements `selector` matches in `doc` (0 when it can't be used). */
export function count(doc: Document, selector: string): number {
  if (/[{}@;<]|\/\*/.test(selector)) return 0;
  try {
    return doc.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

const attrValue = (v: string) => `"${v.replace(/["\\]/g, "\\$&")}"`;

export function selectorFor(el: Element): string {
  const doc = el.ownerDocument;
  const unique = (s: string) => count(doc, s) == 1 && doc.querySelector(s) == el;
  const byId = (n: Element) => (n.id && !/\d{4,}/.test(n.id) ? `#${CSS.escape(n.id)}` : "");
  if (unique(byId(el))) return byId(el);
  for (const a of STABLE_ATTRIBUTES) {
    const v = el.getAttribute(a);
    const s = `${el.localName}[${a}=${attrValue(v || "")}]`;
    if (v && v.length <= 100 && !/[\n\r]/.test(v) && unique(s)) return s;
  }
  const path: string[] = [];
  for (let n: Element | null = el; n && n != doc.documentElement; n = n.parentElement) {
    const id = n != el ? byId(n) : "";
    if (id && count(doc, id) == 1) {
      const s = [id, ...path].join(" > ");
      if (unique(s)) return s;
    }
    const classes = [...n.classList].filter((c) => !unstableClass(c)).slice(0, 2);
    let part = n.localName + classes.map((c) => "." + CSS.escape(c)).join("");
    const parent: Element | null = n.parentElement;
    if (parent && [...parent.children].filter((s) => s.matches(part)).length > 1)
      part += `:nth-child(${[...parent.children].indexOf(n) + 1})`;
    path.unshift(part);
    const s = path.join(" > ");
    if (unique(s)) return s;
  }
  return path.join(" > ");
}
