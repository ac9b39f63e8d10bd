// The snippet under pressure from real pages: markup that matches its own selector, a page still being
// parsed behind a slow script, calls racing each other, an element named "facet".
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, launch, newVisitor, text } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `res-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  const t = tag(`${inject("workerUrl")}/facet.js`, key);
  pages["/"] = landingPage(t);
  pages["/pricing"] = landingPage(t);
  pages["/loop"] = landingPage(t).replace("</body>", '<a class="cta" href="/x">Start</a></body>');
  pages["/facet-id"] = landingPage(t).replace("<body>", '<body><div id="facet">A faceted-search widget</div>');
  // The slot, then a synchronous script that holds the parser for 3 s: DOMContentLoaded comes late.
  pages["/slow"] = landingPage(t).replace("</header>", '</header><script src="/slow.js"></script>');

  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, {
    id: "developer",
    name: "Developers",
    condition: { "traits.role": "developer" },
    priority: 10,
  });
  await admin("POST", `/sites/${key}/segments`, { id: "everyone", name: "Everyone", condition: {}, priority: 0 });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    pages: ["/", "/slow", "/facet-id"],
    variants: [
      { segment: "developer", changes: [{ type: "text", selector: "#hero-headline", value: "Developer hero" }] },
      { segment: "everyone", changes: [{ type: "text", selector: "#hero-headline", value: "Everyone hero" }] },
    ],
  });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "loop",
    name: "Self-matching markup",
    pages: ["/loop"],
    variants: [{ segment: "everyone", changes: [{ type: "html", selector: ".cta", value: '<span class="cta">Looped</span>' }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

it("applies html whose markup matches its own selector once, and the page stays responsive", async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/loop`);
  await facetReady(v.page);
  expect(await v.page.evaluate(() => [document.querySelectorAll(".cta").length, document.querySelector("a.cta")!.innerHTML])).toEqual([
    2,
    '<span class="cta">Looped</span>',
  ]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("releases hidden slots by the timeout even while a slow script holds the page's parsing", async () => {
  const v = await newVisitor(browser);
  await v.page.route("**/slow.js", async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.fulfill({ contentType: "application/javascript", body: "window.slowDone = true" });
  });
  const started = Date.now();
  void v.page.goto(`${host.origin}/slow`).catch(() => {});
  await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Everyone hero", null, { timeout: 2500 });
  // Well before DOMContentLoaded (3 s), the slot is visible again: at most the 1 s timeout hid it.
  await v.page.waitForFunction(() => getComputedStyle(document.querySelector("#hero-headline")!).visibility === "visible", null, {
    timeout: 2500,
  });
  expect(Date.now() - started).toBeLessThan(2900);
  expect(await v.page.evaluate(() => (window as any).slowDone)).toBeUndefined();
  await v.context.close();
});

it("identify() and track() racing each other end in one consistent state, reverted on an SPA route change", async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/`);
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "everyone" }]);
  await v.page.evaluate(() => {
    const f = (window as any).facet;
    f.identify({ role: "developer" });
    f.track("signup");
    f.identify({ plan: "pro" });
  });
  await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Developer hero");
  await v.page.waitForTimeout(300);
  expect(await text(v.page, "#hero-headline")).toBe("Developer hero");
  await v.page.evaluate(() => history.pushState({}, "", "/pricing"));
  await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Original headline");
  await v.page.evaluate(() => history.pushState({}, "", "/?utm_source=x#top"));
  await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Developer hero");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it('runs on a page that has an element with id="facet"', async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/facet-id`);
  await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Everyone hero");
  expect(await v.page.evaluate(() => typeof (window as any).facet.ready)).toBe("function");
  await v.context.close();
});
