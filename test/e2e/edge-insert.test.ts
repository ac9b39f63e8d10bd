// Edge mode's insert change in Chromium (docs/edge.md): the dev Worker in front of another origin
// (test/fakes/edge-site.ts, FACET_EDGE for shop.localhost) inserts a German visitor's list item in the HTML
// stream; the snippet, which then decides the same winner, never inserts it a second time, also when the page
// re-renders the list from its own state. Per-frame sampling (browser.ts recordFrames), no sleeps.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, framesAfter, launch, recordFrames, watch, type Visit } from "./browser";
import { admin } from "./admin";
import { EDGE_SHOP, EDGE_SHOP_HOST } from "../fakes/edge-site";

const NEW = "Neu in Deutschland";
let browser: Browser;
const shop = () => inject("workerUrl").replace("127.0.0.1", EDGE_SHOP_HOST);

beforeAll(async () => {
  browser = await launch(EDGE_SHOP_HOST);
  // The site may exist already: edge-override.test.ts uses it too.
  await admin("POST", "/sites", { key: EDGE_SHOP, name: EDGE_SHOP, origins: [shop()] }).catch(() => {});
  await admin("POST", `/sites/${EDGE_SHOP}/segments`, { id: "germany", name: "Germany", condition: { "geo.country": "DE" } });
  await admin("POST", `/sites/${EDGE_SHOP}/experiences`, {
    id: "features",
    name: "features",
    pages: ["/"],
    variants: [
      {
        segment: "germany",
        changes: [{ type: "insert", selector: "#features", position: "inside-end", html: `<li class="new">${NEW}</li>` }],
      },
    ],
  });
  await admin("POST", `/sites/${EDGE_SHOP}/publish`);
});
afterAll(async () => {
  await browser?.close();
});

async function visitor(hydrate: boolean): Promise<Visit> {
  const context = await browser.newContext();
  // The page's own script re-rendering the list from its own state once its bundle loaded, as a client
  // framework does: a new #features with the server's items only (the edge's item and marker are gone).
  if (hydrate)
    await context.addInitScript(() => {
      const w = window as unknown as { __renders: number };
      w.__renders = 0;
      addEventListener("load", () =>
        setTimeout(() => {
          const fresh = document.createElement("ul");
          fresh.id = "features";
          fresh.innerHTML = "<li>Fast</li><li>Cheap</li>";
          document.querySelector("#features")!.replaceWith(fresh);
          w.__renders++;
        }),
      );
    });
  const page = await context.newPage();
  // Germany: the edge reads facet_sim_country on the page URL; the snippet's calls to the Worker (another
  // origin, which gets only the page's origin as Referer) carry the header the Worker reads.
  await page.route("**/v1/sites/*/context*", (route) =>
    route.continue({ headers: { ...route.request().headers(), "x-facet-simulate": "country=DE" } }),
  );
  await recordFrames(page, ["#features"]);
  const v: Visit = { context, page, warnings: [], pageErrors: [], apiRequests: [] };
  watch(v, page);
  return v;
}
/** How many times each painted frame showed the inserted item ("missing": before the list was parsed). */
const counts = (seen: Record<string, string>[]) =>
  seen.filter((f) => f["#features"] != "missing").map((f) => f["#features"]!.split(NEW).length - 1);

describe("edge mode: insert", () => {
  it("is in the HTML, and present exactly once in every frame after the snippet decided the same winner", async () => {
    const v = await visitor(false);
    const res = await v.page.goto(`${shop()}/?facet_sim_country=DE`);
    expect(await res!.text()).toContain(`<li class="new">${NEW}</li></ul>`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "features", segment: "germany" }]);
    const seen = counts(await framesAfter(v.page, 5));
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((n) => n == 1)).toBe(true);
    expect(await v.page.locator("#features li.new").count()).toBe(1);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("is present exactly once after the page re-renders the list (the snippet inserts into the new one)", async () => {
    const v = await visitor(true);
    await v.page.goto(`${shop()}/?facet_sim_country=DE`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "features", segment: "germany" }]);
    await v.page.waitForFunction(() => (window as unknown as { __renders: number }).__renders == 1);
    const seen = counts(await framesAfter(v.page, 5));
    // Never twice; once at the end (a re-render before the snippet's decision may show the list without it).
    expect(Math.max(...seen)).toBe(1);
    expect(seen.at(-1)).toBe(1);
    expect(await v.page.locator("#features li.new").count()).toBe(1);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });
});
