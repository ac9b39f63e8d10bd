// The admin page in headless Chromium, from a fresh owner: log in through the form, create a site, build a
// segment with a nested group in the rule builder, create an experience with a text and an html change,
// publish after reading the diff, and see the public variants endpoint serve it. Screenshots of each screen
// go to test/artifacts/ (git-ignored) for a person to look at.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch } from "./browser";
import { admin } from "./admin";

const ART = "test/artifacts";
const suffix = Math.random().toString(36).slice(2, 8);
const email = `owner-${suffix}@example.test`;
const password = "a long enough password";
const key = `ui-${suffix}`;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ART, { recursive: true });
  browser = await launch();
  // The first owner of a deployment is made with the owner token, as docs/admin-api.md describes.
  await admin("POST", "/users", { email, password, role: "owner" });
});
afterAll(() => browser?.close());

const shot = (page: Page, name: string) => page.screenshot({ path: `${ART}/${name}.png`, fullPage: true });

/** Sets the rule at `path` (indexes of nested list items under the builder's root group). */
async function setRule(_page: Page, rule: ReturnType<Page["locator"]>, field: string, op: string, value?: string) {
  await rule.locator("select.field-pick").selectOption(field);
  await rule.locator("select").nth(1).selectOption({ label: op });
  if (value !== undefined) {
    const input = rule.locator(".value, select").last();
    if ((await input.evaluate((el) => el.tagName)) === "SELECT") await input.selectOption(value);
    else await input.fill(value);
  }
}

it("logs in, builds a site, a segment and an experience, publishes, and the variants endpoint serves it", async () => {
  const worker = inject("workerUrl");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Console errors aren't collected: the wrong password's 401 and the html preview's relative <img> log "Failed to load resource".

  // Login: a wrong password first shows the API's message, then the right one gets in.
  await page.goto(`${worker}/admin`);
  await page.waitForURL(/\/admin\/login\?next=%2Fadmin$/);
  await page.fill("#f-email", email);
  await page.fill("#f-password", "not the password");
  await page.click("button[type=submit]");
  await expect.poll(() => page.locator("#notice").textContent()).toContain("Wrong email or password");
  await shot(page, "login");
  await page.fill("#f-password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${worker}/admin`);

  // A site, and its install panel with the exact tag.
  await page.fill("#f-name", "UI test shop");
  await page.fill("#f-key", key);
  await page.fill("#f-origins", "https://shop.example.test");
  await page.click("text=Create site");
  await page.waitForURL(`${worker}/admin/sites/${key}`);
  expect(await page.locator("#install-tag").textContent()).toBe(`<script async src="${worker}/facet.js" data-site="${key}"></script>`);
  await shot(page, "site-install");

  // A segment: desktop AND (returning OR 3+ visits), built with a nested group.
  await page.click("text=Segments");
  await page.click("text=New segment");
  await page.fill("#f-name", "Engaged desktop visitors");
  await page.fill("#f-id", "engaged");
  await setRule(page, page.locator("#builder .rule").first(), "device.type", "is", "desktop");
  await page.click("#builder .depth-0 > .group-actions >> text=+ Add group");
  const inner = page.locator("#builder .depth-1");
  await setRule(page, inner.locator(".rule").first(), "visit.isReturning", "is", "true");
  await inner.locator("> .group-actions >> text=+ Add rule").click();
  await setRule(page, inner.locator(".rule").nth(1), "visit.count", "≥", "3");
  await expect.poll(() => page.locator("#kind").textContent()).toBe("mixed");
  await page.click("[data-mode=json]");
  expect(JSON.parse(await page.locator("#condition-json").inputValue())).toEqual({
    "device.type": "desktop",
    $or: [{ "visit.isReturning": true }, { "visit.count": { $gte: 3 } }],
  });
  await page.click("[data-mode=builder]");
  expect(await page.locator("#test-result").textContent()).toContain("✓ Match");
  await shot(page, "segment-builder");
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot(page, "segment-builder-768");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click("text=Create segment");
  await page.waitForURL(`${worker}/admin/sites/${key}/segments/engaged`);
  expect(await page.locator("#notice").textContent()).toContain("Segment created");

  // An experience with a text and an html change; the sanitized html is shown back.
  await page.goto(`${worker}/admin/sites/${key}/experiences/new`);
  await page.fill("#f-name", "Hero for engaged visitors");
  await page.fill("#f-id", "hero");
  await page.fill("#f-pages", "/\n/pricing");
  await page.fill("#url-test", "https://shop.example.test/pricing");
  expect(await page.locator("#url-test-result").textContent()).toBe("✓ Matches /pricing");
  await page.click("#add-variant");
  const variant = page.locator(".variant").first();
  await variant.locator(".change").first().getByLabel("Element (CSS selector)").fill("#hero-headline");
  await variant.locator(".change").first().getByLabel("New text").fill("Welcome back, power user");
  await variant.locator("text=+ Add change").click();
  await variant.locator(".change").nth(1).getByLabel("Change", { exact: true }).selectOption("html");
  await variant.locator(".change").nth(1).getByLabel("Element (CSS selector)").fill("#announcement-bar");
  await variant.locator(".change").nth(1).getByLabel("New HTML").fill('<strong>New:</strong> faster <img src="x" onerror="alert(1)">sync');
  await page.click("text=Create experience");
  await expect.poll(() => page.locator("#notice").textContent()).toContain("Saved (version 1)");
  expect(page.url()).toBe(`${worker}/admin/sites/${key}/experiences/hero`);
  expect(await page.locator(".sanitized pre.from").textContent()).toContain("onerror");
  expect(await page.locator(".sanitized pre:not(.from)").textContent()).toBe('<strong>New:</strong> faster <img src="x">sync');
  await shot(page, "experience-editor");

  // Publish: the diff first, then the button, the stated staleness, and the history.
  await page.click("text=Publish >> nth=0");
  await page.waitForURL(`${worker}/admin/sites/${key}/publish`);
  expect(await page.locator(".diff").first().textContent()).toContain("Engaged desktop visitors");
  expect(await page.locator("#staleness").textContent()).toContain("within about a minute");
  await shot(page, "publish-diff");
  await page.click("button:text-is('Publish')");
  await expect.poll(() => page.locator("#notice").textContent()).toContain("Published.");
  expect(await page.locator("#history").textContent()).toContain(email);
  await shot(page, "publish-history");
  // The screens render in the browser: the title follows the screen, and an API refusal is the error screen.
  expect(await page.title()).toBe("Publish · Facet admin");
  await page.goto(`${worker}/admin/sites/${key}-missing`);
  await expect.poll(() => page.locator("main h1").textContent()).toBe("Not found");
  expect(await page.title()).toBe("Not available · Facet admin");
  expect(await page.getAttribute("html", "data-status")).toBe("404");
  expect(errors).toEqual([]);

  // What visitors get: the published variant, from the public endpoint.
  const res = await fetch(`${worker}/v1/sites/${key}/variants?segments=engaged`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { v: number; changes: Record<string, Record<string, { type: string; value?: string }[]>> };
  expect(body.v).toBe(1);
  expect(body.changes.hero?.engaged?.map((c) => c.type)).toEqual(["text", "html"]);
  expect(body.changes.hero?.engaged?.[0]?.value).toBe("Welcome back, power user");
  expect(body.changes.hero?.engaged?.[1]?.value).not.toContain("onerror");
  await context.close();
});
