// Page patterns compiled to regexes (worker/pages/pattern.ts) against Chromium's own URLPattern: on a table of
// patterns × paths, the snippet's `new RegExp(source).test(pathname)` must answer what
// `new URLPattern({ pathname }).test({ pathname })` answers, so browsers without URLPattern agree with those with it.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { compilePagePattern } from "../../worker/pages/pattern";
import { PAGE_PATTERN_CASES } from "../unit/page-pattern.cases";
import { launch } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const EXTRA_PATHS = [
  "/",
  "/a",
  "/a/",
  "/a/b",
  "//",
  "/pricing",
  "/blog",
  "/blog/",
  "/blog/x/",
  "/en",
  "/en/",
  "/de/x",
  "/x/y.pdf",
  "/%7Bx%7D",
  "/a:b",
  "/-",
  "/_",
  "/~",
  "/123",
];

it("the compiled regex of every pattern agrees with Chromium's URLPattern on every path of the table", async () => {
  const patterns = PAGE_PATTERN_CASES.map(([p]) => ({ pattern: p, source: compilePagePattern(p) }));
  const paths = [...new Set([...PAGE_PATTERN_CASES.flatMap(([, yes, no]) => [...yes, ...no]), ...EXTRA_PATHS])];
  const page = await browser.newPage();
  try {
    await page.goto("about:blank");
    const answers = await page.evaluate(
      ({ patterns, paths }) => {
        const P = (globalThis as unknown as { URLPattern: new (init: { pathname: string }) => { test(i: { pathname: string }): boolean } })
          .URLPattern;
        return patterns.flatMap(({ pattern, source }) => {
          const urlPattern = new P({ pathname: pattern });
          const re = new RegExp(source);
          return paths.map((path) => ({ pattern, path, urlPattern: urlPattern.test({ pathname: path }), regex: re.test(path) }));
        });
      },
      { patterns, paths },
    );
    expect(answers.length).toBe(patterns.length * paths.length);
    expect(answers.filter((a) => a.urlPattern !== a.regex)).toEqual([]);
    // The table is not trivially all-false: each pattern matches some path in both.
    for (const { pattern } of patterns)
      expect(
        answers.some((a) => a.pattern === pattern && a.regex),
        pattern,
      ).toBe(true);
  } finally {
    await page.close();
  }
});
