// The sanitizer's properties over generated tag soup (fixed seed): the output stays inside the
// allowlist when read by a tokenizer that is not the sanitizer's own (workerd's lol-html, behind
// HTMLRewriter), it has the one narrow shape the sanitizer writes, and sanitizing twice changes nothing.
import { describe, expect, it } from "vitest";
import { ALLOWED_TAGS, isAllowedAttribute, sanitizeHtml, URL_ATTRS } from "../../worker/content/sanitize";
import { isSafeUrl } from "../../worker/content/url";
import { soupCorpus } from "../unit/html-soup";

const corpus = soupCorpus(0x5a417153, 2000);
const outputs = corpus.map((input) => sanitizeHtml(input));
const NEVER =
  /^(script|style|iframe|frame|svg|math|object|embed|template|noscript|textarea|title|xmp|plaintext|form|input|button|base|link|meta|select|option)$/;

interface Seen {
  tags: string[];
  attrs: [tag: string, name: string, value: string][];
  comments: number;
  doctypes: number;
}

/** What lol-html finds in `html`: every element start, attribute (raw value) and comment. */
async function readWithLolHtml(html: string): Promise<Seen> {
  const seen: Seen = { tags: [], attrs: [], comments: 0, doctypes: 0 };
  const rewriter = new HTMLRewriter()
    .on("*", {
      element(el) {
        const tag = el.tagName.toLowerCase();
        seen.tags.push(tag);
        for (const [name, value] of el.attributes) seen.attrs.push([tag, String(name).toLowerCase(), String(value)]);
      },
      comments() {
        seen.comments++;
      },
    })
    .onDocument({
      doctype() {
        seen.doctypes++;
      },
      comments() {
        seen.comments++;
      },
    });
  await rewriter.transform(new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } })).text();
  return seen;
}

// The only shapes the sanitizer writes: allowed tags with ` name="value"` attributes, and the five escapes.
const TAG = /<(\/?)([^\s>/]*)([^>]*)>/g;
const ATTR = / ([a-z-]+)="([^"<>]*)"/g;

describe("sanitizeHtml over generated tag soup", () => {
  it("generates soup that needs sanitizing", () => {
    expect(corpus.filter((input) => /on\w+=/i.test(input) && /<img|<svg/i.test(input)).length).toBeGreaterThan(500);
    expect(outputs.filter((out) => /<(a|img) /.test(out)).length).toBeGreaterThan(100); // allowed markup survives too
  });

  it("finds only allowlisted elements, attributes and safe URLs with an independent tokenizer (lol-html)", async () => {
    for (const [i, out] of outputs.entries()) {
      const seen = await readWithLolHtml(out);
      const why = `input ${JSON.stringify(corpus[i])}\noutput ${JSON.stringify(out)}`;
      expect(seen.comments + seen.doctypes, why).toBe(0);
      for (const tag of seen.tags) {
        expect(ALLOWED_TAGS.has(tag), `<${tag}> in ${why}`).toBe(true);
        expect(tag, why).not.toMatch(NEVER);
      }
      for (const [tag, name, value] of seen.attrs) {
        expect(isAllowedAttribute(tag, name), `${tag}[${name}] in ${why}`).toBe(true);
        expect(name, why).not.toMatch(/^(on|style$|id$|name$)/);
        if (URL_ATTRS.has(name))
          expect(
            value.split(",").every((part) => isSafeUrl(part.trim())),
            `${name}=${value} in ${why}`,
          ).toBe(true);
      }
    }
  });

  it("writes only allowed tags, double-quoted escaped attributes and escaped text", () => {
    for (const [i, out] of outputs.entries()) {
      const why = `input ${JSON.stringify(corpus[i])}\noutput ${JSON.stringify(out)}`;
      for (const [whole, close, name, rest] of out.matchAll(TAG)) {
        expect(ALLOWED_TAGS.has(name!), `${whole} in ${why}`).toBe(true);
        if (close) expect(rest, why).toBe("");
        else
          expect(
            rest!.replace(ATTR, (_, attr: string) => (isAllowedAttribute(name!, attr) ? "" : `!${attr}`)),
            why,
          ).toBe("");
      }
      const text = out.replace(TAG, "");
      expect(text, why).not.toMatch(/[<>]/);
      expect(text, why).not.toMatch(/&(?!(amp|lt|gt|quot|nbsp|#13);)/);
    }
  });

  it("is idempotent: sanitizing the output again gives the same output", () => {
    for (const [i, out] of outputs.entries()) expect(sanitizeHtml(out), `input ${JSON.stringify(corpus[i])}`).toBe(out);
  });

  it("leaves every element it opens closed, in order", () => {
    for (const out of outputs) {
      const open: string[] = [];
      for (const [, close, name] of out.matchAll(TAG)) {
        if (!close) {
          if (!["br", "hr", "img", "source"].includes(name!)) open.push(name!);
        } else expect(open.pop()).toBe(name);
      }
      expect(open).toEqual([]);
    }
  });
});
