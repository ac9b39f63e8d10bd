// Generated tag soup for the sanitizer's property tests (worker suite and Chromium): stray `<`, comments
// of every shape, processing instructions, unknown and dropped tags (nested), svg/math, event handlers,
// style, entity-encoded and cased URL schemes, duplicate attributes and tags cut off at the end. Every
// live payload sets `window.__xss`, so a browser test can tell whether any of it ran.
import { int, mulberry32, pick, type Random } from "./prng";

const XSS = "window.__xss=1";
const TAGS = [
  "a",
  "img",
  "p",
  "div",
  "span",
  "b",
  "td",
  "tr",
  "table",
  "li",
  "ul",
  "pre",
  "source",
  "picture",
  "br",
  "select",
  "option",
  "script",
  "style",
  "iframe",
  "svg",
  "math",
  "object",
  "embed",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "title",
  "textarea",
  "xmp",
  "plaintext",
  "form",
  "input",
  "button",
  "base",
  "link",
  "meta",
  "frameset",
  "frame",
  "applet",
  "custom-card",
  "center",
  "font",
  "image",
  "foreignObject",
  "annotation-xml",
  "mglyph",
  "malignmark",
  "desc",
  "mi",
  "html",
  "body",
  "head",
  "col",
  "video",
  "audio",
  "details",
];
const ATTRS = [
  "onerror",
  "onload",
  "onclick",
  "OnMouseOver",
  "onfocus",
  "onanimationstart",
  "style",
  "href",
  "src",
  "srcset",
  "xlink:href",
  "formaction",
  "action",
  "id",
  "name",
  "class",
  "title",
  "target",
  "rel",
  "alt",
  "width",
  "data-x",
  "aria-label",
  'aria-x"y',
  "srcdoc",
  "is",
  "tabindex",
  "autofocus",
  "colspan",
  "=x",
  '"',
];
const SCHEMES = [
  "javascript:",
  "JaVaScRiPt:",
  " \u0001javascript:",
  "java\tscript:",
  "java\nscript:",
  "java&#x09;script:",
  "jav&Tab;ascript:",
  "jav&NewLine;ascript:",
  "&#106;avascript:",
  "&#x6A;avascript:",
  "&#0000106avascript:",
  "javascript&colon;",
  "javascript&#58;",
  "javascript&#x3a",
  "&#x26;#106;avascript:",
  "data:text/html,",
  "DATA:image/svg+xml,",
  "vbscript:",
  "VBScript:",
  "https://a.example/",
  "/",
  "#",
  "mailto:",
  "",
];
const URL_BODIES = [XSS, "alert(1)", "<script>window.__xss=1</script>", "x", "a.png 1x, javascript:window.__xss=1 2x"];

// Pieces that matter mostly for what follows them.
const MARKUP = [
  "<",
  "<",
  "</",
  ">",
  "<!--",
  "-->",
  "--!>",
  "<!-->",
  "<!--->",
  "<!-- c -->",
  "<!--x--!>",
  "<!",
  "<!x>",
  "<!DOCTYPE html>",
  "<![CDATA[",
  "]]>",
  "<?x?>",
  "<?",
  "</ 3>",
  "</>",
  "</3",
  "&",
  "&lt;",
  "&#60;",
  "&#x3C;",
  "&amp;lt;",
  "&lt",
  "&gt;",
  "&quot;",
  "'",
  '"',
  "=",
  "/",
  " ",
  "\t",
  "\n",
  "\r",
  "\0",
  "img src=x onerror=window.__xss=1>",
  "script>window.__xss=1</script>",
  "&#x3C;img src=x onerror=window.__xss=1&#x3E;",
  "svg onload=window.__xss=1>",
  "<img src=x onerror=window.__xss=1>",
  "<svg><script>window.__xss=1</script></svg>",
  "<math><mi><mglyph><style><img src=x onerror=window.__xss=1>",
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  "<template><img src=x onerror=window.__xss=1></template>",
  "<title><img src=x onerror=window.__xss=1></title>",
  "<textarea></textarea><img src=x onerror=window.__xss=1>",
  "<svg><svg></svg><img src=x onerror=window.__xss=1></svg>",
  "<math><style><img src=x onerror=window.__xss=1></style></math>",
  "<script><!--<script></script><img src=x onerror=window.__xss=1></script>",
  "<a href=x>",
  "<select><option><img src=x onerror=window.__xss=1>",
  "Hello",
  "world",
  "&copy; & &nbsp;",
  "&#0;",
  "&#x110000;",
  "&#xD800;",
];

const mixedCase = (r: Random, s: string) => (r() < 0.3 ? [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c)).join("") : s);

function value(r: Random, name: string): string {
  if (/href|src|action/i.test(name)) return pick(r, SCHEMES) + pick(r, URL_BODIES);
  return pick(r, [
    XSS,
    "x",
    "_blank",
    "a b",
    '"',
    "'",
    ">",
    "<",
    "&",
    "",
    "expression(alert(1))",
    ...SCHEMES.slice(0, 6).map((s) => s + XSS),
  ]);
}

function attribute(r: Random): string {
  const name = mixedCase(r, pick(r, ATTRS));
  const v = value(r, name);
  const sep = pick(r, [" ", " ", "\n", "/", ""]);
  switch (int(r, 0, 4)) {
    case 0:
      return `${sep}${name}`;
    case 1:
      return `${sep}${name}=${v.replace(/[\s>]/g, "")}`;
    case 2:
      return `${sep}${name}='${v.replace(/'/g, "")}'`;
    default:
      return `${sep}${name} = "${v.replace(/"/g, "")}"`;
  }
}

function tag(r: Random): string {
  const name = mixedCase(r, pick(r, TAGS));
  if (r() < 0.3) return `</${name}${pick(r, [">", " >", " x=1>", ""])}`;
  let attrs = "";
  for (let k = int(r, 0, 4); k > 0; k--) attrs += attribute(r);
  return `<${name}${attrs}${pick(r, [">", ">", "/>", " >", ""])}`;
}

/** One generated input: a few dozen pieces, sometimes cut off mid-way (an unclosed tag at the end). */
export function soup(r: Random): string {
  let s = "";
  for (let k = int(r, 1, 25); k > 0; k--) s += r() < 0.5 ? tag(r) : pick(r, MARKUP);
  return r() < 0.2 ? s.slice(0, int(r, 0, s.length)) : s;
}

/** `count` inputs from a fixed seed: every run checks the same cases. */
export function soupCorpus(seed: number, count: number): string[] {
  const r = mulberry32(seed);
  return Array.from({ length: count }, () => soup(r));
}
