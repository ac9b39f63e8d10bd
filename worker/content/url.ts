// URL safety for saved content: what a browser would run as script must never be stored.

/** Decodes the character references a browser would decode in an attribute value (numeric and the named ones that matter for schemes). */
export function decodeEntities(value: string): string {
  const named: Record<string, string> = {
    colon: ":",
    tab: "\t",
    newline: "\n",
    amp: "&",
    lt: "<",
    gt: ">",
    quot: '"',
    apos: "'",
    sol: "/",
    lpar: "(",
    rpar: ")",
    period: ".",
    comma: ",",
    semi: ";",
    nbsp: "\u00a0",
  };
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&([a-z]+);?/gi, (m, n: string) => named[n.toLowerCase()] ?? m);
}

// Browsers drop ASCII whitespace and control characters inside a scheme ("java\tscript:") and leading
// spaces, so they are removed before looking at the scheme.
// eslint-disable-next-line no-control-regex
// biome-ignore lint/suspicious/noControlCharactersInRegex: deliberate, browsers strip C0 controls and spaces before reading a URL's scheme
const invisible = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g;
const schemeOf = (value: string) => /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(invisible, ""))?.[1]?.toLowerCase();

/** True for values a browser would run as script or treat as inline data: javascript:, vbscript:, data:. */
export function isScriptUrl(value: string): boolean {
  const scheme = schemeOf(decodeEntities(value));
  return scheme === "javascript" || scheme === "vbscript" || scheme === "data";
}

/**
 * Whether a content token (`{{utm.source}}`, filled later with what the visitor's URL or the IP data says) can
 * decide where the URL goes: one that comes before anything fixing it (a scheme's ":", a leading "#", "?" or ".",
 * or a path's first segment: "/" and a character that is no other slash). Filled with `javascript:…`, such a link
 * would run script; after a lone "/", a token starting with "/" would make it `//other.host`.
 */
export function tokenDecidesScheme(value: string): boolean {
  const at = value.indexOf("{{");
  if (at < 0) return false;
  const before = decodeEntities(value.slice(0, at)).replace(invisible, "");
  return !before.includes(":") && !/^([#?.]|\/[^/\\])/.test(before);
}

/** Relative URLs and http(s), mailto and tel only. */
export function isSafeUrl(value: string): boolean {
  const scheme = schemeOf(decodeEntities(value));
  return !scheme || ["http", "https", "mailto", "tel"].includes(scheme);
}

/** Attributes whose value the browser loads or navigates to. */
export const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "poster",
  "data",
  "cite",
  "background",
  "ping",
  "longdesc",
  "xlink:href",
  "manifest",
  "codebase",
]);
