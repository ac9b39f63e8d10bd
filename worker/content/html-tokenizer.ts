// A small HTML tokenizer after the WHATWG tokenizer (HTML §13.2.5), for the sanitizer: it reads markup
// the way a browser reads it where that decides what is a tag, an attribute, text or a comment. It is
// not a tree builder: the sanitizer escapes everything it emits, so where this reading and a browser's
// differ (script escape states, foreign content), the difference can only change what text shows,
// never turn text into markup.
import { decodeReferences } from "./html-entities";

export type Token =
  | { type: "start"; name: string; attrs: [name: string, value: string][]; selfClosing: boolean }
  | { type: "end"; name: string }
  /** Decoded characters; also the content of raw-text elements (script, style, textarea…). */
  | { type: "text"; text: string };

// Elements whose content the tree builder switches the tokenizer to RCDATA / RAWTEXT / PLAINTEXT for
// (in body, scripting enabled): up to their end tag, nothing in them is a tag, a comment or a reference.
const RCDATA = new Set(["title", "textarea"]);
const RAWTEXT = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]);

const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\f";
const isAlpha = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
// Tag and attribute names are lowercased for ASCII only (`<İMG>` is not `<img>`).
const lower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

export function tokenize(html: string): Token[] {
  // Input stream preprocessing (§13.2.3.5): CR LF and CR become LF; NUL is never a character we keep.
  const s = html.replace(/\r\n?/g, "\n").replace(/\0/g, "\ufffd");
  const n = s.length;
  let i = 0;
  let text = "";
  const tokens: Token[] = [];
  const flush = () => {
    if (text) tokens.push({ type: "text", text: decodeReferences(text, false) });
    text = "";
  };
  // Comments, doctypes, CDATA outside foreign content and `<?…>` all end at the first `>` (bogus comment).
  const skipTo = (from: number, marker = ">") => {
    const at = s.indexOf(marker, from);
    return at < 0 ? n : at + marker.length;
  };

  while (i < n) {
    const lt = s.indexOf("<", i);
    if (lt < 0) {
      text += s.slice(i);
      break;
    }
    text += s.slice(i, lt);
    const c = s[lt + 1];
    if (c === "!") {
      flush();
      i = s.startsWith("<!--", lt) ? endOfComment(s, lt + 4) : skipTo(lt + 2);
    } else if (c === "?") {
      flush();
      i = skipTo(lt + 2);
    } else if (c === "/" && isAlpha(s[lt + 2])) {
      flush();
      const tag = readTag(s, lt + 2);
      if (tag) tokens.push({ type: "end", name: tag.name });
      i = tag ? tag.next : n;
    } else if (c === "/") {
      // `</>` is nothing, `</` at the end is text, `</ 3` and the like are bogus comments.
      if (lt + 2 >= n) text += "</";
      else flush();
      i = s[lt + 2] === ">" ? lt + 3 : lt + 2 >= n ? n : skipTo(lt + 2);
    } else if (isAlpha(c)) {
      flush();
      const tag = readTag(s, lt + 1);
      if (!tag) break; // end of input inside a tag: the tag is dropped
      tokens.push({ type: "start", name: tag.name, attrs: tag.attrs, selfClosing: tag.selfClosing });
      i = tag.next;
      if (tag.name === "plaintext" || RCDATA.has(tag.name) || RAWTEXT.has(tag.name)) {
        const close = tag.name === "plaintext" ? null : new RegExp(`</${tag.name}[\\t\\n\\f />]`, "ig");
        if (close) close.lastIndex = i;
        const end = close?.exec(s)?.index ?? n;
        const raw = s.slice(i, end);
        if (raw) tokens.push({ type: "text", text: RCDATA.has(tag.name) ? decodeReferences(raw, false) : raw });
        i = end;
      }
    } else {
      // A `<` that starts nothing is text.
      text += "<";
      i = lt + 1;
    }
  }
  flush();
  return tokens;
}

/** Comment states: `<!-->` and `<!--->` end at once, otherwise the first `-->` or `--!>` (or the end). */
function endOfComment(s: string, from: number): number {
  if (s[from] === ">") return from + 1;
  if (s.startsWith("->", from)) return from + 2;
  const end = /--!?>/g;
  end.lastIndex = from;
  const m = end.exec(s);
  return m ? m.index + m[0].length : s.length;
}

interface TagRead {
  name: string;
  attrs: [string, string][];
  selfClosing: boolean;
  next: number;
}

/** Tag name and attribute states from the name's first letter; null when the input ends inside the tag. */
function readTag(s: string, from: number): TagRead | null {
  const n = s.length;
  let j = from;
  while (j < n && !isSpace(s[j]) && s[j] !== "/" && s[j] !== ">") j++;
  const name = lower(s.slice(from, j));
  const attrs: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    while (isSpace(s[j])) j++;
    if (j >= n) return null;
    if (s[j] === ">") return { name, attrs, selfClosing: false, next: j + 1 };
    if (s[j] === "/") {
      if (s[++j] === ">") return { name, attrs, selfClosing: true, next: j + 1 };
      continue; // a `/` not before `>` is ignored
    }
    // Attribute name: its first character may be `=` (or a quote, or `<`: parse errors, not ends).
    let k = j + 1;
    while (k < n && !isSpace(s[k]) && s[k] !== "/" && s[k] !== ">" && s[k] !== "=") k++;
    const attr = lower(s.slice(j, k));
    j = k;
    while (isSpace(s[j])) j++;
    let value = "";
    if (s[j] === "=") {
      j++;
      while (isSpace(s[j])) j++;
      const q = s[j];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, j + 1);
        if (close < 0) return null;
        value = decodeReferences(s.slice(j + 1, close), true);
        j = close + 1;
      } else if (q !== ">") {
        let k2 = j;
        while (k2 < n && !isSpace(s[k2]) && s[k2] !== ">") k2++;
        value = decodeReferences(s.slice(j, k2), true);
        j = k2;
      }
    }
    // A repeated attribute is dropped: the first one counts.
    if (!seen.has(attr)) attrs.push([attr, value]);
    seen.add(attr);
  }
}
