// Applies the edge's decisions inside the HTML stream, with the snippet's semantics (snippet/changes.ts), and
// tells the snippet what it applied. HTMLRewriter hands each element over as its start tag streams by: nothing
// is buffered. A handler that throws would abort the stream (a truncated page), so each one is wrapped: a
// change that fails is skipped, and the rest of the page streams on.
import type { Change } from "../../contract/wire";
import type { EdgeChange, EdgeDecision } from "./decide";
import { guarded } from "./guarded";
import { ENDED_AT, endEarly, keepOriginal, markNonce, type Open, undoable } from "./undoable";

/** Version of the handoff's format (docs/edge.md). 2: provisional winners (`undo`). */
export const HANDOFF_VERSION = 2;
export const HANDOFF_ID = "facet-edge";
/** Set on each element the edge inserted markup at: the handoff's inserts skip such elements (see handoff). */
export const INSERTED_AT = "data-facet-edge";

// The snippet's UNSAFE list: elements a browser runs or loads from are never changed, nor svg/math content.
const UNSAFE = /^(script|style|link|meta|base|i?frame|object|embed|template|noscript)$/i;
const HTML_NS = "http://www.w3.org/1999/xhtml";
const SPACE = /[\t\n\f\r ]+/;

/** With `mark` (a provisional winner's: no insert, no redirect), the change is applied undoably (undoable.ts). */
export function applyAtEdge(el: Element, c: Change, mark?: string, open: Open = new Set()): void {
  if (UNSAFE.test(el.tagName) || (el.namespaceURI && el.namespaceURI != HTML_NS)) return;
  if (mark && c.type != "text" && c.type != "html" && !keepOriginal(el, c, mark, open)) return;
  switch (c.type) {
    case "text":
    case "html":
      if (mark) {
        undoable(el, c, mark, open);
        return;
      }
      // Only written, never read: HTMLRewriter's text arrives in chunks, but replacing needs none of it.
      el.setInnerContent(c.value, { html: c.type == "html" }); // html was sanitized by the Worker when saved
      return;
    case "insert": {
      // Not while a provisional template is open (its restore would drop it; unmarked, the snippet inserts it).
      if (open.size) return;
      // before / after / prepend / append, as apply.ts; sanitized when saved and published, emitted as is.
      const at = { before: "before", after: "after", "inside-start": "prepend", "inside-end": "append" } as const;
      el[at[c.position]](c.html, { html: true });
      el.setAttribute(INSERTED_AT, "");
      return;
    }
    case "attribute":
      if (c.value == null) el.removeAttribute(c.name);
      else el.setAttribute(c.name, c.value);
      return;
    case "class": {
      // classList's result: the ordered set of tokens, the added ones at the end, written back only if the
      // element had a class attribute or ends with some class.
      const old = el.getAttribute("class");
      const tokens = [...new Set((old ?? "").split(SPACE).filter(Boolean))];
      for (const a of c.add) if (!tokens.includes(a)) tokens.push(a);
      const next = tokens.filter((t) => !c.remove.includes(t));
      if (old != null || next.length) el.setAttribute("class", next.join(" "));
      return;
    }
    case "style":
    case "hide": {
      // setProperty(p, v, "important") in the snippet: appended last with !important, each wins over what
      // the page's inline style said for the same property (the cascade of one declaration block).
      const props: Record<string, string> = c.type == "hide" ? { display: "none" } : c.properties;
      const old = (el.getAttribute("style") ?? "").trim();
      const add = Object.entries(props)
        .map(([p, v]) => `${p}: ${v} !important;`)
        .join(" ");
      el.setAttribute("style", old ? `${old}${old.endsWith(";") ? "" : ";"} ${add}` : add);
      return;
    }
  }
}

/**
 * The inline JSON the snippet reads (docs/edge.md): the config version decided with, and which experience got
 * which segment's changes, with the changes, so the snippet holds them without a fetch and keeps them applied
 * when the page's own scripts re-render those elements.
 */
export function handoff(config: number, decisions: EdgeDecision[], nonce: string): string {
  const applied = decisions.map((d, i) => ({
    experience: d.experience,
    segment: d.segment,
    ...(d.provisional && { undo: undoMark(i, nonce) }),
    changes: d.changes.map(forSnippet),
  }));
  const json = JSON.stringify({ v: HANDOFF_VERSION, config, applied });
  // `<` escaped: no value can close the script element.
  return `<script type="application/json" id="${HANDOFF_ID}">${json.replace(/</g, "\\u003c")}</script>`;
}

/**
 * The markers of the handoff's i-th experience when it is provisional (undoable.ts, snippet/edge.ts), with this
 * response's random `nonce`: the snippet writes back what a marker's JSON holds, so no content the origin serves
 * (a comment's data-* attributes let through by its sanitizer) can know a marker's name in advance.
 */
const undoMark = (i: number, nonce: string) => `data-facet-o${i}-${nonce}`;

/**
 * An insert as the snippet takes it over: only on elements the edge did not insert at, so it never inserts
 * twice on this page, while an element the page renders anew (or any element of a later page view, where this
 * content is cached) still gets it once. One selector part (decide.ts): the :not() ends its last compound.
 */
const forSnippet = ({ change: c, selectors }: EdgeChange): Change =>
  c.type == "insert" ? { ...c, selector: `${selectors[0]}:not([${INSERTED_AT}])` } : c;

const textual = (c: Change) => c.type == "text" || c.type == "html";

/** The rewriter for these decisions. `onError` hears each skipped change (logged once by the caller). */
export function edgeRewriter(config: number, decisions: EdgeDecision[], onError: (e: unknown) => void, nonce = markNonce()): HTMLRewriter {
  const rewriter = new HTMLRewriter();
  let told = false;
  const tell = (write: (html: string) => void) => {
    if (told) return;
    told = true;
    write(handoff(config, decisions, nonce));
  };
  // An element of the origin's with the handoff's id is not the edge's: removed, so the snippet reads only this
  // response's handoff (which HTMLRewriter, writing it, never matches).
  rewriter.on(`[id="${HANDOFF_ID}"]`, { element: (el) => guarded(() => el.remove(), onError) });
  // At the end of <head>, before any change below it runs; a page without a <head> tag gets it first in <body>.
  rewriter.on("head", {
    element: (el) => guarded(() => el.onEndTag((end) => guarded(() => tell((h) => end.before(h, { html: true })), onError)), onError),
  });
  rewriter.on("body", { element: (el) => guarded(() => tell((h) => el.prepend(h, { html: true })), onError) });
  const open: Open = new Set();
  decisions.forEach((d, i) => {
    const mark = d.provisional && undoMark(i, nonce);
    // A provisional winner's attribute changes first: on an element whose content it also changes, they come
    // before its template opens, and so are not taken for changes inside a template (undoable.ts).
    const changes = mark ? [...d.changes].sort((a, b) => +textual(a.change) - +textual(b.change)) : d.changes;
    for (const { change, selectors } of changes)
      for (const selector of selectors) {
        rewriter.on(selector, { element: (el) => guarded(() => applyAtEdge(el, change, mark || undefined, open), onError) });
        if (mark && textual(change))
          for (const under of ENDED_AT) rewriter.on(selector + under, { element: (el) => guarded(() => endEarly(el, open), onError) });
      }
  });
  // An element the document ends inside (no end tag, none of an ancestor's): the browser ends it there too.
  rewriter.onDocument({
    end: (end) =>
      guarded(() => {
        for (const c of [...open].reverse()) end.append(c.html, { html: true });
      }, onError),
  });
  return rewriter;
}
