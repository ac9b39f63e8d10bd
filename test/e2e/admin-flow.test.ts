// The acceptance test 1, in headless Chromium: a marketer with a new site logs in, creates the site,
// builds a segment with nested groups, makes an experience with text, html, insert and token changes using
// the element picker on their own page (another origin), previews it there, publishes, sees it as a matching
// visitor, rolls back, and the same visitor sees the original page again. Screenshots go to test/artifacts/.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { DB_NAME, STORE_NAME, storageKey } from "../../contract/storage";
import { facetReady, launch, newVisitor, text } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

const ART = "test/artifacts";
const suffix = Math.random().toString(36).slice(2, 8);
const email = `flow-${suffix}@example.test`;
const password = "a long enough password";
const key = `flow-${suffix}`;
let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(ART, { recursive: true });
  browser = await launch();
  host = await startHost(pages);
  pages["/"] = landingPage(tag(`${inject("workerUrl")}/facet.js`, key));
  await admin("POST", "/users", { email, password, role: "owner" });
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${ART}/${name}.png`, fullPage: true });
const notice = (page: Page) => page.locator("#notice").textContent();

async function setRule(rule: Locator, field: string, op: string, value: string, name?: string) {
  await rule.locator("select.field-pick").selectOption(field);
  if (name) await rule.locator(".free-name").fill(name);
  await rule.locator("select").nth(1).selectOption({ label: op });
  await rule.locator(".value").last().fill(value);
}

/** The cached config's version and fetch time on the visitor's device. */
const cachedConfig = (page: Page) =>
  page.evaluate(
    ({ db, kv, k }) =>
      new Promise<{ v: number; t: number } | undefined>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction(kv).objectStore(kv).get(k);
          get.onsuccess = () => resolve(get.result && { v: get.result.v, t: get.result.t });
        };
      }),
    { db: DB_NAME, kv: STORE_NAME, k: storageKey(key, "config") },
  );

/** Moves the cached config's fetch time `ms` into the past (what a minute of waiting would do). */
const ageConfig = (page: Page, ms: number) =>
  page.evaluate(
    ({ db, kv, k, ms }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onsuccess = () => {
          const tx = open.result.transaction(kv, "readwrite");
          const store = tx.objectStore(kv);
          const get = store.get(k);
          get.onsuccess = () => store.put({ ...get.result, t: get.result.t - ms }, k);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: DB_NAME, kv: STORE_NAME, k: storageKey(key, "config"), ms },
  );

it("from login to publish and rollback, with the picker and a preview on the marketer's own site", async () => {
  const worker = inject("workerUrl");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  // Log in, create the site with the customer's origin.
  await page.goto(`${worker}/admin/login`);
  await page.fill("#f-email", email);
  await page.fill("#f-password", password);
  await page.click("button[type=submit]");
  await page.waitForURL(`${worker}/admin`);
  await page.fill("#f-name", "Spring shop");
  await page.fill("#f-key", key);
  await page.fill("#f-origins", host.origin);
  await page.click("text=Create site");
  await page.waitForURL(`${worker}/admin/sites/${key}`);
  expect(await page.locator("#install-seen").textContent()).toContain("Not seen yet");

  // Segment: visited at least once AND (utm.source is spring-mail OR page.query.ref is partner).
  await page.goto(`${worker}/admin/sites/${key}/segments/new`);
  await page.fill("#f-name", "Spring campaign");
  await page.fill("#f-id", "spring");
  await setRule(page.locator("#builder .rule").first(), "visit.count", "≥", "1");
  await page.click("#builder .depth-0 > .group-actions >> text=+ Add group");
  const inner = page.locator("#builder .depth-1");
  await inner.locator("select").first().selectOption("any");
  await setRule(inner.locator(".rule").first(), "utm.*", "is", "spring-mail", "source");
  await inner.locator("> .group-actions >> text=+ Add rule").click();
  await setRule(inner.locator(".rule").nth(1), "page.query.*", "is", "partner", "ref");
  await page.click("[data-mode=json]");
  expect(JSON.parse(await page.locator("#condition-json").inputValue())).toEqual({
    "visit.count": { $gte: 1 },
    $or: [{ "utm.source": "spring-mail" }, { "page.query.ref": "partner" }],
  });
  await page.click("[data-mode=builder]");
  await shot(page, "flow-segment-builder");
  await page.click("text=Create segment");
  await page.waitForURL(`${worker}/admin/sites/${key}/segments/spring`);

  // The site goes live once with nothing changed yet: version 1, what a rollback returns to.
  await page.goto(`${worker}/admin/sites/${key}/publish`);
  await page.click("button:text-is('Publish')");
  await expect.poll(() => notice(page)).toContain("Published.");

  // The experience: first an html change typed by hand, saved (links open a saved experience).
  await page.goto(`${worker}/admin/sites/${key}/experiences/new`);
  await page.fill("#f-name", "Spring hero");
  await page.fill("#f-id", "spring-hero");
  await page.fill("#f-pages", "/");
  expect(await page.locator("#site-url").inputValue()).toBe(`${host.origin}/`);
  await page.click("#add-variant");
  const variant = page.locator(".variant").first();
  const change = (i: number) => variant.locator(".change").nth(i);
  await change(0).getByLabel("Change", { exact: true }).selectOption("html");
  await change(0).getByLabel("Element (CSS selector)").fill("#hero-subheadline");
  await change(0).getByLabel("New HTML").fill("<strong>20% off</strong> everything");
  await page.click("text=Create experience");
  await expect.poll(() => notice(page)).toContain("Saved (version 1)");

  // A text change with a token, its element picked on the customer's page (another origin, in a popup).
  await variant.locator("text=+ Add change").click();
  await change(1).getByLabel("New text").fill("Hi {{company.name|there}}, spring sale is on");
  const [picker] = await Promise.all([context.waitForEvent("page"), change(1).getByText("Pick on my site").click()]);
  await picker.waitForFunction(() => !!document.querySelector("facet-ui")?.shadowRoot?.querySelector("h2")?.textContent);
  expect(new URL(picker.url()).origin).toBe(host.origin);
  await picker.locator("#hero-headline").hover();
  await shot(picker, "flow-picker");
  await picker.locator("#hero-headline").click();
  await expect.poll(() => change(1).getByLabel("Element (CSS selector)").inputValue()).toBe("#hero-headline");
  expect(await notice(page)).toContain("matches 1 element");

  // An insert change with a browser token, after the sign-up button, picked in the same picker tab.
  await variant.locator("text=+ Add change").click();
  await change(2).getByLabel("Change", { exact: true }).selectOption("insert");
  await change(2).getByText("Pick on my site").click();
  await picker.locator("#hero-cta").click();
  await expect.poll(() => change(2).getByLabel("Element (CSS selector)").inputValue()).toBe("#hero-cta");
  await change(2).getByLabel("Where").selectOption("after");
  await change(2).getByLabel("HTML to insert").fill('<p class="spring-note">Offer for {{utm.source|you}}</p>');
  await page.click("text=Save experience");
  await expect.poll(() => notice(page)).toContain("Saved (version 2)");
  await shot(page, "flow-experience-editor");
  await picker.close();

  // Preview on the customer's page: the saved draft for the segment, with the preview bar.
  const [preview] = await Promise.all([context.waitForEvent("page"), variant.getByText("Preview on my site").click()]);
  const bar = preview.locator("facet-ui #bar");
  await bar.waitFor();
  expect(await bar.innerText()).toContain("Spring hero × spring");
  expect(await text(preview, "#hero-headline")).toBe("Hi there, spring sale is on");
  expect(await text(preview, ".spring-note")).toBe("Offer for you");
  await shot(preview, "flow-preview-bar");
  await preview.close();

  // Publish (version 2), then a matching visitor sees the new content.
  await page.goto(`${worker}/admin/sites/${key}/publish`);
  await page.click("button:text-is('Publish')");
  await expect.poll(() => notice(page)).toContain("Published.");
  const v = await newVisitor(browser);
  const landing = `${host.origin}/?utm_source=spring-mail`;
  await v.page.goto(landing);
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "spring-hero", segment: "spring" }]);
  expect(await text(v.page, "#hero-headline")).toBe("Hi there, spring sale is on");
  expect(await v.page.locator("#hero-subheadline").innerHTML()).toBe("<strong>20% off</strong> everything");
  expect(await text(v.page, ".spring-note")).toBe("Offer for spring-mail");

  // Roll back to version 1 (published as version 3).
  await page.click("button:text-is('Roll back to v1')");
  await expect.poll(() => notice(page)).toContain("Rolled back to v1");
  // README: a returning visitor's cached config is re-checked once it is over 60 s old. Instead of waiting a
  // minute, the cached config's fetch time `t` is moved 61 s back (as browser.ts ageProfile does for visits).
  await ageConfig(v.page, 61_000);
  // First reload: shown from the cache (still version 2), revalidated in the background…
  await v.page.reload();
  await facetReady(v.page);
  await expect.poll(() => cachedConfig(v.page).then((c) => c?.v)).toBe(3);
  // …second reload: the rolled-back page.
  await v.page.reload();
  expect((await facetReady(v.page)).applied).toEqual([]);
  expect(await text(v.page, "#hero-headline")).toBe("Original headline");
  expect(await v.page.locator(".spring-note").count()).toBe(0);
  expect(v.pageErrors).toEqual([]);

  // Check installation: the visitor's page views on the customer's origin were noted.
  await page.goto(`${worker}/admin/sites/${key}`);
  await page.click("text=Check installation");
  await expect.poll(() => page.locator("#install-seen").textContent()).toContain(`Seen on ${host.origin}`);
  expect(errors).toEqual([]);
  await v.context.close();
  await context.close();
});
