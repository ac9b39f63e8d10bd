// Edge mode's provisional winners in Chromium (docs/edge.md "Provisional winners"): on the shop's /override page
// (test/fakes/edge-site.ts) a returning visitor's hero is above a German one. The edge can't know whether the
// visitor returns, so it applies the German variant provisionally, keeping the origin's content in templates;
// the snippet keeps it for a first visit, and for a returning visitor puts the origin's content back and applies
// its own winner. Per-frame sampling (browser.ts recordFrames), no sleeps.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { ageProfile, facetReady, framesAfter, launch, recordFrames, watch, type Visit } from "./browser";
import { admin } from "./admin";
import { EDGE_SHOP, EDGE_SHOP_HOST } from "../fakes/edge-site";

const ORIGIN = "Welcome";
const GERMAN = "Willkommen";
const BACK = "Welcome back";
const TAGLINE = "Origin tagline";
let browser: Browser;
const shop = () => inject("workerUrl").replace("127.0.0.1", EDGE_SHOP_HOST);

beforeAll(async () => {
  browser = await launch(EDGE_SHOP_HOST);
  // The site may exist already: edge-insert.test.ts uses it too (its experience is on / only).
  await admin("POST", "/sites", { key: EDGE_SHOP, name: EDGE_SHOP, origins: [shop()] }).catch(() => {});
  await admin("POST", `/sites/${EDGE_SHOP}/segments`, { id: "de", name: "DE", condition: { "geo.country": "DE" } });
  await admin("POST", `/sites/${EDGE_SHOP}/segments`, { id: "again", name: "Again", condition: { "visit.isReturning": true } });
  await admin("POST", `/sites/${EDGE_SHOP}/experiences`, {
    id: "hero-o",
    name: "hero (override)",
    pages: ["/override"],
    // Highest priority first: the returning visitor's variant changes the headline only.
    variants: [
      { segment: "again", changes: [{ type: "text", selector: "#hero-headline", value: BACK }] },
      {
        segment: "de",
        changes: [
          { type: "text", selector: "#hero-headline", value: GERMAN },
          { type: "html", selector: "#tagline", value: "<i>Deutsch</i>" },
          // Attribute changes, applied at the edge with the originals carried (class and title present, lang absent).
          { type: "class", selector: "#features", add: ["de"], remove: ["big"] },
          { type: "attribute", selector: "#features", name: "title", value: "Hallo" },
          { type: "attribute", selector: "#hero-headline", name: "lang", value: "de" },
        ],
      },
    ],
  });
  await admin("POST", `/sites/${EDGE_SHOP}/publish`);
});
afterAll(async () => {
  await browser?.close();
});

