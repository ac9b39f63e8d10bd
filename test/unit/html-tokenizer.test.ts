// The sanitizer's tokenizer and character references, as tables: what a browser's tokenizer would make
// of each input (WHATWG HTML §13.2.5).
import { describe, expect, it } from "vitest";
import { decodeReferences } from "../../worker/content/html-entities";
import { tokenize, type Token } from "../../worker/content/html-tokenizer";

const start = (name: string, attrs: [string, string][] = [], selfClosing = false): Token => ({ type: "start", name, attrs, selfClosing });
const end = (name: string): Token => ({ type: "end", name });
const text = (t: string): Token => ({ type: "text", text: t });

describe("tokenize", () => {
  it.each<[string, string, Token[]]>([
    ["a stray < is text", "a < b <", [text("a < b <")]],
    ["comments end at --> or --!>", "a<!-- x -- y -->b<!--z--!>c", [text("a"), text("b"), text("c")]],
    ["<!--> and <!---> are whole comments", "a<!-->b<!--->c", [text("a"), text("b"), text("c")]],
    ["an unclosed comment runs to the end", "a<!-- <b>x</b>", [text("a")]],
    [
      "bogus comments end at the first >",
      "a<?x <b>?>b<!x>c</ 3>d<![CDATA[<i>]]>e<!DOCTYPE html>f",
      [text("a"), text("?>b"), text("c"), text("d"), text("]]>e"), text("f")],
    ],
    ["</> is nothing, </ at the end is text", "a</>b</", [text("a"), text("b</")]],
    ["names are ASCII-lowercased", '<DiV CLASS="x"></dIv>', [start("div", [["class", "x"]]), end("div")]],
    [
      "quoted, unquoted and empty values",
      `<a b="1" c='2' d=3 e f = "4">`,
      [
        start("a", [
          ["b", "1"],
          ["c", "2"],
          ["d", "3"],
          ["e", ""],
          ["f", "4"],
        ]),
      ],
    ],
    ["the first of repeated attributes counts", "<a x=1 X=2 x=3>", [start("a", [["x", "1"]])]],
    [
      "no space needed between attributes; a stray / is skipped",
      `<a b="1"c=2/d>`,
      [
        start("a", [
          ["b", "1"],
          ["c", "2/d"],
        ]),
      ],
    ],
    ["self-closing", "<br/><img src=x />", [start("br", [], true), start("img", [["src", "x"]], true)]],
    [
      "= may start a name; quotes and < are name characters",
      `<a ="x" a"b=1 <c>`,
      [
        start("a", [
          ['="x"', ""],
          ['a"b', "1"],
          ["<c", ""],
        ]),
      ],
    ],
    ["a tag cut off at the end is dropped", '<p>x<img src="a', [start("p"), text("x")]],
    ["references in values are decoded", '<a href="&#106;ava&Tab;script&colon;x&amp;y">', [start("a", [["href", "java\tscript:x&y"]])]],
    ["raw text runs to its end tag", "<script>a</b><!--</script x>b", [start("script"), text("a</b><!--"), end("script"), text("b")]],
    [
      "RCDATA decodes references, RAWTEXT does not",
      "<title>&lt;</title><style>&lt;</style>",
      [start("title"), text("<"), end("title"), start("style"), text("&lt;"), end("style")],
    ],
    [
      "an end tag must be followed by space, / or >",
      "<textarea></textareax></textarea>",
      [start("textarea"), text("</textareax>"), end("textarea")],
    ],
    ["plaintext runs to the end", "<plaintext></plaintext><b>", [start("plaintext"), text("</plaintext><b>")]],
    ["CR LF becomes LF, NUL U+FFFD", "a\r\nb\rc\0", [text("a\nb\nc\ufffd")]],
  ])("%s", (_, input, tokens) => {
    expect(tokenize(input)).toEqual(tokens);
  });
});

describe("decodeReferences", () => {
  it.each<[string, boolean, string]>([
    ["&amp; &lt; &gt; &quot; &apos; &nbsp; &copy; &yuml; &mdash;", false, "& < > \" ' \u00a0 © ÿ —"],
    ["&#106;&#x6A;&#X6a;&#0000106", false, "jjjj"],
    ["&#0; &#xD800; &#x110000; &#99999999999999999999;", false, "\ufffd \ufffd \ufffd \ufffd"],
    ["&#x80;&#x9F;", false, "€Ÿ"],
    ["&unknown; &notin; &amp", false, "&unknown; &notin; &"],
    ["&copy=1&amp=2&copy;", true, "&copy=1&amp=2©"],
    ["&copy-1", true, "©-1"],
  ])("%j (attribute: %s)", (input, inAttribute, output) => {
    expect(decodeReferences(input, inAttribute)).toBe(output);
  });
});
