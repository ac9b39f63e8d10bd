// Sanitizes the HTML of html changes (SPEC §4), when they are saved and again at every publish. The
// output is BUILT from the tokens of the input, never cut out of it: only allowlisted elements and
// attributes are written, every text and attribute value re-escaped, so nothing the tokenizer read as
// text can become markup, and what surrounds a removed node cannot join into a new tag.
// No script, event handler, frame, svg/math or javascript: URL survives. Unknown-but-harmless tags are
// unwrapped (their text stays).
import { tokenize } from "./html-tokenizer";
import { isSafeUrl, tokenDecidesScheme } from "./url";

export { isSafeUrl };

export const ALLOWED_TAGS = new Set(
  "a abbr b blockquote br caption cite code dd del div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q s small source span strong sub sup table tbody td tfoot th thead time tr u ul".split(
    " ",
  ),
);
// Dropped with everything inside them: their content is code or foreign markup, not text.
const DROPPED_TAGS = new Set(
  "script style iframe frame frameset object embed applet svg math template noscript noembed noframes title textarea select option xmp plaintext base link meta form input button".split(
    " ",
  ),
);
// Elements that never have content or an end tag (of the allowed and dropped ones).
const VOID_TAGS = new Set(["br", "hr", "img", "source", "frame", "embed", "base", "link", "meta", "input"]);
// No id or name: inserted markup must not shadow the host page's globals (DOM clobbering).
export const GLOBAL_ATTRS = new Set(["class", "title", "lang", "dir", "role"]);
export const TAG_ATTRS: Record<string, Set<string>> = {
  a: new Set(["href", "target", "rel"]),
  img: new Set(["src", "alt", "width", "height", "loading", "srcset", "sizes"]),
  source: new Set(["srcset", "type", "media", "sizes"]),
  td: new Set(["colspan", "rowspan"]),
  th: new Set(["colspan", "rowspan", "scope"]),
  time: new Set(["datetime"]),
  ol: new Set(["start", "reversed"]),
};
export const URL_ATTRS = new Set(["href", "src", "srcset"]);

/** Whether `name` may appear on `tag` (names as the tokenizer gives them: ASCII-lowercased). */
export const isAllowedAttribute = (tag: string, name: string) =>
  GLOBAL_ATTRS.has(name) || /^aria-[a-z]+$/.test(name) || (TAG_ATTRS[tag]?.has(name) ?? false);

// Every `&` is escaped, so the browser decodes exactly the characters checked here. CR is escaped
// because a browser would read a raw one as LF (sanitizing twice must give the same result).
const escapeText = (s: string) => s.replace(/[&<>\u00a0\r]/g, (c) => ESCAPES[c]!);
const escapeAttr = (s: string) => s.replace(/[&<>"\u00a0\r]/g, (c) => ESCAPES[c]!);
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\u00a0": "&nbsp;", "\r": "&#13;" };

function attributes(tag: string, attrs: [string, string][]): string {
  const kept = attrs.filter(
    ([name, value]) =>
      isAllowedAttribute(tag, name) &&
      (!URL_ATTRS.has(name) || value.split(",").every((part) => isSafeUrl(part.trim()) && !tokenDecidesScheme(part.trim()))),
  );
  // A link that opens another browsing context must not hand it `window.opener`.
  const target = kept
    .find(([name]) => name === "target")?.[1]
    .trim()
    .toLowerCase();
  if (tag === "a" && target && !["_self", "_top", "_parent"].includes(target)) {
    const rel = kept.find(([name]) => name === "rel");
    if (rel) rel[1] = "noopener noreferrer";
    else kept.push(["rel", "noopener noreferrer"]);
  }
  return kept.map(([name, value]) => ` ${name}="${escapeAttr(value)}"`).join("");
}

export function sanitizeHtml(html: string): string {
  const out: string[] = [];
  // The allowed elements written and not yet closed: end tags are only ever written for these, and all
  // of them are closed at the end, so the output can't leave an element open in the host page.
  const open: string[] = [];
  const openCount = new Map<string, number>(); // so end tags that close nothing cost no search of `open`
  let dropping: { name: string; depth: number } | null = null;
  for (const token of tokenize(html)) {
    if (dropping) {
      if (token.type === "start" && token.name === dropping.name && !token.selfClosing) dropping.depth++;
      else if (token.type === "end" && token.name === dropping.name && --dropping.depth === 0) dropping = null;
    } else if (token.type === "text") {
      out.push(escapeText(token.text));
    } else if (token.type === "start") {
      const { name } = token;
      // svg and math honor `/>`; in HTML `<form/>` still opens a form.
      if (DROPPED_TAGS.has(name) && !VOID_TAGS.has(name) && !(token.selfClosing && (name === "svg" || name === "math")))
        dropping = { name, depth: 1 };
      if (!ALLOWED_TAGS.has(name)) continue;
      out.push(`<${name}${attributes(name, token.attrs)}>`);
      if (VOID_TAGS.has(name)) continue;
      open.push(name);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
    } else if (openCount.get(token.name)) {
      // An end tag that closes nothing is dropped; one that closes an outer element closes the inner ones too.
      for (let closed = ""; closed !== token.name; ) {
        closed = open.pop()!;
        openCount.set(closed, openCount.get(closed)! - 1);
        out.push(`</${closed}>`);
      }
    }
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join("");
}
