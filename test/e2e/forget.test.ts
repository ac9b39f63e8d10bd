// facet.forget() (README "Public API"): reverts every change and erases everything Facet stored on the device
// for the site, IndexedDB and localStorage alike, and nothing is stored or applied for the rest of the page
// view, even when it is called while a repeat visit is still reading its cache.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { STORE_KEYS, slotsKey, storageKey } from "../../contract/storage";
import { prehide } from "../../contract/prehide";
import { cachedContent, facetReady, framesAfter, idbTrouble, launch, newVisitor, recordFrames, stored, text, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `forget-${Math.random().toString(36).slice(2, 8)}`;
const HERO = "#hero-headline";
const SUB = "#hero-subheadline";

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
  // With ?f=1, through the plain tag: content fetched from /variants on a first visit.
  await admin("POST", `/sites/${key}/segments`, { id: "flagged", name: "Flagged", condition: { "page.query.f": "1" } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "cta",
    name: "CTA",
    variants: [{ segment: "flagged", changes: [{ type: "text", selector: "#hero-cta", value: "Flagged" }] }],
  });
  // Decided by the page view: with the upgraded tag (/pv) its content comes with the script.
  await admin("POST", `/sites/${key}/segments`, { id: "pv", name: "On /pv", condition: { "page.path": "/pv" } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "sub",
    name: "Subheadline",
    variants: [{ segment: "pv", changes: [{ type: "text", selector: SUB, value: "Campaign subheadline" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
  // The flicker-free install: the pre-hide with the published slots baked in, and the upgraded tag.
  pages["/pv"] = landingPage((await admin("GET", `/sites/${key}/install`)).html);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** What Facet keeps for the site on this device: its IndexedDB entries and its localStorage entry. */
const kept = async (page: Page) => {
  const keys = STORE_KEYS.map((k) => storageKey(key, k));
  const values = await stored(page, keys);
  return {
    idb: keys.filter((_, i) => values[i] !== undefined).sort(),
    local: await page.evaluate((mark) => localStorage.getItem(mark) !== null, slotsKey(key)),
  };
};

/** A visitor on their second page view, personalized: the winner's content is in the device's cache. */
async function returning(): Promise<Visit> {
  const v = await newVisitor(browser, (ctx) => ctx.addInitScript(idbTrouble));
  await v.page.goto(`${host.origin}/`);
  expect((await facetReady(v.page)).applied).toEqual([]);
  // The first page view's writes are done (a navigation would abort them): profile, config and context.
  await expect.poll(async () => (await kept(v.page)).idb.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await v.page.reload();
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "again" }]);
  expect(await text(v.page, HERO)).toBe("Welcome back");
  await cachedContent(v.page, key, "hero", "again");
  return v;
}

it("reverts the page and erases IndexedDB and localStorage; the next page view is a first visit", async () => {
  const v = await returning();
  expect((await kept(v.page)).idb.length).toBe(STORE_KEYS.length);

  await v.page.evaluate(() => (window as any).facet.forget());
  expect(await text(v.page, HERO)).toBe("Original headline");
  expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual([]);
  // track() after forget() stores nothing: there is no session any more.
  await v.page.evaluate(() => (window as any).facet.track("signup"));
  expect(await kept(v.page)).toEqual({ idb: [], local: false });

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
  v.apiRequests.length = 0;
  await v.page.goto(`${host.origin}/?slowidb=200`);
  await v.page.waitForFunction(() => (window as any).__forgot);
  // Past the read: what it returned (a third page view, a match, its content cached) is not taken up.
  await v.page.waitForTimeout(1500);
  expect(await text(v.page, HERO)).toBe("Original headline");
  expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual([]);
  expect(await v.page.evaluate(() => (window as any).__info)).toEqual({ segments: [], applied: [], source: "none" });
  expect(await kept(v.page)).toEqual({ idb: [], local: false });
  // The read itself answered (within its 300 ms bound): a lost read would have asked the network instead.
  expect(v.apiRequests.filter((r) => r.url.includes("/context"))).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("queued before the script loads, nothing is applied, fetched or stored, not even what the page view decides", async () => {
  const v = await newVisitor(browser);
  await recordFrames(v.page, [HERO, SUB]);
  await v.page.addInitScript(() => {
    const w = window as any;
    w.facet = [["forget"], ["ready", (i: unknown) => (w.__info = i)]];
  });
  await v.page.goto(`${host.origin}/pv`);
  await v.page.waitForFunction(() => (window as any).__info);
  // The script ran (its request is the only one) and let go of the pasted snippet's hiding at once.
  await v.page.waitForFunction(() => !document.getElementById("facet-prehide"));
  const f = await framesAfter(v.page, 3);
  expect(f.filter((x) => x[SUB] === "Campaign subheadline")).toEqual([]);
  expect(f.at(-1)).toMatchObject({ [HERO]: "Original headline", [SUB]: "Original subheadline" });
  expect(await v.page.evaluate(() => (window as any).__info)).toEqual({ segments: [], applied: [], source: "none" });
  expect(v.apiRequests.map((r) => new URL(r.url).pathname)).toEqual([`/v1/sites/${key}/facet.js`]);
  expect(await kept(v.page)).toEqual({ idb: [], local: false });
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("called while content is fetched in vain, what is reported stays the original page's", async () => {
  const v = await newVisitor(browser);
  let asked!: () => void;
  const pending = new Promise<void>((r) => (asked = r));
  let answer!: () => void;
  const answered = new Promise<void>((r) => (answer = r));
  await v.page.route("**/variants*", async (r) => {
    asked();
    await answered;
    await r.fulfill({ status: 503, body: "down" });
  });
  await recordFrames(v.page, ["#hero-cta"]);
  await v.page.goto(`${host.origin}/?f=1`);
  await pending;
  await v.page.evaluate(() => (window as any).facet.forget());
  answer();
  // The decision that was waiting ends now, after the failed fetch (its warning says so): it reports nothing
  // over forget()'s answer.
  await expect.poll(() => v.warnings.some((w) => w.startsWith("facet:") && w.includes("503")), { timeout: 10_000 }).toBe(true);
  await framesAfter(v.page, 2);
  expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual([]);
  expect(await facetReady(v.page)).toEqual({ segments: [], applied: [], source: "none" });
  expect(await text(v.page, "#hero-cta")).toBe("Sign up");
  expect(await kept(v.page)).toEqual({ idb: [], local: false });
  await v.context.close();
});
