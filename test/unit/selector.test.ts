// The selector checker (worker/content/selector*.ts) over the table in selector.cases.ts, its messages, the
// parse tree's round trip through the renderer, and what the edge makes of the tricky ones.
import { describe, expect, it } from "vitest";
import { selectorProblem } from "../../worker/content/selector";
import { parseSelectorList } from "../../worker/content/selector-parse";
import { escapeIdent, renderSelector } from "../../worker/content/selector-render";
import { edgeSelectors } from "../../worker/edge/selector";
import { ACCEPTED, CUSTOM_PROPERTY_LIKE, NOT_CSS, REFUSED_VALID, UNCLOSED } from "./selector.cases";

describe("selectorProblem", () => {
  it.each(ACCEPTED)("accepts %j", (selector) => {
    expect(selectorProblem(selector)).toBeNull();
  });

  it.each([...NOT_CSS, ...REFUSED_VALID, ...UNCLOSED, ...CUSTOM_PROPERTY_LIKE])("refuses %j", (selector) => {
    expect(selectorProblem(selector)).toEqual(expect.any(String));
  });

  it.each([
    ['h1:contains("Payroll")', 'not a valid CSS selector: Unknown pseudo-class: "contains"'],
    ["#1a", "not a valid CSS selector: expected an id (an identifier) after # (at offset 1)"],
    ["a[href", "not a valid CSS selector: unclosed [ (at offset 6)"],
    ['[x="a', "not a valid CSS selector: unclosed string (at offset 5)"],
    ["main >", "not a valid CSS selector: expected a selector but the input ended (at offset 6)"],
    [
      "a:hover",
      "the pseudo-class :hover is not allowed; Facet allows :root, :empty, :first-child, :last-child, :only-child, :nth-child, :nth-last-child, :first-of-type, :last-of-type, :only-of-type, :nth-of-type, :nth-last-of-type, :not, :is, :where, :has, :lang",
    ],
    ["li:not(:checked)", expect.stringMatching(/^the pseudo-class :checked is not allowed/)],
    ["p::before", "pseudo-elements (::before) are not elements a change can target"],
    ["p:after", "pseudo-elements (::after) are not elements a change can target"],
    ["*|a", "namespace prefixes (svg|a, *|a, |a) are not allowed"],
    ["[|b]", "namespace prefixes (svg|a, *|a, |a) are not allowed"],
    ["col || td", 'the combinator "||" is not supported by browsers; use " ", ">", "+" or "~"'],
    ["a &", "the nesting selector & is not allowed"],
    [":first-child(2)", "the pseudo-class :first-child takes no argument"],
    [":not", "not a valid CSS selector: :not needs an argument: :not(…) (at offset 4)"],
    [":has(p:has(a))", ":has() inside :has() is not allowed"],
    [
      ":nth-child(100000000000000000000000n+1)",
      "not a valid CSS selector: An+B numbers must be between -2147483647 and 2147483647 (at offset 11)",
    ],
    ["a > --x:first-child", 'no element is named "--x" (a type selector cannot start with --)'],
    ["a -->b", 'not a valid CSS selector: expected a selector but found "-" (at offset 2)'],
  ])("says why %j is refused", (selector, message) => {
    expect(selectorProblem(selector)).toEqual(message);
  });
});

describe("parse and render", () => {
  it.each(ACCEPTED)("%j renders to a selector that parses to the same tree", (selector) => {
    const tree = parseSelectorList(selector);
    expect(parseSelectorList(renderSelector(tree))).toEqual(tree);
  });

  it("renders normalized: one space around combinators, formulas as An+B, strings double-quoted", () => {
    const render = (s: string) => renderSelector(parseSelectorList(s));
    expect(render("a>b  ~c+d   e")).toBe("a > b ~ c + d e");
    expect(render(":nth-child( odd ):nth-child(-n+ 3):nth-of-type(EVEN):nth-child(5)")).toBe(
      ":nth-child(2n+1):nth-child(-n+3):nth-of-type(2n):nth-child(5)",
    );
    expect(render("[x='a\"b']")).toBe('[x="a\\"b"]');
    expect(render(":has(> a, + b)")).toBe(":has(> a, + b)");
  });

  it("escapes identifiers as CSSOM serializes them", () => {
    expect(["1a", "-1", "-", "a:b", "é", "a\u0001", "a b", "_x-y"].map(escapeIdent)).toEqual([
      "\\31 a",
      "-\\31 ",
      "\\-",
      "a\\:b",
      "é",
      "a\\1 ",
      "a\\ b",
      "_x-y",
    ]);
  });

  it("decodes escapes: hex with one trailing space, surrogates and NUL as U+FFFD", () => {
    const name = (s: string) => (parseSelectorList(s).rules[0]!.items[0] as { name: string }).name;
    expect(name(".\\31 23")).toBe("123");
    expect(name(".\\0")).toBe("\uFFFD");
    expect(name(".\\d800x")).toBe("\uFFFDx");
    expect(name(".\\1F600 x")).toBe("😀x");
    expect(name(".a\\.b")).toBe("a.b");
  });
});

describe("edgeSelectors on tricky input", () => {
  it.each([
    [".md\\:flex > .\\31 23", [".md\\:flex > .\\31 23"]],
    ["[data-x='a]b']", ['[data-x="a]b"]']],
    ["li:NTH-CHILD(odd)", ["li:nth-child(2n+1)"]],
    ["p:not(.a)", ["p:not(.a)"]],
    ["#-->a", ["#-- > a"]],
    [":nth-child(2147483647n-2147483647)", [":nth-child(2147483647n-2147483647)"]],
  ])("%j is applied at the edge as %j", (source, parts) => {
    expect(edgeSelectors(source)).toEqual(parts);
  });

  it.each([
    ":not(> a)",
    "p:not(:not(.a))",
    ":nth-child(2 of .x)",
    "a + b",
    "a ~ b",
    "li:last-child",
    ":has(a)",
    ":is(a)",
    "*|a",
    "p::before",
    "a[href",
    ":nth-child(100000000000000000000000n+1)",
  ])("%j is left to the snippet", (source) => {
    expect(edgeSelectors(source)).toBeNull();
  });
});
