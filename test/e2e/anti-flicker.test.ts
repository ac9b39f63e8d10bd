// Element-level anti-flicker: only the slots about to change are hidden, and never past the timeout;
// content that arrives later is not swapped into the page the visitor is reading.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, launch, newVisitor, text } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const visibility = (page: import("playwright-core").Page, sel: string) =>
  page.locator(sel).evaluate((el) => getComputedStyle(el).visibility);

it("hides only the changing slots while content loads, releases them by the timeout, and keeps late content for later", async () => {
  const v = await newVisitor(browser);
  let releaseVariants!: () => void;
  const variantsHeld = new Promise<void>((r) => (releaseVariants = r));
  await v.page.route("**/variants?**", async (route) => {
    await variantsHeld;
    await route.continue().catch(() => {});
  });
  await v.page.goto(`${inject("workerUrl")}/?facet_sim_country=DE`);
  // Config and context arrived, content is held back: the hero slots are hidden, the rest is not.
  await v.page.waitForFunction(() => getComputedStyle(document.querySelector("#hero-headline")!).visibility === "hidden", null, {
    timeout: 5000,
  });
  expect(await visibility(v.page, "#pricing-heading")).toBe("visible");
  expect(await visibility(v.page, "#customer-logos")).toBe("visible");
  // Released by the 1000 ms timeout with the original content.
  await v.page.waitForFunction(() => getComputedStyle(document.querySelector("#hero-headline")!).visibility === "visible", null, {
    timeout: 3000,
  });
  expect(await text(v.page, "#hero-headline")).toBe("Ship reliable data pipelines in minutes");
  // The late answer is not swapped in...
  releaseVariants();
  const info = await facetReady(v.page);
  expect(info.applied).toEqual([]);
  await v.page.waitForTimeout(300);
  expect(await text(v.page, "#hero-headline")).toBe("Ship reliable data pipelines in minutes");
  // ...but cached: the next page view shows it at once.
  await v.page.unroute("**/variants?**");
  await v.page.reload();
  const next = await facetReady(v.page);
  expect(next.source).toBe("cache");
  expect(await text(v.page, "#hero-headline")).toBe("Zuverlässige Datenpipelines in Minuten");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
