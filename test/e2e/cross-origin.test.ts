// The tag on a customer's site: another origin than the Worker, so CORS and the site's allowed
// origins are exercised for real by Chromium.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, launch, newVisitor, text } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin, siteWithHeadline } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const suffix = Math.random().toString(36).slice(2, 8);
const allowed = `xo-ok-${suffix}`;
const refused = `xo-no-${suffix}`;
const guarded = `xo-guard-${suffix}`;
const unpublished = `xo-unpub-${suffix}`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  const worker = inject("workerUrl");
  pages["/"] = landingPage(tag(`${worker}/facet.js`, allowed));
  pages["/pricing"] = landingPage(tag(`${worker}/facet.js`, allowed));
  pages["/refused"] = landingPage(tag(`${worker}/facet.js`, refused));
  pages["/unpublished"] = landingPage(tag(`${worker}/facet.js`, unpublished));
  pages["/guarded"] = landingPage(tag(`${worker}/facet.js`, guarded)).replace(
    "</body>",
    '<script id="empty-script"></script><style id="page-style"></style></body>',
  );
  await siteWithHeadline({ key: allowed, origins: [host.origin], condition: { "page.path": "/" }, headline: "Hello from Facet" });
  await siteWithHeadline({ key: refused, origins: ["https://www.example.com"], condition: {}, headline: "Should never show" });
  await admin("POST", "/sites", { key: unpublished, name: unpublished, origins: [host.origin] });
  // Changes aimed at elements a browser would run: saved (their selectors are valid), never applied.
  await admin("POST", "/sites", { key: guarded, name: guarded, origins: [host.origin] });
  await admin("POST", `/sites/${guarded}/segments`, { id: "everyone", name: "Everyone", condition: {} });
  await admin("POST", `/sites/${guarded}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [
      {
        segment: "everyone",
        changes: [
          { type: "text", selector: "#empty-script", value: "window.pwned = true" },
          { type: "text", selector: "#page-style", value: "body { display: none }" },
          { type: "text", selector: "#hero-headline", value: "Guarded" },
        ],
      },
    ],
  });
  await admin("POST", `/sites/${guarded}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

it("personalizes a page on an allowed origin, with CORS headers from the Worker", async () => {
  const v = await newVisitor(browser);
  const corsHeaders: (string | undefined)[] = [];
  v.page.on("response", (r) => r.url().includes("/v1/sites/") && corsHeaders.push(r.headers()["access-control-allow-origin"]));
  await v.page.goto(`${host.origin}/`);
  const info = await facetReady(v.page);
  expect(info.applied).toEqual([{ experience: "hero", segment: "everyone" }]);
  expect(await text(v.page, "#hero-headline")).toBe("Hello from Facet");
  expect(corsHeaders.length).toBeGreaterThanOrEqual(3); // config, context, variants
  expect(new Set(corsHeaders)).toEqual(new Set([host.origin]));
  // page context in conditions: the same visitor on /pricing is not in the segment
  await v.page.goto(`${host.origin}/pricing`);
  expect((await facetReady(v.page)).segments).toEqual([]);
  expect(await text(v.page, "#hero-headline")).toBe("Original headline");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("refuses an origin the site did not allow: original content, one warning", async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/refused`);
  const info = await facetReady(v.page);
  expect(info.applied).toEqual([]);
  expect(await text(v.page, "#hero-headline")).toBe("Original headline");
  // The Worker's own reason, readable cross-origin, instead of an opaque CORS failure.
  expect(v.warnings.filter((w) => w.startsWith("facet:"))).toEqual([
    `facet: showing original content: Origin ${host.origin} is not allowed for site "${refused}"`,
  ]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("says in its one warning that a site is not published yet", async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/unpublished`);
  expect((await facetReady(v.page)).applied).toEqual([]);
  expect(await text(v.page, "#hero-headline")).toBe("Original headline");
  expect(v.warnings.filter((w) => w.startsWith("facet:"))).toEqual([
    `facet: showing original content: Site "${unpublished}" has not been published yet`,
  ]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("takes a change of allowed origins into account without a publish", async () => {
  await admin("PATCH", `/sites/${refused}`, { origins: [host.origin] });
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/refused`);
  await facetReady(v.page);
  expect(await text(v.page, "#hero-headline")).toBe("Should never show");
  await v.context.close();
  await admin("PATCH", `/sites/${refused}`, { origins: ["https://www.example.com"] });
});

it("never changes a script or style element, whatever the config says", async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/guarded`);
  await facetReady(v.page);
  expect(await text(v.page, "#hero-headline")).toBe("Guarded");
  expect(
    await v.page.evaluate(() => [
      (window as any).pwned,
      document.querySelector("#empty-script")!.textContent,
      document.querySelector("#page-style")!.textContent,
    ]),
  ).toEqual([undefined, "", ""]);
  expect(await v.page.locator("body").isVisible()).toBe(true);
  await v.context.close();
});
