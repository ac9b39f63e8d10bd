// facet.forget() (README "Public API"): reverts every change and erases everything Facet stored on the device
// for the site, IndexedDB and localStorage alike, and nothing is stored or applied for the rest of the page
// view, even when it is called while a repeat visit is still reading its cache.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { STORE_KEYS, slotsKey, storageKey } from "../../contract/storage";
import { prehide } from "../../contract/prehide";
import { cachedContent, facetReady, idbTrouble, launch, newVisitor, text, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `forget-${Math.random().toString(36).slice(2, 8)}`;
const HERO = "#hero-headline";

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  pages["/"] = landingPage(`<script>${prehide(key)}</script>${tag(`${inject("workerUrl")}/facet.js`, key)}`);
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  // Matches from the second page view on: a profile the device kept.
  await admin("POST", `/sites/${key}/segments`, { id: "again", name: "Seen before", condition: { "visit.pageviews": { $gte: 2 } } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [{ segment: "again", changes: [{ type: "text", selector: HERO, value: "Welcome back" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** What Facet keeps for the site on this device: its IndexedDB entries and its localStorage entry. */
const stored = (page: Page) =>
  page.evaluate(
    ([keys, mark]) =>
      new Promise<{ idb: string[]; local: boolean }>((resolve, reject) => {
        const open = indexedDB.open("facet");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const s = open.result.transaction("kv").objectStore("kv");
          const found: string[] = [];
          keys.forEach((k, i) => {
            const g = s.get(k);
            g.onsuccess = () => {
              if (g.result !== undefined) found.push(k);
              if (i === keys.length - 1) resolve({ idb: found.sort(), local: localStorage.getItem(mark) !== null });
            };
          });
        };
      }),
    [STORE_KEYS.map((k) => storageKey(key, k)), slotsKey(key)] as const,
  );

/** A visitor on their second page view, personalized: the winner's content is in the device's cache. */
async function returning(): Promise<Visit> {
  const v = await newVisitor(browser, (ctx) => ctx.addInitScript(idbTrouble));
  await v.page.goto(`${host.origin}/`);
  expect((await facetReady(v.page)).applied).toEqual([]);
  // The first page view's writes are done (a navigation would abort them): profile, config and context.
  await expect.poll(async () => (await stored(v.page)).idb.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await v.page.reload();
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "again" }]);
  expect(await text(v.page, HERO)).toBe("Welcome back");
  await cachedContent(v.page, key, "hero", "again");
  return v;
}

it("reverts the page and erases IndexedDB and localStorage; the next page view is a first visit", async () => {
  const v = await returning();
  expect((await stored(v.page)).idb.length).toBe(STORE_KEYS.length);

  await v.page.evaluate(() => (window as any).facet.forget());
  expect(await text(v.page, HERO)).toBe("Original headline");
  expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual([]);
  // track() after forget() stores nothing: there is no session any more.
  await v.page.evaluate(() => (window as any).facet.track("signup"));
  expect(await stored(v.page)).toEqual({ idb: [], local: false });

  // The next page view knows nothing of the visitor: a first visit, fetched, that matches nothing.
  v.apiRequests.length = 0;
  await v.page.reload();
  const info = await facetReady(v.page);
  expect(info).toMatchObject({ applied: [], source: "none" });
  expect(v.apiRequests.some((r) => /\/context/.test(r.url))).toBe(true);
  expect(await text(v.page, HERO)).toBe("Original headline");
  await v.context.close();
});

it("called while a repeat visit reads its cache, nothing is applied from it and nothing is stored again", async () => {
  const v = await returning();
  // IndexedDB's open is held back 200 ms (less than the read's 300 ms bound); forget() comes as soon as facet.js
  // has started, while the read waits.
  await v.page.addInitScript(() => {
    const w = window as any;
    // A callback waiting for the first decision gets the original page's.
    w.facet = [["ready", (i: unknown) => (w.__info = i)]];
    const t = setInterval(() => {
      if (!w.facet?.v) return;
      clearInterval(t);
      w.__forgot = true;
      w.facet.forget();
    }, 1);
  });
  await v.page.goto(`${host.origin}/?slowidb=200`);
  await v.page.waitForFunction(() => (window as any).__forgot);
  // Past the read: what it returned (a third page view, a match, its content cached) is not taken up.
  await v.page.waitForTimeout(1500);
  expect(await text(v.page, HERO)).toBe("Original headline");
  expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual([]);
  expect(await v.page.evaluate(() => (window as any).__info)).toEqual({ segments: [], applied: [], source: "none" });
  expect(await stored(v.page)).toEqual({ idb: [], local: false });
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
