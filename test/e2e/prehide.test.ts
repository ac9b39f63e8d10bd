// Zero flicker in tag mode (issue 9), asserted on painted frames (every frame sampled with
// requestAnimationFrame from before the first paint), never on sleeps: the pre-hide snippet on a repeat visit,
// its CSS-only release when facet.js never loads, a slow or broken IndexedDB, and a cached SPA route change.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { prehide } from "../../contract/prehide";
import { cachedContent, facetReady, frames, framesAfter, idbTrouble, launch, newVisitor, recordFrames, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `prehide-${Math.random().toString(36).slice(2, 8)}`;
const HERO = "#hero-headline";
const PRICING = "#pricing-heading";

// The app: go(path) changes route in a rAF callback (as some routers do) and renders the route's own heading
// right after pushState, in the same task. Whatever is on the page when that callback ends is painted.
const app = `<script>window.go=function(p){requestAnimationFrame(function(){history.pushState({},"",p);
var h=document.createElement("h1");h.id="hero-headline";h.textContent="App default "+p;document.getElementById("hero-headline").replaceWith(h)})}</script>`;
beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  const head = `<script>${prehide(key)}</script><script>window.__prehideRules=(document.getElementById("facet-prehide")||{sheet:{cssRules:[]}}).sheet.cssRules.length</script>`;
  pages["/"] = landingPage(head + tag(`${inject("workerUrl")}/facet.js`, key)).replace("</body>", `${app}</body>`);
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, { id: "home", name: "On home", condition: { "page.path": "/" } });
  await admin("POST", `/sites/${key}/segments`, { id: "pricing", name: "On pricing", condition: { "page.path": "/pricing" } });
  await admin("POST", `/sites/${key}/segments`, { id: "nowhere", name: "Nowhere", condition: { "page.path": "/nowhere" } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [
      { segment: "home", changes: [{ type: "text", selector: HERO, value: "Home hero" }] },
      { segment: "pricing", changes: [{ type: "text", selector: HERO, value: "Pricing hero" }] },
    ],
  });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "other",
    name: "Other",
    variants: [{ segment: "nowhere", changes: [{ type: "text", selector: PRICING, value: "Never shown" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** A visitor whose first visit is done and whose content is cached (IndexedDB written, localStorage marked). */
async function returning(): Promise<Visit> {
  const v = await newVisitor(browser, (ctx) => ctx.addInitScript(idbTrouble));
  await recordFrames(v.page, [HERO, PRICING]);
  // The pricing slot's state at the moment facet.ready fires, i.e. in the task that made the decision.
  await v.page.addInitScript(() => {
    const w = window as any;
    w.facet = [["ready", () => (w.__atReady = getComputedStyle(document.querySelector("#pricing-heading")!).visibility)]];
  });
  await v.page.goto(`${host.origin}/`);
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "home" }]);
  await cachedContent(v.page, key, "hero", "home");
  v.apiRequests.length = 0;
  return v;
}

const seen = (f: Record<string, string>[], sel: string) => [...new Set(f.map((x) => x[sel]))];

it("a repeat visit with the pre-hide snippet paints no frame of a slot's default, releases non-winners at the decision, and makes no request", async () => {
  const v = await returning();
  await v.page.reload();
  const info = await facetReady(v.page);
  expect(info).toMatchObject({ source: "cache", applied: [{ experience: "hero", segment: "home" }] });
  const f = await framesAfter(v.page, 3);
  // The pre-hide snippet hid both experiences' slots before the body was parsed.
  expect(await v.page.evaluate(() => (window as any).__prehideRules)).toBe(3); // @keyframes + 2 slots
  expect(f.filter((x) => x[HERO] === "Original headline")).toEqual([]);
  expect(f.at(-1)![HERO]).toBe("Home hero");
  // The slot of an experience this visitor matches nothing in is visible in the task of the decision.
  expect(await v.page.evaluate(() => (window as any).__atReady)).toBe("visible");
  expect(f.at(-1)![PRICING]).toBe("Pricing");
  expect(await v.page.evaluate(() => document.getElementById("facet-prehide"))).toBeNull();
  // Everything came from the device: not one request to the Worker's API.
  expect(v.apiRequests).toEqual([]);
  console.log("repeat visit, frames of the hero:", seen(f, HERO).join(" → "), `(${f.filter((x) => x[HERO] === "hidden").length} hidden)`);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("a pre-hide whose facet.js never loads leaves nothing hidden after the timeout (CSS alone)", async () => {
  const v = await returning();
  await v.page.route("**/facet.js", (r) => r.abort());
  await v.page.reload();
  expect(await v.page.evaluate(() => (window as any).__prehideRules)).toBe(3);
  await v.page.waitForFunction(
    (sels: string[]) => sels.every((s) => getComputedStyle(document.querySelector(s)!).visibility === "visible"),
    [HERO, PRICING],
    { timeout: 5_000 },
  );
  const f = await framesAfter(v.page, 3);
  // Hidden at first (by CSS alone: no script of Facet ran), then the original content, for good.
  expect(f.some((x) => x[HERO] === "hidden")).toBe(true);
  expect(f.at(-1)).toEqual({ path: "/", [HERO]: "Original headline", [PRICING]: "Pricing" });
  expect(await v.page.evaluate(() => typeof (window as any).facet?.v)).toBe("undefined");
  await v.context.close();
});

it("a slow or broken IndexedDB never cancels personalization, on a first visit or a repeat one", async () => {
  for (const trouble of ["slowidb", "brokenidb"]) {
    const v = await newVisitor(browser, (ctx) => ctx.addInitScript(idbTrouble));
    await v.page.goto(`${host.origin}/?${trouble}`);
    const info = await facetReady(v.page);
    expect(info, trouble).toMatchObject({ source: "network", applied: [{ experience: "hero", segment: "home" }] });
    expect(await v.page.locator(HERO).innerText()).toBe("Home hero");
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  }
  // A repeat visit whose IndexedDB is slow this time: a first visit after a short wait, still personalized.
  const v = await returning();
  await v.page.goto(`${host.origin}/?slowidb`);
  expect(await facetReady(v.page)).toMatchObject({ source: "network", applied: [{ experience: "hero", segment: "home" }] });
  await v.context.close();
});

it("a cached SPA route change paints no frame of the app's default and no blank frame", async () => {
  const v = await returning();
  // First visit to /pricing: its content is fetched (and cached); then back home, from the cache.
  await v.page.evaluate(() => (window as any).go("/pricing"));
  await v.page.waitForFunction((s) => document.querySelector(s)?.textContent === "Pricing hero", HERO, { timeout: 10_000 });
  await cachedContent(v.page, key, "hero", "home");
  await v.page.evaluate(() => (window as any).go("/"));
  await v.page.waitForFunction((s) => document.querySelector(s)?.textContent === "Home hero", HERO, { timeout: 10_000 });
  v.apiRequests.length = 0;
  for (const [path, before, after] of [
    ["/pricing", "Home hero", "Pricing hero"],
    ["/", "Pricing hero", "Home hero"],
  ] as const) {
    const from = (await frames(v.page)).length;
    await v.page.evaluate((p) => (window as any).go(p), path);
    await v.page.waitForFunction((p) => location.pathname === p, path);
    const f = (await framesAfter(v.page, 4)).slice(from);
    // From the frame that shows the new route on: its content only (neither the app's default, nor a blank
    // slot, nor the previous route's content).
    const routed = f.filter((x) => x.path === path);
    expect(routed.length, path).toBeGreaterThan(3);
    expect(
      routed.filter((x) => x[HERO] !== after),
      path,
    ).toEqual([]);
    expect(
      f.filter((x) => x.path !== path && x[HERO] !== before),
      path,
    ).toEqual([]);
    expect(f.at(-1)![HERO], path).toBe(after);
  }
  expect(v.apiRequests).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
