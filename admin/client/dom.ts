// A few lines instead of a framework: create elements with attributes and children, read the page's data.

type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;
export type Kid = Node | string | null | undefined | false | Kid[];

let ids = 0;
/** A fresh id for a control and its <label for>. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "value" && "value" in el) (el as HTMLInputElement).value = String(value ?? "");
    else if (value === true) el.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, kids);
  return el;
}

function append(el: Node, kids: Kid[]) {
  for (const kid of kids) {
    if (Array.isArray(kid)) append(el, kid);
    else if (kid instanceof Node) el.appendChild(kid);
    else if (kid) el.appendChild(document.createTextNode(kid));
  }
}

export const $ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document) => root.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document) => [
  ...root.querySelectorAll<T>(selector),
];

/** The JSON the rendered screen put in #page-data (see admin/pages/layout.tsx). */
export function pageData<T>(): T {
  return JSON.parse($("#page-data")?.dataset.json ?? "null") as T;
}

/** A visually hidden label, for controls whose purpose the row around them shows. */
export const srLabel = (forId: string, text: string) => h("label", { for: forId, class: "sr-only" }, text);