async function visitor(): Promise<Visit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Germany for the snippet's calls too (see edge-insert.test.ts).
  await page.route("**/v1/sites/*/context*", (route) =>
    route.continue({ headers: { ...route.request().headers(), "x-facet-simulate": "country=DE" } }),
  );
  await recordFrames(page, ["#hero-headline", "#tagline"]);
  // The changed attributes in each frame, sampled in its animation callbacks (nothing runs between them and the
  // paint): [class, title] of #features and lang of the headline, null when absent or not parsed yet.
  await page.addInitScript(() => {
    const w = window as unknown as { __attrs: string[] };
    w.__attrs = [];
    const tick = () => {
      const f = document.getElementById("features");
      const h = document.getElementById("hero-headline");
      if (f && h) w.__attrs.push(JSON.stringify([f.getAttribute("class"), f.getAttribute("title"), h.getAttribute("lang")]));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const v: Visit = { context, page, warnings: [], pageErrors: [], apiRequests: [] };
  watch(v, page);
  return v;
}
const URL_DE = () => `${shop()}/override?facet_sim_country=DE`;
const attrs = (v: Visit): Promise<string[]> => v.page.evaluate(() => (window as unknown as { __attrs: string[] }).__attrs);
/** The attributes as the origin wrote them (the title's &amp; decoded), and as the German variant changes them. */
const ORIGIN_ATTRS = JSON.stringify(["list  big", 'say "hi" & <go>', null]);
const GERMAN_ATTRS = JSON.stringify(["list de", "Hallo", "de"]);
/** Every attribute of #features and of the headline, in order. */
const allAttrs = (v: Visit) =>
  v.page.evaluate(() =>
    ["features", "hero-headline"].map((id) => [...document.getElementById(id)!.attributes].map((a) => [a.name, a.value])),
  );
const seen = (frames: Record<string, string>[], slot: string) => frames.map((f) => f[slot]!).filter((s) => s != "missing");

describe("edge mode: a provisional winner", () => {
  it("is in the HTML with the origin's content kept, and a first visit keeps it: no frame of the default", async () => {
    const v = await visitor();
    const res = await v.page.goto(URL_DE());
    // The markers' per-response random part taken out (test/worker/edge-helpers.ts unmark).
    const html = (await res!.text()).replace(/(data-facet-o\d+)-[0-9a-f]{8}/g, "$1");
    expect(html).toContain(`<template data-facet-o0>${ORIGIN}</template>${GERMAN}</h1>`);
    expect(html).toContain(`"segment":"de","undo":"data-facet-o0"`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero-o", segment: "de" }]);
    const frames = await framesAfter(v.page, 5);
    const hero = seen(frames, "#hero-headline");
    expect(hero.length).toBeGreaterThan(5);
    expect(hero.every((s) => s == GERMAN)).toBe(true);
    expect(seen(frames, "#tagline").every((s) => s == "Deutsch")).toBe(true);
    // The edge's attribute changes with the originals carried in the mark, kept in every frame.
    expect(html).toContain(`<h1 id="hero-headline" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;lang&quot;:null}" lang="de">`);
    expect(html).toContain(
      `<ul class="list de" title="Hallo" id="features" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;class&quot;:&quot;list  big&quot;,&quot;title&quot;:&quot;say \\&quot;hi\\&quot; &amp; <go>&quot;}">`,
    );
    const a = await attrs(v);
    expect(a.length).toBeGreaterThan(5);
    expect(a.every((s) => s == GERMAN_ATTRS)).toBe(true);
    expect(await allAttrs(v)).toEqual([
      [
        ["class", "list de"],
        ["title", "Hallo"],
        ["id", "features"],
      ],
      [
        ["id", "hero-headline"],
        ["lang", "de"],
      ],
    ]);
    expect(v.pageErrors).toEqual([]);
    // Applied by the snippet over the restored originals: forget() puts them back exactly.
    await v.page.evaluate(() => (window as unknown as { facet: { forget(): void } }).facet.forget());
    expect(await allAttrs(v)).toEqual([
      [
        ["class", "list  big"],
        ["title", 'say "hi" & <go>'],
        ["id", "features"],
      ],
      [["id", "hero-headline"]],
    ]);
    await v.context.close();
  });

  it("gives way to a returning visitor's higher-priority winner: origin content back, the device's winner applied", async () => {
    const v = await visitor();
    await v.page.goto(URL_DE());
    await facetReady(v.page);
    await ageProfile(v.page, EDGE_SHOP, 31);
    await v.page.reload();
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero-o", segment: "again" }]);
    const frames = await framesAfter(v.page, 5);
    const hero = seen(frames, "#hero-headline");
    // What the frames show, in order: the edge's German hero until the snippet decided, then the slot hidden
    // while the returning visitor's content loads (the origin's headline is put back in the task that hides
    // it: never painted), then the device's winner, and never the German hero again.
    const first = hero.indexOf(BACK);
    expect(first).toBeGreaterThan(0);
    expect(hero.includes(ORIGIN)).toBe(false);
    expect(hero.slice(first).every((s) => s == BACK)).toBe(true);
    expect(hero.slice(0, first).every((s) => s == GERMAN || s == "hidden")).toBe(true);
    // The slot the returning variant doesn't change: the origin's content, its own markup, no template left.
    const tagline = seen(frames, "#tagline");
    const back = tagline.indexOf(TAGLINE);
    expect(back).toBeGreaterThan(0);
    expect(tagline.slice(back).every((s) => s == TAGLINE)).toBe(true);
    expect(tagline.slice(0, back).every((s) => s == "Deutsch" || s == "hidden")).toBe(true);
    expect(await v.page.locator("#tagline").innerHTML()).toBe("Origin <b>tagline</b>");
    expect(await v.page.locator("#hero-headline").innerHTML()).toBe(BACK);
    expect(await v.page.locator("template").count()).toBe(0);
    // The page's own element with an attribute named like a marker (not JSON, and without this response's random
    // part) is left untouched, and the restore of the edge's marked elements still runs.
    expect(await v.page.locator("#own").getAttribute("data-facet-o0")).toBe("not json");
    // The attributes: the edge's German ones until the snippet decided, then the origin's exactly (absent ones
    // removed, the mark gone), never anything else.
    const a = await attrs(v);
    const restored = a.indexOf(ORIGIN_ATTRS);
    expect(restored).toBeGreaterThan(0);
    expect(a.slice(0, restored).every((s) => s == GERMAN_ATTRS)).toBe(true);
    expect(a.slice(restored).every((s) => s == ORIGIN_ATTRS)).toBe(true);
    expect(await allAttrs(v)).toEqual([
      [
        ["class", "list  big"],
        ["title", 'say "hi" & <go>'],
        ["id", "features"],
      ],
      [["id", "hero-headline"]],
    ]);
    expect(v.pageErrors).toEqual([]);
    // forget() puts the origin's page back, exactly.
    await v.page.evaluate(() => (window as unknown as { facet: { forget(): void } }).facet.forget());
    expect(await v.page.locator("#hero-headline").innerHTML()).toBe(ORIGIN);
    await v.context.close();
  });
});
