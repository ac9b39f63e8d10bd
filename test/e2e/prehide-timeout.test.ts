// The timeout with the pre-hide snippet (README "Zero flicker: the pre-hide snippet", Timeout): the slots are
// hidden from the moment the snippet ran, and its CSS shows them again the timeout after that, whatever
// facet.js does. So while that CSS still hides them, facet.js's deadline goes no further: content that arrives
// after it is kept for the next page view, never swapped into a slot the visitor has already seen with its
// default. A script that runs after the CSS ran out counts from itself. Asserted on painted frames
// (test/e2e/browser.ts), never on sleeps; the delays below are the network's.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, framesAfter, launch, newVisitor, recordFrames } from "./browser";
import { landingPage, startHost, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `ph-timeout-${Math.random().toString(36).slice(2, 8)}`;
const HERO = "#hero-headline";

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  // Everyone matches, but only once the session has a profile: the content comes with the context, not the script.
  await admin("POST", `/sites/${key}/segments`, { id: "everyone", name: "Everyone", condition: { "visit.count": { $gte: 1 } } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [{ segment: "everyone", changes: [{ type: "text", selector: HERO, value: "Everyone hero" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
  // The flicker-free install (pre-hide with the published slots baked in + the upgraded tag), pasted as is.
  pages["/"] = landingPage((await admin("GET", `/sites/${key}/install`)).html);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A first visit whose script and context answers are held back by the network (frames of the hero recorded). */
async function slowFirstVisit(scriptMs: number, contextMs: number) {
  const v = await newVisitor(browser);
  await recordFrames(v.page, [HERO]);
  await v.page.route("**/facet.js", async (r) => (await sleep(scriptMs), r.continue()));
  await v.page.route("**/context*", async (r) => (await sleep(contextMs), r.continue()));
  await v.page.goto(`${host.origin}/`);
  const info = await facetReady(v.page);
  return { v, info, f: (await framesAfter(v.page, 3)).map((x) => x[HERO]) };
}

it("content arriving after the timeout counted from the pre-hide is not swapped in, though facet.js ran later", async () => {
  // The script takes 600 ms, the context 800 ms more: the content is there about 1,400 ms after the pre-hide hid
  // the slot, when its CSS (1000 ms) has shown the default already, but within 1000 ms of facet.js running (and
  // facet.js runs well before the CSS runs out, so the cap applies even on a slow machine).
  const { v, info, f } = await slowFirstVisit(600, 800);
  // The default was shown (the CSS timeout), and never replaced afterwards.
  expect(f).toContain("Original headline");
  expect(f.at(-1)).toBe("Original headline");
  expect(f).not.toContain("Everyone hero");
  expect(info).toMatchObject({ segments: ["everyone"], applied: [] });
  // Kept for the next page view, which shows it from the device's cache without painting the default.
  await v.page.unroute("**/facet.js");
  await v.page.unroute("**/context*");
  await v.page.reload();
  expect(await facetReady(v.page)).toMatchObject({ applied: [{ experience: "hero", segment: "everyone" }], source: "cache" });
  const again = (await framesAfter(v.page, 3)).map((x) => x[HERO]);
  expect(again).not.toContain("Original headline");
  expect(again.at(-1)).toBe("Everyone hero");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("a script that runs after the pre-hide's CSS ran out counts its timeout from itself, as without the snippet", async () => {
  // The script takes 1,300 ms: the CSS (1000 ms) has shown the default before it runs, as a tag manager's late
  // injection would. Its decision then swaps as the plain tag's first visit does, within its own timeout.
  const { v, info, f } = await slowFirstVisit(1300, 300);
  expect(info).toMatchObject({ applied: [{ experience: "hero", segment: "everyone" }] });
  expect(f).toContain("Original headline");
  expect(f.at(-1)).toBe("Everyone hero");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
