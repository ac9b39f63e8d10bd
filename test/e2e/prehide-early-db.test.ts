// The pre-hide snippet's early IndexedDB open (contract/prehide.ts): on a repeat visit it opens the database
// while facet.js is loading, and facet.js reads its cache through that connection instead of opening its own
// before deciding; a first visit opens nothing; an early open that fails leaves facet.js to open its own, as
// before, still deciding from the cache. Observed by who called indexedDB.open (before facet.js had installed
// window.facet, or after), never by timing.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { prehide } from "../../contract/prehide";
import { cachedContent, facetReady, launch, newVisitor, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { siteWithHeadline } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `early-${Math.random().toString(36).slice(2, 8)}`;

// Records each indexedDB.open call as "pre-hide" (facet.js not installed yet) or "facet.js", and the list as it
// was when the first read-only transaction began (facet.js reading what its decision needs). With ?earlyfail
// the first open (the pre-hide's) fails: its request errs.
const watchOpens = () => {
  const w = window as any;
  w.__opens = [];
  const real = indexedDB.open.bind(indexedDB);
  indexedDB.open = ((name: string, version?: number) => {
    w.__opens.push(typeof w.facet?.v === "number" ? "facet.js" : "pre-hide");
    if (location.search.includes("earlyfail") && w.__opens.length === 1) {
      const failing: any = { result: undefined };
      setTimeout(() => failing.onerror?.({}));
      return failing;
    }
    return real(name, version);
  }) as typeof indexedDB.open;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...a: Parameters<typeof transaction>) {
    if ((a[1] || "readonly") === "readonly") w.__atRead ??= w.__opens.slice();
    return transaction.apply(this, a);
  } as typeof transaction;
};

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  pages["/"] = landingPage(`<script>${prehide(key)}</script>${tag(`${inject("workerUrl")}/facet.js`, key)}`);
  await siteWithHeadline({ key, origins: [host.origin], condition: { "page.path": "/" }, headline: "Home hero" });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const atRead = (v: Visit) => v.page.evaluate(() => (window as any).__atRead as string[]);

/** A first visit done, its cache written (the pre-hide's localStorage entry, and IndexedDB's content). */
async function returning(): Promise<Visit> {
  const v = await newVisitor(browser, (ctx) => ctx.addInitScript(watchOpens));
  await v.page.goto(`${host.origin}/`);
  expect(await facetReady(v.page)).toMatchObject({ source: "network", applied: [{ experience: "hero", segment: "everyone" }] });
  // A first visit: the pre-hide opened nothing (no entry yet), facet.js opened its own database.
  expect(await atRead(v)).toEqual(["facet.js"]);
  expect(await v.page.evaluate(() => (window as any).__facetDb)).toBeUndefined();
  await cachedContent(v.page, key, "hero", "everyone");
  v.apiRequests.length = 0;
  return v;
}

it("a repeat visit decides from the cache read through the pre-hide's connection, opening none of its own first", async () => {
  const v = await returning();
  await v.page.reload();
  expect(await facetReady(v.page)).toMatchObject({ source: "cache", applied: [{ experience: "hero", segment: "everyone" }] });
  expect(await atRead(v)).toEqual(["pre-hide"]);
  expect(await v.page.locator("#hero-headline").innerText()).toBe("Home hero");
  expect(v.apiRequests).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  expect(v.warnings.filter((w) => w.includes("facet"))).toEqual([]);
  await v.context.close();
});

it("an early open that fails leaves facet.js to open its own, still deciding from the cache", async () => {
  const v = await returning();
  await v.page.goto(`${host.origin}/?earlyfail`);
  expect(await facetReady(v.page)).toMatchObject({ source: "cache", applied: [{ experience: "hero", segment: "everyone" }] });
  expect(await atRead(v)).toEqual(["pre-hide", "facet.js"]);
  expect(await v.page.evaluate(async () => await (window as any).__facetDb)).toBeUndefined();
  expect(v.apiRequests).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  expect(v.warnings.filter((w) => w.includes("facet"))).toEqual([]);
  await v.context.close();
});
