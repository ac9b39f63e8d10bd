// Edge mode in Chromium (docs/edge.md): the dev Worker answers for edge.localhost in front of its own demo page,
// personalizing the HTML stream. A first visit from a segment the edge can decide paints no frame of the
// default content; a device-only segment is still the snippet's.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ageProfile, facetReady, launch, text, watch, type Visit } from "./browser";

const ORIGINAL = "Ship reliable data pipelines in minutes";
const GERMAN = "Zuverlässige Datenpipelines in Minuten";
let browser: Browser;
const edge = () => inject("workerUrl").replace("127.0.0.1", "edge.localhost");

beforeAll(async () => {
  browser = await launch("edge.localhost");
});
afterAll(async () => {
  await browser?.close();
});

async function visitor(hydrate = false): Promise<Visit> {
  const context = await browser.newContext();
  // The page's own script re-rendering the hero in place from its own state, as a client framework hydrating
  // a server-rendered page does once its bundle loaded: after load, a microtask later, and a frame later.
  // (A rewrite before the async tag has run at all paints the default: nothing of Facet's is on the page yet.)
  if (hydrate)
    await context.addInitScript((original) => {
      const w = window as unknown as { __renders: number };
      w.__renders = 0;
      const render = () => {
        const el = document.querySelector("#hero-headline");
        if (!el) return;
        el.textContent = original;
        w.__renders++;
      };
      addEventListener("load", () =>
        setTimeout(() => {
          render();
          queueMicrotask(render);
          requestAnimationFrame(() => setTimeout(render, 0));
        }),
      );
    }, ORIGINAL);
  // Every frame's hero, from the first one: text and visibility as painted.
  await context.addInitScript(() => {
    const frames: string[] = [];
    (window as unknown as { __frames: string[] }).__frames = frames;
    const tick = () => {
      const el = document.querySelector("#hero-headline");
      if (el) frames.push(`${getComputedStyle(el).visibility}|${el.textContent}`);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const page = await context.newPage();
  const v: Visit = { context, page, warnings: [], pageErrors: [], apiRequests: [] };
  watch(v, page);
  return v;
}
const frames = (page: Page) => page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);

describe("edge mode", () => {
  it("paints no frame of the default hero for a first visit from Germany", async () => {
    const v = await visitor();
    await v.page.goto(`${edge()}/?facet_sim_country=DE`);
    const info = await facetReady(v.page);
    expect(info.applied).toEqual([{ experience: "hero", segment: "germany" }]);
    expect(await text(v.page, "#hero-headline")).toBe(GERMAN);
    // A few more frames after the snippet took over.
    const n = (await frames(v.page)).length;
    await v.page.waitForFunction((k) => (window as unknown as { __frames: string[] }).__frames.length > k + 5, n);
    const seen = await frames(v.page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((f) => f.includes(ORIGINAL))).toEqual([]);
    expect(seen.every((f) => f == `visible|${GERMAN}`)).toBe(true);
    // The handoff is there, and the html change is present exactly once.
    expect(await v.page.locator("#facet-edge").count()).toBe(1);
    expect(await v.page.locator("#announcement-bar strong").count()).toBe(1);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("paints no frame of the default hero for a first visit from Acme's network", async () => {
    const v = await visitor();
    await v.page.goto(`${edge()}/?facet_sim_ip=203.0.113.7`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "target-accounts" }]);
    const seen = await frames(v.page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((f) => f.includes(ORIGINAL))).toEqual([]);
    await v.context.close();
  });

  it("keeps the German hero through the page's own re-render at load (hydration), painting no frame of the default", async () => {
    const v = await visitor(true);
    await v.page.goto(`${edge()}/?facet_sim_country=DE`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "germany" }]);
    await v.page.waitForFunction(() => (window as unknown as { __renders: number }).__renders == 3);
    const n = (await frames(v.page)).length;
    await v.page.waitForFunction((k) => (window as unknown as { __frames: string[] }).__frames.length > k + 5, n);
    const seen = await frames(v.page);
    expect(seen.filter((f) => f.includes(ORIGINAL))).toEqual([]);
    expect(seen.at(-1)).toBe(`visible|${GERMAN}`);
    expect(await text(v.page, "#hero-headline")).toBe(GERMAN);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("leaves a returning visitor's hero (device-only) to the snippet", async () => {
    const v = await visitor();
    await v.page.goto(`${edge()}/`);
    expect((await facetReady(v.page)).applied).toEqual([]);
    expect(await v.page.locator("#facet-edge").count()).toBe(0);
    await ageProfile(v.page, "demo", 31);
    await v.page.reload();
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "returning" }]);
    expect(await text(v.page, "#hero-headline")).toBe("Welcome back — your pipelines missed you");
    await v.context.close();
  });
});
