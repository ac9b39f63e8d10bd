// Sanitizes the HTML of html changes when they are saved (SPEC §4), with workerd's streaming HTML
// parser: an allowlist of tags, attributes and URL schemes. No script, event handler, frame, svg/math
// or javascript: URL survives. Unknown-but-harmless tags are unwrapped (their text stays).
import { isSafeUrl } from "./url";

export { isSafeUrl };

const ALLOWED_TAGS = new Set(
  "a abbr b blockquote br caption cite code dd del div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q s small source span strong sub sup table tbody td tfoot th thead time tr u ul".split(" "),
);
// Dropped with everything inside them: their content is code or foreign markup, not text.
const DROPPED_TAGS = new Set(
  "script style iframe frame frameset object embed applet svg math template noscript noembed noframes title textarea select option xmp plaintext base link meta form input button".split(" "),
);
// No id or name: inserted markup must not shadow the host page's globals (DOM clobbering).
const GLOBAL_ATTRS = new Set(["class", "title", "lang", "dir", "role"]);
const TAG_ATTRS: Record<string, Set<string>> = {
  a: new Set(["href", "target", "rel"]),
  img: new Set(["src", "alt", "width", "height", "loading", "srcset", "sizes"]),
  source: new Set(["srcset", "type", "media", "sizes"]),
  td: new Set(["colspan", "rowspan"]),
  th: new Set(["colspan", "rowspan", "scope"]),
  time: new Set(["datetime"]),
  ol: new Set(["start", "reversed"]),
};
const URL_ATTRS = new Set(["href", "src", "srcset"]);

export async function sanitizeHtml(html: string): Promise<string> {
  const rewriter = new HTMLRewriter()
    .on("*", {
      element(el) {
        const tag = el.tagName.toLowerCase();
        if (DROPPED_TAGS.has(tag)) return void el.remove();
        if (!ALLOWED_TAGS.has(tag)) return void el.removeAndKeepContent();
        const names = [...el.attributes].map(([name]) => String(name).toLowerCase());
        for (const name of names) {
          const value = el.getAttribute(name) ?? "";
          const allowed = GLOBAL_ATTRS.has(name) || name.startsWith("aria-") || TAG_ATTRS[tag]?.has(name);
          if (!allowed || (URL_ATTRS.has(name) && !value.split(",").every((part) => isSafeUrl(part.trim())))) el.removeAttribute(name);
        }
        if (tag === "a" && el.getAttribute("target") === "_blank") el.setAttribute("rel", "noopener noreferrer");
      },
      comments(comment) {
        comment.remove();
      },
    })
    .onDocument({
      doctype() {},
      comments(comment) {
        comment.remove();
      },
    });
  const clean = await rewriter.transform(new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } })).text();
  // A tag left unfinished at the end passes the parser as text; joined to other markup it would come alive.
  return clean.replace(/<[^>]*$/, "");
}
