// Preview and editor links on the marketer's own site, served from another origin than the Worker: the
// link made by the admin API opens the page with the draft and a preview bar, or with the element picker.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch, newVisitor, text } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `pv-${Math.random().toString(36).slice(2, 8)}`;
const ARTIFACTS = "test/artifacts";

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
  host = await startHost(pages);
  const worker = inject("workerUrl");
  pages["/"] = landingPage(tag(`${worker}/facet.js`, key)).replace(
    "</main>",
    '<ul id="plans"><li class="plan">Free</li><li class="plan">Pro</li></ul></main>',
  );
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, { id: "returning", name: "Returning visitors", condition: { "visit.isReturning": true } });
  // A draft only: never published, so only a preview can show it.
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero for returning visitors",
    variants: [
      {
        segment: "returning",
        changes: [
          { type: "text", selector: "#hero-headline", value: "Welcome back, {{traits.firstName|friend}}" },
          { type: "insert", selector: "#hero-subheadline", position: "after", html: '<p class="draft-note">Draft <b>insert</b></p>' },
        ],
      },
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const link = async (kind: "preview" | "editor") =>
  (await admin("POST", `/sites/${key}/links`, {
    kind,
    experience: "hero",
    ...(kind === "preview" ? { segment: "returning" } : {}),
    url: `${host.origin}/`,
  })) as { url: string; token: string };

const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

it("a preview link shows the draft as the segment sees it, with a preview bar; nothing is stored, the token leaves the URL", async () => {
  const { url } = await link("preview");
  expect(url).toMatch(new RegExp(`^${host.origin}/#facet-preview=`));
  const v = await newVisitor(browser);
  const requests: string[] = [];
  v.page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await v.page.goto(url);
  const bar = v.page.locator("facet-ui #bar");
  await bar.waitFor();
  expect(await bar.innerText()).toMatch(
    /Facet preview \(draft\):\s*Hero for returning visitors × returning[\s\S]*link expires[\s\S]*Exit preview/,
  );
  expect(await text(v.page, "#hero-headline")).toBe("Welcome back, friend");
  expect(await text(v.page, ".draft-note")).toBe("Draft insert");
  expect(v.page.url()).toBe(`${host.origin}/`);
  expect(await databases(v.page)).toEqual([]);
  // No config, context or variants request: the preview counts nothing and learns nothing about the visitor.
  expect(requests.filter((p) => p.startsWith("/v1/sites/"))).toEqual([]);
  await v.page.screenshot({ path: `${ARTIFACTS}/preview-bar.png` });
  // Exit preview: the live site (nothing published: the original page).
  await bar.getByText("Exit preview").click();
  await v.page.waitForFunction(() => !document.querySelector("facet-ui"));
  expect(await text(v.page, "#hero-headline")).toBe("Original headline");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("a tampered preview link shows the original page and one warning", async () => {
  const { url } = await link("preview");
  const tampered = url.slice(0, -3) + (url.endsWith("AAA") ? "BBB" : "AAA");
  const v = await newVisitor(browser);
  await v.page.goto(tampered);
  await v.page.waitForFunction(() => !location.hash.includes("facet-preview"));
  await expect
    .poll(() => v.warnings.filter((w) => w.startsWith("facet:")))
    .toEqual(["facet: preview link: This preview link is not valid (altered or not from this Facet)"]);
  expect(await text(v.page, "#hero-headline")).toBe("Original headline");
  expect(await v.page.locator("facet-ui").count()).toBe(0);
  expect(await databases(v.page)).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("the editor picks a clicked element and sends its selector to the admin window, at the admin's origin", async () => {
  const { url } = await link("editor");
  const v = await newVisitor(browser);
  // The admin window: a page on the Worker's origin that opens the editor link and collects messages.
  await v.page.goto(`${inject("workerUrl")}/healthz`);
  await v.page.evaluate(() => {
    (window as any).got = [];
    addEventListener("message", (e) => (window as any).got.push({ origin: e.origin, data: e.data }));
  });
  const [site] = await Promise.all([v.context.waitForEvent("page"), v.page.evaluate((u) => void window.open(u), url)]);
  await site.locator("facet-ui").waitFor({ state: "attached" });
  await site.waitForFunction(() => !!document.querySelector("facet-ui")?.shadowRoot?.querySelector("h2")?.textContent);
  // Two alike siblings: the second one needs a position in its selector.
  const target = site.locator("#plans li").nth(1);
  await target.hover();
  await site.screenshot({ path: `${ARTIFACTS}/editor-highlight.png` });
  await target.click();
  await v.page.waitForFunction(() => (window as any).got.length > 0);
  const [msg] = await v.page.evaluate(() => (window as any).got);
  expect(msg.origin).toBe(host.origin);
  expect(msg.data).toMatchObject({ source: "facet-editor", type: "pick", matches: 1, text: "Pro" });
  const matched = await site.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent), msg.data.selector);
  expect(matched).toEqual(["Pro"]);
  // A unique id is preferred.
  await site.locator("#hero-cta").click();
  await v.page.waitForFunction(() => (window as any).got.length > 1);
  expect((await v.page.evaluate(() => (window as any).got))[1].data).toMatchObject({ type: "pick", selector: "#hero-cta", matches: 1 });
  expect(site.url()).toBe(`${host.origin}/`); // the picked link did not navigate
  await site.screenshot({ path: `${ARTIFACTS}/editor-picked.png` });
  await v.context.close();
});
