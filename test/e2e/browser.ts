// Headless Chromium for the browser tests, kept off the network but for loopback.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { DB_NAME, STORE_NAME, storageKey } from "../../contract/storage";

export async function launch(): Promise<Browser> {
  const executablePath = process.env.FACET_CHROMIUM ?? "/usr/bin/chromium";
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** console.warn/error texts and uncaught page errors seen so far. */
  warnings: string[];
  pageErrors: string[];
  /** Facet API requests the page made, in order, with the time they were sent. */
  apiRequests: { url: string; at: number }[];
}

/** A fresh visitor: its own browser context, so its own IndexedDB. */
export async function newVisitor(
  browser: Browser,
  init?: (ctx: BrowserContext) => Promise<unknown>,
  options?: BrowserContextOptions,
): Promise<Visit> {
  const context = await browser.newContext(options);
  if (init) await init(context);
  const page = await context.newPage();
  const v: Visit = { context, page, warnings: [], pageErrors: [], apiRequests: [] };
  watch(v, page);
  return v;
}

export function watch(v: Visit, page: Page) {
  page.on("console", (m) => (m.type() === "warning" || m.type() === "error") && v.warnings.push(m.text()));
  page.on("pageerror", (e) => v.pageErrors.push(String(e)));
  page.on("request", (r) => r.url().includes("/v1/sites/") && v.apiRequests.push({ url: r.url(), at: Date.now() }));
}

export interface ReadyInfo {
  segments: string[];
  applied: { experience: string; segment: string }[];
  source: "cache" | "network" | "none";
}

/** Waits for Facet's decision on this page (facet.ready), via the public queue API. */
export function facetReady(page: Page, timeoutMs = 15_000): Promise<ReadyInfo> {
  return page.evaluate(
    (ms) =>
      new Promise<ReadyInfo>((resolve, reject) => {
        const w = window as unknown as { facet?: unknown[] | { push: (c: unknown[]) => void } };
        w.facet = w.facet || [];
        w.facet.push(["ready", resolve]);
        setTimeout(() => reject(new Error("facet.ready did not fire")), ms);
      }),
    timeoutMs,
  );
}

export const text = (page: Page, selector: string) => page.locator(selector).innerText();

/** Moves the visitor's last page view back in time so the next one starts a new visit (session). */
export async function ageProfile(page: Page, site: string, minutes: number) {
  await page.evaluate(
    ({ db, kv, key, minutes }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(kv, "readwrite");
          const store = tx.objectStore(kv);
          const get = store.get(key);
          get.onsuccess = () => {
            const p = get.result;
            p.lastSeen -= minutes * 60_000;
            p.firstSeen -= minutes * 60_000;
            store.put(p, key);
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: DB_NAME, kv: STORE_NAME, key: storageKey(site, "profile"), minutes },
  );
}
