// Headless Chromium for the browser tests, kept off the network but for loopback.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { DB_NAME, STORE_NAME, slotsKey, storageKey } from "../../contract/storage";

/** Headless Chromium, off the network but for loopback; each of `loopback` (edge mode's hosts) resolves there too. */
export async function launch(...loopback: string[]): Promise<Browser> {
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
      `--host-resolver-rules=${loopback.map((h) => `MAP ${h} 127.0.0.1, `).join("")}MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
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

/** The values stored under `keys` in Facet's IndexedDB store, in this page's origin (undefined where missing). */
export const stored = (page: Page, keys: string[]): Promise<any[]> =>
  page.evaluate(
    ({ db, kv, keys }) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const s = open.result.transaction(kv).objectStore(kv);
          const got = keys.map((k) => s.get(k));
          s.transaction.oncomplete = () => (open.result.close(), resolve(got.map((g) => g.result)));
        };
      }),
    { db: DB_NAME, kv: STORE_NAME, keys },
  );

/** Moves the numeric `fields` of the entry stored under `key` back by `ms` (an older page view, an older fetch). */
export const backdate = (page: Page, key: string, fields: string[], ms: number) =>
  page.evaluate(
    ({ db, kv, key, fields, ms }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(kv, "readwrite");
          const store = tx.objectStore(kv);
          const get = store.get(key);
          get.onsuccess = () => store.put({ ...get.result, ...Object.fromEntries(fields.map((f) => [f, get.result[f] - ms])) }, key);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: DB_NAME, kv: STORE_NAME, key, fields, ms },
  );

/** Moves the visitor's last page view back in time so the next one starts a new visit (session). */
export const ageProfile = (page: Page, site: string, minutes: number) =>
  backdate(page, storageKey(site, "profile"), ["lastSeen", "firstSeen"], minutes * 60_000);

/** What one painted frame showed of a slot: its text, or "hidden" (visibility/opacity/display), or "missing". */
export type FrameState = string;

/**
 * Samples every frame from before the page's first paint (an init script): for each selector, the slot's text,
 * "hidden" (visibility/opacity/display) or "missing", and the page's path (`path`). A requestAnimationFrame callback resizes a probe element
 * each frame, and a ResizeObserver on it reads the slots: its callbacks run after every rAF callback and the
 * layout, right before the paint, so each sample is what that frame paints (a rAF callback alone would miss
 * what the page changed in the frame's other rAF callbacks, and see changes of tasks run since the paint).
 * Read with frames(); framesAfter(n) waits n more frames.
 */
export async function recordFrames(page: Page, selectors: string[]) {
  await page.addInitScript((sels: string[]) => {
    const w = window as unknown as { __frames: Record<string, string>[] };
    w.__frames = [];
    const state = (sel: string) => {
      const el = document.querySelector(sel) as HTMLElement | null;
      if (!el) return "missing";
      const cs = getComputedStyle(el);
      if (cs.visibility !== "visible" || cs.opacity === "0" || !el.getClientRects().length) return "hidden";
      for (let a = el.parentElement; a; a = a.parentElement) if (getComputedStyle(a).opacity === "0") return "hidden";
      return el.textContent!.trim();
    };
    const probe = document.createElement("i");
    probe.style.cssText = "position:fixed;top:0;left:0;height:1px;visibility:hidden;pointer-events:none";
    new ResizeObserver(() => w.__frames.push({ path: location.pathname, ...Object.fromEntries(sels.map((s) => [s, state(s)])) })).observe(
      probe,
    );
    let n = 0;
    const tick = () => {
      // The init script may run before the document has its root element: the probe joins it at the first frame.
      if (!probe.isConnected) document.documentElement?.appendChild(probe);
      probe.style.width = `${(++n % 2) + 1}px`;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, selectors);
}

export const frames = (page: Page): Promise<Record<string, FrameState>[]> => page.evaluate(() => (window as any).__frames);

/** Waits until `n` more frames were painted (frame counting, not a sleep). */
export const framesAfter = (page: Page, n: number) =>
  page
    .waitForFunction((target) => (window as any).__frames.length >= target, 0, { timeout: 10_000 })
    .then(async () => {
      const now = (await frames(page)).length;
      await page.waitForFunction((target) => (window as any).__frames.length >= target, now + n, { timeout: 10_000 });
      return frames(page);
    });

/**
 * Resolves once `check` answers true (asked again every 25 ms). For what only a promise answers in the page, such
 * as IndexedDB: page.waitForFunction takes a returned promise itself for a true answer and resolves at once.
 */
export async function until(check: () => Promise<unknown>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not there in ${timeoutMs} ms: ${check}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Resolves once `segment`'s content for `experience` is in the site's IndexedDB cache and the cache marker in
 * localStorage: what a repeat visit reads.
 */
export const cachedContent = (page: Page, site: string, experience: string, segment: string) =>
  until(
    async () =>
      !!(await stored(page, [storageKey(site, "content")]))[0]?.changes?.[experience]?.[segment] &&
      (await page.evaluate((k) => !!localStorage.getItem(k), slotsKey(site))),
  );

/**
 * An init script: slows IndexedDB's open by 700 ms (?slowidb, or ?slowidb=N for N ms) or breaks it (?brokenidb),
 * for this page view only.
 */
export const idbTrouble = () => {
  const real = indexedDB.open.bind(indexedDB);
  if (location.search.includes("brokenidb"))
    indexedDB.open = () => {
      throw new Error("IndexedDB is broken here");
    };
  if (location.search.includes("slowidb"))
    indexedDB.open = ((name: string, version?: number) => {
      const fake: any = {};
      setTimeout(
        () => {
          const r = real(name, version);
          r.onupgradeneeded = (e) => {
            fake.result = r.result;
            fake.onupgradeneeded?.(e);
          };
          r.onsuccess = (e) => {
            fake.result = r.result;
            fake.onsuccess?.(e);
          };
          r.onerror = (e) => {
            fake.error = r.error;
            fake.onerror?.(e);
          };
        },
        Number(/slowidb=(\d+)/.exec(location.search)?.[1] ?? 700),
      );
      return fake;
    }) as typeof indexedDB.open;
};
