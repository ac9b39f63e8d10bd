// A single-page app that changes route while Facet waits for its first config/context answer: each page
// view is recorded once, in order, and the first decision is made for the URL the page is on by then.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Page, Route } from "playwright-core";
import { launch, newVisitor, text, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `route-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  pages["/"] = landingPage(tag(`${inject("workerUrl")}/facet.js`, key));
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, { id: "home", name: "On home", condition: { "page.path": "/" } });
  await admin("POST", `/sites/${key}/segments`, { id: "pricing", name: "On pricing", condition: { "page.path": "/pricing" } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [
      { segment: "home", changes: [{ type: "text", selector: "#hero-headline", value: "Home hero" }] },
      { segment: "pricing", changes: [{ type: "text", selector: "#hero-headline", value: "Pricing hero" }] },
    ],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Every headline the page showed, and every facet.ready answer, recorded from the start. */
async function record(v: Visit) {
  await v.page.addInitScript(() => {
    const w = window as any;
    w.__headlines = [];
    w.__ready = [];
    new MutationObserver(() => {
      const t = document.getElementById("hero-headline")?.textContent;
      if (t && w.__headlines.at(-1) !== t) w.__headlines.push(t);
    }).observe(document, { childList: true, subtree: true, characterData: true });
    w.facet = [["ready", (i: unknown) => w.__ready.push(i)]];
  });
}

/** Loads / with the config request held, pushes /pricing meanwhile, then lets the answer through. */
async function loadAndNavigateDuringConfig(page: Page) {
  let held!: (r: Route) => void;
  const configHeld = new Promise<Route>((resolve) => (held = resolve));
  await page.route(`**/v1/sites/${key}/config`, (r) => held(r));
  await page.goto(`${host.origin}/`);
  const route = await configHeld;
  await page.evaluate(() => history.pushState({}, "", "/pricing"));
  await page.waitForTimeout(50); // the snippet's navigation handler runs on a timer
  await route.continue();
  await page.waitForFunction(() => (window as any).__ready.length > 0, null, { timeout: 10_000 });
  await page.unroute(`**/v1/sites/${key}/config`);
}

const storedProfile = (page: Page) =>
  page.evaluate(
    (site) =>
      new Promise<any>((resolve, reject) => {
        const open = indexedDB.open("facet");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("kv").objectStore("kv").get(`${site}:profile`);
          get.onsuccess = () => resolve(get.result && { pageviews: get.result.pageviews, pages: get.result.pages });
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );

const deleteKey = (page: Page, name: string) =>
  page.evaluate(
    (k) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("facet");
        open.onsuccess = () => {
          const tx = open.result.transaction("kv", "readwrite");
          tx.objectStore("kv").delete(k);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    `${key}:${name}`,
  );

it("decides the first render for the new route and records each page view once, on a first visit and a repeat one", async () => {
  const v = await newVisitor(browser);
  await record(v);

  await loadAndNavigateDuringConfig(v.page);
  const first = await v.page.evaluate(() => (window as any).__ready[0]);
  expect(first.segments).toEqual(["pricing"]);
  expect(first.applied).toEqual([{ experience: "hero", segment: "pricing" }]);
  expect(await text(v.page, "#hero-headline")).toBe("Pricing hero");
  // The old URL's content was never swapped in, not even for a moment.
  expect(await v.page.evaluate(() => (window as any).__headlines)).toEqual(["Original headline", "Pricing hero"]);
  await expect.poll(() => storedProfile(v.page)).toEqual({ pageviews: 2, pages: ["/", "/pricing"] });

  // A repeat visit that needs the network again (its cached context is gone), same route change.
  await deleteKey(v.page, "context");
  await loadAndNavigateDuringConfig(v.page);
  expect((await v.page.evaluate(() => (window as any).__ready[0])).segments).toEqual(["pricing"]);
  expect(await text(v.page, "#hero-headline")).toBe("Pricing hero");
  expect(await v.page.evaluate(() => (window as any).__headlines)).toEqual(["Original headline", "Pricing hero"]);
  await expect.poll(() => storedProfile(v.page)).toEqual({ pageviews: 4, pages: ["/", "/pricing"] });
  // Settled: no page view is recorded late.
  await v.page.waitForTimeout(300);
  expect(await storedProfile(v.page)).toEqual({ pageviews: 4, pages: ["/", "/pricing"] });
  expect(v.warnings.filter((w) => w.startsWith("facet:"))).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
