// Provisional winners (decide.ts, docs/edge.md "Provisional winners"): their changes go into the stream with
// the origin's content carried on the page, for the snippet to put back exactly when a device-only segment above
// them wins. Nothing is buffered: HTMLRewriter can't read an element's children, so the origin's children
// stream on into an inert <template> the browser parses them into, and the new content follows it. An
// attribute, class, style or hide change keeps the original values of what it writes in a marker attribute
// (the start tag's attributes are all HTMLRewriter needs). Not inserts or redirects (decide.ts).
import type { Change } from "../../contract/wire";

/** Templates opened and not closed yet: the closing markup each element's end tag writes, and its tag. */
export type Open = Set<{ html: string; tag: string }>;

/** 8 random hex digits, new for each response (crypto.getRandomValues): the markers' part no page can know. */
export const markNonce = () => [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, "0")).join("");

const HEADING = /^h[1-6]$/i;
/**
 * Start tags at which the browser ends an element by itself (a nested <a>, <button> or <nobr> ends the outer
 * one; a child heading ends a heading), where HTMLRewriter, matching end tags by name, ends it later or never:
 * its template would swallow the page after it. Each selector suffix is matched under a provisional element.
 */
export const ENDED_AT = [" a", " button", " nobr", ...["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => ` > ${h}`)];

/** At such a start tag (`child`, under an element whose template is open), the template ends, as the element does. */
export function endEarly(child: Element, open: Open): void {
  for (const c of open)
    if (child.tagName.toLowerCase() == c.tag ? /^(a|button|nobr)$/.test(c.tag) : HEADING.test(c.tag) && HEADING.test(child.tagName)) {
      child.before(c.html, { html: true });
      open.delete(c);
      c.html = "";
    }
}

// Where a <template> can't hold the original exactly: raw-text elements would show it as text, and an element
// whose end tag may be left out (a <p> ends at the next <div>, an <li> at the next <li>) ends where the browser
// says, not where HTMLRewriter thinks (which may be the parent's end tag, or never).
const NO_TEMPLATE =
  /^(textarea|title|xmp|plaintext|noembed|noframes|p|li|dt|dd|option|optgroup|select|form|tr|td|th|thead|tbody|tfoot|colgroup|caption|rb|rt|rp|rtc|html|head|body)$/i;
const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Applies a text or html change undoably; `mark` names this experience's templates (the handoff's `undo`). */
export function undoable(el: Element, c: Change & { type: "text" | "html" }, mark: string, open: Open): void {
  // Inside another provisional template: inert markup, the origin's, which its restore puts back as it is.
  // Not where a template can't hold the original exactly: left to the snippet, which applies it if this winner stays.
  if (open.size || NO_TEMPLATE.test(el.tagName)) return;
  const closer = { html: `</template>${c.type == "html" ? c.value : escapeText(c.value)}`, tag: el.tagName.toLowerCase() };
  // Throws on a void or self-closing element before anything is written: the change is skipped (rewrite.ts).
  el.onEndTag((end) => {
    open.delete(closer);
    if (closer.html) end.before(closer.html, { html: true });
  });
  open.add(closer);
  el.prepend(`<template ${mark}>`, { html: true });
}

/** The attribute an attribute, class, style or hide change writes (lower case, as the DOM names it). */
export const written = (c: Change) =>
  c.type == "attribute" ? c.name.toLowerCase() : c.type == "class" ? "class" : c.type == "style" || c.type == "hide" ? "style" : "";

const OTHER_MARK = /^data-facet-o\d+-[0-9a-f]{8}$/;
// Character references the browser would decode into what ends or escapes a JSON string, or a control
// character JSON can't hold as is: the named ones (legacy forms without ";" included) and numeric ones.
const JSON_UNSAFE_NAMED = /&(quot|bsol|tab|newline)/i;
const NUMERIC = /&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))/g;
const jsonUnsafe = (raw: string) =>
  JSON_UNSAFE_NAMED.test(raw) ||
  [...raw.matchAll(NUMERIC)].some((m) => {
    const n = m[1] ? parseInt(m[1], 16) : +m[2]!;
    return (n > 0 && n < 32) || n == 34 || n == 92;
  });

/**
 * Before a provisional winner's attribute, class, style or hide change: adds the original value of the
 * attribute it writes (null: absent) to the JSON in the element's `mark` attribute, which lists the mark itself
 * as absent, so that the snippet's restore (snippet/edge.ts) puts every value back and removes the mark. The
 * first change to an attribute keeps it; later ones of this winner find it kept. The value goes in as
 * HTMLRewriter reads it, undecoded: the browser decodes the mark's value once, and with it the character
 * references of the original, as it decoded the original. Returns false where that wouldn't be exact, and the
 * change is left to the snippet (it applies it if this winner stays): inside another provisional template (its
 * content is the origin's, put back as it is), an attribute another provisional winner changed on this element
 * (one restore would put back the other's value), an original holding a reference that decodes into JSON syntax.
 */
export function keepOriginal(el: Element, c: Change, mark: string, open: Open): boolean {
  const name = written(c);
  if (open.size) return false;
  for (const [k, v] of el.attributes as Iterable<[string, string]>)
    if (k != mark && OTHER_MARK.test(k) && Object.hasOwn(JSON.parse(v), name)) return false;
  const kept = JSON.parse(el.getAttribute(mark) ?? JSON.stringify({ [mark]: null }));
  if (!Object.hasOwn(kept, name)) {
    const raw = el.getAttribute(name);
    if (raw != null && jsonUnsafe(raw)) return false;
    // As the browser's input stream has it: CR LF and CR as LF; and NUL, in an attribute value, as U+FFFD.
    kept[name] = raw?.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD") ?? null;
  }
  el.setAttribute(mark, JSON.stringify(kept));
  return true;
}
