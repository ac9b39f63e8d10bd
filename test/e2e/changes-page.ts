// A bare Chromium page holding only snippet/changes.ts, bundled here: the DOM tests of each change's
// apply and revert need no Worker, no config and no network.
import { buildSync } from "esbuild";
import type { Browser, Page } from "playwright-core";
import type * as Changes from "../../snippet/changes";
import type { Change } from "../../worker/schemas/change";

const bundle = buildSync({
  entryPoints: ["snippet/changes.ts"],
  bundle: true,
  format: "iife",
  globalName: "FacetChanges",
  target: "es2020",
  write: false,
}).outputFiles[0]!.text;

declare global {
  interface Window {
    FacetChanges: typeof Changes;
    /** The revert of each activate call, in order. */
    reverts: (() => void)[];
    /** What the module reported through its error callback. */
    reported: string[];
  }
}

export interface Fixture {
  page: Page;
  pageErrors: string[];
}

/** A fresh page (fresh module state) with `body`; `head` runs first, e.g. a framework's own script. */
export async function open(browser: Browser, body: string, head = ""): Promise<Fixture> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.setContent(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  await page.addScriptTag({ content: `${bundle}\nwindow.reverts = []; window.reported = [];` });
  return { page, pageErrors };
}

export const apply = (page: Page, changes: Change[]) =>
  page.evaluate(
    (c) => void window.reverts.push(window.FacetChanges.activate(c, document, (e) => window.reported.push(String(e)))),
    changes,
  );

/** Reverts the last activate call still applied. */
export const revert = (page: Page) => page.evaluate(() => window.reverts.pop()!());

export const outer = (page: Page, selector = "#f") => page.evaluate((s) => document.querySelector(s)!.outerHTML, selector);
export const body = (page: Page) => page.evaluate(() => document.body.innerHTML);
