// Provisional winners (decide.ts, docs/edge.md "Provisional winners"): their changes go into the stream with
// the origin's content carried on the page, for the snippet to put back exactly when a device-only segment above
// them wins. Nothing is buffered: HTMLRewriter can't read an element's children, so the origin's children
// stream on into an inert <template> the browser parses them into, and the new content follows it. Only text
// and html changes (decide.ts): undoing the other types would cost the snippet more bytes than it has.
import type { Change } from "../../contract/wire";

/** Templates opened and not closed yet: the closing markup each element's end tag writes. */
export type Open = Set<{ html: string }>;

// Where a <template> can't hold the original exactly: raw-text elements would show it as text, and an element
// whose end tag may be left out (a <p> ends at the next <div>, an <li> at the next <li>) ends where the browser
// says, not where HTMLRewriter thinks (which may be the parent's end tag, or never).
const NO_TEMPLATE =
  /^(textarea|title|xmp|plaintext|noembed|noframes|p|li|dt|dd|option|optgroup|tr|td|th|thead|tbody|tfoot|colgroup|caption|rb|rt|rp|rtc|html|head|body)$/i;
const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Applies a text or html change undoably; `mark` names this experience's templates (the handoff's `undo`). */
export function undoable(el: Element, c: Change & { type: "text" | "html" }, mark: string, open: Open): void {
  // Inside another provisional template: inert markup, the origin's, which its restore puts back as it is.
  // Not where a template can't hold the original exactly: left to the snippet, which applies it if this winner stays.
  if (open.size || NO_TEMPLATE.test(el.tagName)) return;
  const closer = { html: `</template>${c.type == "html" ? c.value : escapeText(c.value)}` };
  // Throws on a void or self-closing element before anything is written: the change is skipped (rewrite.ts).
  el.onEndTag((end) => {
    open.delete(closer);
    end.before(closer.html, { html: true });
  });
  open.add(closer);
  el.prepend(`<template ${mark}>`, { html: true });
}
