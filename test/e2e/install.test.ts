// The install for first visits (README "Install for first visits"): the HTML GET /admin/api/sites/:site/install
// returns, pasted as is, with the published slots baked into the pre-hide snippet. Asserted on painted frames
// (every frame sampled from before the first paint, test/e2e/browser.ts), never on sleeps; and the stale
// copy's notice, once the site publishes a version newer than the pasted copy.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, framesAfter, launch, newVisitor, recordFrames } from "./browser";
import { landingPage, startHost, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `install-${Math.random().toString(36).slice(2, 8)}`;
const HERO = "#hero-headline";

/** The site's install HTML, as the admin's install panel shows it, pasted into the host's pages. */
async function paste(): Promise<{ version: number | null; html: string }> {
  const install = await admin("GET", `/sites/${key}/install`);
  for (const path of ["/", "/other"]) pages[path] = landingPage(install.html);
  return install;
}

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, { id: "home", name: "On home", condition: { "page.path": "/" } });
  // On every page: /other shows the slot of a visitor who matches nothing.
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [{ segment: "home", changes: [{ type: "text", selector: HERO, value: "Home hero" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Facet's own warnings (the host answers 404 for /favicon.ico, which the console reports too). */
const facetWarnings = (w: string[]) => w.filter((x) => x.startsWith("facet:"));

/** A first visit (a fresh browser context: nothing in localStorage or IndexedDB) to `path`, frames recorded. */
async function firstVisit(path: string) {
  const v = await newVisitor(browser);
  await recordFrames(v.page, [HERO]);
  // The slot's state in the task that made the decision (facet.ready), and what the device held before Facet ran.
  await v.page.addInitScript((site) => {
    const w = window as any;
    w.__stored = localStorage.getItem(`facet:${site}`);
    w.facet = [["ready", () => (w.__atReady = getComputedStyle(document.querySelector("#hero-headline")!).visibility)]];
  }, key);
  // The script comes 300 ms late, so the page paints before it runs: what the first frames show is the pasted
  // snippet's doing alone (a script that ran before the first paint would decide the page-view experience
  // before any frame, and hide nothing that could be seen).
  await v.page.route("**/facet.js", async (r) => {
    await new Promise((ok) => setTimeout(ok, 300));
    await r.continue();
  });
  await v.page.goto(`${host.origin}${path}`);
  const info = await facetReady(v.page);
  const f = await framesAfter(v.page, 3);
  expect(await v.page.evaluate(() => (window as any).__stored)).toBeNull();
  return { v, info, f };
}

it("a first visit with the pasted install paints no frame of the slot's default for a matching visitor", async () => {
  expect((await paste()).version).toBe(1);
  const { v, info, f } = await firstVisit("/");
  expect(info.applied).toEqual([{ experience: "hero", segment: "home" }]);
  // Hidden from the first frame (the baked list: nothing was on the device), then the personalized content.
  expect(f[0]![HERO]).toBe("hidden");
  expect(f.filter((x) => x[HERO] === "Original headline")).toEqual([]);
  expect([...new Set(f.map((x) => x[HERO]))]).toEqual(["hidden", "Home hero"]);
  expect(facetWarnings(v.warnings)).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("a first visit that matches nothing has the baked slot released at the decision", async () => {
  await paste();
  const { v, info, f } = await firstVisit("/other");
  expect(info).toMatchObject({ source: "none", applied: [] });
  expect(f[0]![HERO]).toBe("hidden");
  // Visible in the very task of the decision, not at the timeout.
  expect(await v.page.evaluate(() => (window as any).__atReady)).toBe("visible");
  expect(f.at(-1)![HERO]).toBe("Original headline");
  expect(facetWarnings(v.warnings)).toEqual([]);
  await v.context.close();
});

it("says once, in the console, that a pasted copy is older than the published config, until it is copied again", async () => {
  await paste(); // baked from the live version
  const before = (await admin("GET", `/sites/${key}/install`)).version as number;
  // A publish that adds an experience on another page: a new version, a new slot.
  await admin("POST", `/sites/${key}/experiences`, {
    id: "pricing",
    name: "Pricing",
    pages: ["/pricing"],
    variants: [{ segment: "home", changes: [{ type: "text", selector: "#pricing-heading", value: "Never here" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
  const stale = await firstVisit("/");
  expect(stale.info.applied).toEqual([{ experience: "hero", segment: "home" }]);
  expect(facetWarnings(stale.v.warnings)).toEqual([
    `facet: the pasted pre-hide snippet is from version ${before}, copy it again from the admin (Install). Live version: ${before + 1}`,
  ]);
  await stale.v.context.close();

  expect((await paste()).version).toBe(before + 1);
  const fresh = await firstVisit("/");
  expect(fresh.f.at(-1)![HERO]).toBe("Home hero");
  expect(facetWarnings(fresh.v.warnings)).toEqual([]);
  await fresh.v.context.close();
});
