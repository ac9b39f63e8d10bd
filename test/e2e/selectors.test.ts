// The selector table (test/unit/selector.cases.ts) against Chromium, the judge of what is CSS: every
// selector Facet accepts, and its rendered form for the edge, is taken by querySelectorAll and by a style
// sheet (the anti-flicker rules); every one refused as not CSS throws there too. The ones refused though
// valid are policy, not syntax, so Chromium takes them.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch } from "./browser";
import { parseSelectorList } from "../../worker/content/selector-parse";
import { renderSelector } from "../../worker/content/selector-render";
import { ACCEPTED, CUSTOM_PROPERTY_LIKE, NOT_CSS, REFUSED_VALID, UNCLOSED } from "../unit/selector.cases";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  await page.setContent("<main><p class='a'>x</p></main>");
});
afterAll(async () => {
  await browser?.close();
});

/** The selectors of `list` Chromium refuses: querySelectorAll throws, or (`sheet`) a style sheet drops the rule. */
const refusedByChromium = (list: string[], sheet = true): Promise<string[]> =>
  page.evaluate(
    ([selectors, withSheet]) => {
      const css = new CSSStyleSheet();
      return selectors.filter((s) => {
        try {
          document.querySelectorAll(s);
          if (!withSheet) return false;
          css.replaceSync(`${s}{color:red}p{color:blue}`);
          return css.cssRules.length !== 2;
        } catch {
          return true;
        }
      });
    },
    [list, sheet] as const,
  );

it("takes every accepted selector, and its rendered form", async () => {
  const rendered = ACCEPTED.map((s) => renderSelector(parseSelectorList(s)));
  expect(await refusedByChromium([...ACCEPTED, ...rendered])).toEqual([]);
});

it("refuses every selector refused as not CSS", async () => {
  expect(await refusedByChromium(NOT_CSS)).toEqual(NOT_CSS);
});

it("takes the ones refused by policy only (their refusal is Facet's choice, not a syntax error)", async () => {
  expect(await refusedByChromium(REFUSED_VALID)).toEqual([]);
});

it("takes the unclosed ones in querySelectorAll, but not in a style sheet", async () => {
  expect(await refusedByChromium(UNCLOSED, false)).toEqual([]);
  expect(await refusedByChromium(UNCLOSED)).toEqual(UNCLOSED);
});

it("takes the custom-property-like ones in querySelectorAll, but not in a style sheet", async () => {
  expect(await refusedByChromium(CUSTOM_PROPERTY_LIKE, false)).toEqual([]);
  expect(await refusedByChromium(CUSTOM_PROPERTY_LIKE)).toEqual(CUSTOM_PROPERTY_LIKE);
});
