// The demo site seeded by `npm start`: each of its three segments sees its own hero, everyone else the
// original, and a returning visitor's next page view is decided from the device's cache.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { ageProfile, facetReady, launch, newVisitor, text } from "./browser";

const ORIGINAL = "Ship reliable data pipelines in minutes";
let browser: Browser;
const base = () => inject("workerUrl");

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("demo site", () => {
  it("shows the original hero to a visitor in no segment", async () => {
    const v = await newVisitor(browser);
    await v.page.goto(`${base()}/`);
    const info = await facetReady(v.page);
    expect(info.segments).toEqual([]);
    expect(info.source).toBe("none");
    expect(await text(v.page, "#hero-headline")).toBe(ORIGINAL);
    expect(await v.page.locator("#hero-secondary-cta").isVisible()).toBe(true);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("shows the German hero to a visitor from Germany (geographic)", async () => {
    const v = await newVisitor(browser);
    await v.page.goto(`${base()}/?facet_sim_country=DE`);
    const info = await facetReady(v.page);
    expect(info.applied).toEqual([{ experience: "hero", segment: "germany" }]);
    expect(await text(v.page, "#hero-headline")).toBe("Zuverlässige Datenpipelines in Minuten");
    expect(await text(v.page, "#hero-cta")).toBe("Kostenlos testen");
    // html change, sanitized on save, rendered as markup
    expect(await v.page.locator("#announcement-bar strong").innerText()).toBe("Neu:");
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("shows the account hero to a visitor from Acme's IP range (firmographic), IPv4 and IPv6", async () => {
    for (const ip of ["203.0.113.7", "2001:db8:ac3e::5"]) {
      const v = await newVisitor(browser);
      await v.page.goto(`${base()}/?facet_sim_ip=${encodeURIComponent(ip)}`);
      const info = await facetReady(v.page);
      expect(info.applied).toEqual([{ experience: "hero", segment: "target-accounts" }]);
      expect(await text(v.page, "#hero-headline")).toBe("Acme's data team, meet your pipeline co-pilot");
      expect(await v.page.locator("#hero-cta").getAttribute("href")).toBe("/demo?account=acme");
      expect(await v.page.locator("#hero-secondary-cta").isVisible()).toBe(false);
      await v.context.close();
    }
  });

  it("lets the higher-priority segment win when a visitor is in several", async () => {
    const v = await newVisitor(browser);
    await v.page.goto(`${base()}/?facet_sim_ip=203.0.113.7&facet_sim_country=DE`);
    const info = await facetReady(v.page);
    expect(info.segments.sort()).toEqual(["germany", "target-accounts"]);
    expect(info.applied).toEqual([{ experience: "hero", segment: "target-accounts" }]);
    await v.context.close();
  });

  it("shows the welcome-back hero to a returning visitor, then serves the next view from the device's cache", async () => {
    const v = await newVisitor(browser);
    await v.page.goto(`${base()}/`);
    expect((await facetReady(v.page)).segments).toEqual([]);

    // 31 minutes later: a new visit, so a returning visitor.
    await ageProfile(v.page, "demo", 31);
    await v.page.reload();
    const second = await facetReady(v.page);
    expect(second.applied).toEqual([{ experience: "hero", segment: "returning" }]);
    expect(second.source).toBe("network");
    expect(await text(v.page, "#hero-headline")).toBe("Welcome back — your pipelines missed you");
    expect(await v.page.locator("#hero-cta").getAttribute("class")).toContain("btn-returning");

    // Next page view: every Facet API answer now takes 5 s. Content still swaps in, well inside the
    // 1 s anti-flicker timeout, so nothing it needed was on the network's critical path.
    await v.page.route("**/v1/sites/**", async (route) => {
      await new Promise((r) => setTimeout(r, 5000));
      await route.continue().catch(() => {});
    });
    v.apiRequests.length = 0;
    const started = Date.now();
    await v.page.reload();
    const third = await facetReady(v.page);
    expect(third.source).toBe("cache");
    expect(third.applied).toEqual([{ experience: "hero", segment: "returning" }]);
    expect(await text(v.page, "#hero-headline")).toBe("Welcome back — your pipelines missed you");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(v.apiRequests.filter((r) => r.url.includes("/variants"))).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });
});
