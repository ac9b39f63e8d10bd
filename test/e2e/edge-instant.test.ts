// Edge mode in front of a page with the upgraded tag, for an experience the page view alone decides (README
// "Decided by the page view") whose top segment the edge can't evaluate (time.*): the edge applies the one below
// provisionally, the snippet's decision at boot puts the origin back and applies the top one, and the session
// started after it must keep that decision's own revert (forget() then restores the origin exactly).
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, launch, newVisitor } from "./browser";
import { admin } from "./admin";
import { EDGE_SHOP, EDGE_SHOP_HOST } from "../fakes/edge-site";

let browser: Browser;
const shop = () => inject("workerUrl").replace("127.0.0.1", EDGE_SHOP_HOST);

beforeAll(async () => {
  browser = await launch(EDGE_SHOP_HOST);
  // The site may exist already: the other edge tests use it too (their experiences are on other pages).
  await admin("POST", "/sites", { key: EDGE_SHOP, name: EDGE_SHOP, origins: [shop()] }).catch(() => {});
  await admin("POST", `/sites/${EDGE_SHOP}/segments`, { id: "any-day", name: "Any day", condition: { "time.weekday": { $gte: 0 } } });
  await admin("POST", `/sites/${EDGE_SHOP}/segments`, { id: "on-instant", name: "On /instant", condition: { "page.path": "/instant" } });
  await admin("POST", `/sites/${EDGE_SHOP}/experiences`, {
    id: "hero-i",
    name: "hero (instant)",
    pages: ["/instant"],
    variants: [
      { segment: "any-day", changes: [{ type: "text", selector: "#hero-headline", value: "Any day" }] },
      { segment: "on-instant", changes: [{ type: "text", selector: "#hero-headline", value: "Instant page" }] },
    ],
  });
  await admin("POST", `/sites/${EDGE_SHOP}/publish`);
});
afterAll(async () => {
  await browser?.close();
});

it("keeps the boot decision's winner over the edge's provisional one, and forget() restores the origin", async () => {
  const v = await newVisitor(browser);
  const res = await v.page.goto(`${shop()}/instant`);
  const html = (await res?.text()) ?? "";
  // The edge applied the page's segment provisionally, the origin's content kept in a template.
  expect(html).toContain("Instant page");
  expect(html).toMatch(/<template data-facet-o0-[0-9a-f]{8}>Welcome<\/template>/);
  expect(await facetReady(v.page)).toMatchObject({ applied: [{ experience: "hero-i", segment: "any-day" }] });
  expect(await v.page.locator("#hero-headline").innerText()).toBe("Any day");
  await v.page.evaluate(() => (window as any).facet.forget());
  expect(await v.page.locator("#hero-headline").innerText()).toBe("Welcome");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
