// Flicker, side by side (issue 9): the same landing page with Facet's tag forms and with GrowthBook's script
// tag, in headless Chromium with 100 ms emulated round trips, at normal and 4× throttled CPU, first and repeat
// visit, runs interleaved. Each frame is sampled (a rAF-driven ResizeObserver, test/e2e/browser.ts' method:
// what that frame paints) for the slot's state and whether the whole page is hidden; requests before the
// content are counted from the DevTools protocol's initiators, and the DevTools screencast is recorded to confirm
// the frame counts (test/e2e/screencast.ts). A benchmark: nothing here fails on a timing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import type { Browser } from "playwright-core";
import { findChromium } from "../scripts/chromium.mjs";
import { adminCall } from "../scripts/seed.mjs";
import { applyMigrations, startWorker as startWranglerDev } from "../scripts/wrangler.mjs";
import { prehide } from "../contract/prehide";
import { depth, initiators, type Sent } from "../test/e2e/initiators";
import { recordScreencast } from "../test/e2e/screencast";
import { DEFAULT_TEXT, EDGE_HOST, GB_SCRIPT, PERSONAL_TEXT, SITE, SLOT, VARIANTS, pathOf, startHost, type Variant } from "./flicker-pages";

const startWorker = startWranglerDev as (o: {
  persistTo: string;
  vars: Record<string, string>;
}) => Promise<{ url: string; stop: () => Promise<void> }>;
export const RTT_MS = 100;
export const CPUS = [1, 4] as const;
export const VISITS = ["first", "repeat"] as const;
const TOKEN = "bench-owner-token-0123456789";

export interface Visit {
  /** ms from navigation start to the document's first byte (responseStart). */
  ttfb: number;
  /** ms from navigation start to the first frame painting the personalized slot (NaN: never, within 5 s). */
  ttp: number;
  /** Frames painted with the slot's default text before it. */
  defaultFrames: number;
  /** ms during which the slot (or the page) was hidden, and which. */
  hiddenMs: number;
  hidden: "page" | "slot" | "none";
  /** The longest chain of requests after the HTML sent before the content painted. */
  sequential: number;
  cls: number;
  /** Screencast frames received for the visit, and how many showed the slot's default (red) block. */
  screencastFrames: number;
  screencastDefault: number;
}
export type FlickerResult = {
  runs: number;
  rttMs: number;
  scriptGzip: Record<string, number>;
  cells: { variant: Variant; cpu: number; visit: string; visits: Visit[] }[];
};

interface Frame {
  t: number;
  /** The slot's text, "hidden" or "missing". */
  s: string;
  /** The whole page hidden (opacity or visibility of <html>/<body>). */
  page: boolean;
}

/** The page's init script: every frame as painted (see test/e2e/browser.ts recordFrames), and layout shifts. */
/** What the init script keeps on the page's window. */
interface Sampled {
  __frames: Frame[];
  __cls: number;
}

function sampler({ slot }: { slot: string }) {
  const w = window as unknown as Sampled;
  w.__frames = [];
  w.__cls = 0;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries() as unknown as { hadRecentInput: boolean; value: number }[]) if (!e.hadRecentInput) w.__cls += e.value;
  }).observe({
    type: "layout-shift",
    buffered: true,
  });
  const hiddenBy = (cs: CSSStyleDeclaration) => cs.visibility !== "visible" || cs.opacity === "0";
  const probe = document.createElement("i");
  probe.style.cssText = "position:fixed;top:0;left:0;height:1px;visibility:hidden;pointer-events:none";
  new ResizeObserver(() => {
    const el = document.querySelector(slot) as HTMLElement | null;
    const page =
      hiddenBy(getComputedStyle(document.documentElement)) || (!!document.body && getComputedStyle(document.body).opacity === "0");
    const s = !el ? "missing" : hiddenBy(getComputedStyle(el)) || !el.getClientRects().length ? "hidden" : el.textContent!.trim();
    w.__frames.push({ t: performance.now(), s, page });
  }).observe(probe);
  let n = 0;
  const tick = () => {
    if (!probe.isConnected) document.documentElement?.appendChild(probe);
    probe.style.width = `${(++n % 2) + 1}px`;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function measure(browser: Browser, url: string, cpu: number, warm: boolean): Promise<Visit> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const sent = await initiators(cdp);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: RTT_MS, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
    await page.addInitScript(sampler, { slot: SLOT });
    const cast = await recordScreencast(page, cdp);
    if (warm) {
      await page.goto(url);
      await page
        .waitForFunction((t) => document.querySelector("#hero-headline")?.textContent === t, PERSONAL_TEXT, { timeout: 10_000 })
        .catch(() => {});
      await page.waitForTimeout(500); // the caches are written after the swap (IndexedDB, localStorage)
      sent.length = 0;
      cast.reset(); // the warm-up's frames: all painted 500 ms ago, none is still in flight
    }
    await page.goto(url);
    await page
      .waitForFunction(
        (t) =>
          document.querySelector("#hero-headline")?.textContent === t &&
          getComputedStyle(document.querySelector("#hero-headline")!).visibility === "visible",
        PERSONAL_TEXT,
        { timeout: 5_000 },
      )
      .catch(() => {});
    const n = await page.evaluate(() => (window as unknown as Sampled).__frames.length);
    await page.waitForFunction((k) => (window as unknown as Sampled).__frames.length > k + 3, n, { timeout: 5_000 }).catch(() => {});
    // Frames arrive in order: once one shows the personalized block, none showing the default is in flight.
    await cast.until("personalized", 2_000).catch(() => {});
    const shot = await cast.stop();
    const { frames, cls, origin, ttfb } = await page.evaluate(() => ({
      frames: (window as unknown as Sampled).__frames,
      cls: (window as unknown as Sampled).__cls,
      origin: performance.timeOrigin,
      ttfb: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.responseStart ?? NaN,
    }));
    return {
      ttfb,
      screencastFrames: shot.length,
      screencastDefault: shot.filter((f) => f.shown === "default").length,
      ...summarizeVisit(
        frames,
        cls,
        sent.filter((s) => s.at >= origin),
        origin,
      ),
    };
  } finally {
    await context.close();
  }
}

function summarizeVisit(
  frames: Frame[],
  cls: number,
  sent: Sent[],
  origin: number,
): Omit<Visit, "ttfb" | "screencastFrames" | "screencastDefault"> {
  const first = frames.findIndex((f) => f.s === PERSONAL_TEXT && !f.page);
  const until = first < 0 ? frames.length : first;
  let defaultFrames = 0;
  let hiddenMs = 0;
  let hidden = "none" as Visit["hidden"];
  for (let i = 0; i < until; i++) {
    const f = frames[i]!;
    if (f.s === DEFAULT_TEXT && !f.page) defaultFrames++;
    // Hidden: the slot, or the whole page (GrowthBook hides <html> from its first frame).
    if (f.s === "hidden" || f.page) {
      hiddenMs += (frames[i + 1]?.t ?? f.t) - f.t;
      hidden = f.page || hidden === "page" ? "page" : "slot";
    }
  }
  const ttp = first < 0 ? NaN : frames[first]!.t;
  const before = sent.filter((s) => s.at <= origin + (Number.isNaN(ttp) ? Infinity : ttp));
  const sequential = Math.max(0, ...before.map((s) => depth(before, s.url)));
  return { ttp, defaultFrames, hiddenMs, hidden, sequential, cls };
}

export async function benchFlicker(o: { runs?: number; log: (l: string) => void }): Promise<FlickerResult> {
  const runs = o.runs ?? Number(process.env.FACET_BENCH_FLICKER_RUNS || 15);
  const dir = mkdtempSync(join(tmpdir(), "facet-flicker-"));
  applyMigrations(dir);
  let workerUrl = "";
  const host = await startHost(() => workerUrl);
  const worker = await startWorker({
    persistTo: dir,
    vars: {
      ADMIN_TOKEN: TOKEN,
      SIGNING_SECRET: "bench-signing-secret-0123456789",
      FACET_DEV: "true",
      FACET_RATE_LIMITS: "off",
      // Edge mode in front of the host: the same page, personalized in the stream.
      FACET_EDGE: JSON.stringify({ [EDGE_HOST]: { site: SITE, origin: host.origin } }),
    },
  });
  workerUrl = worker.url;
  // Chromium resolves *.localhost to loopback: the page through edge mode, on the Worker's port.
  const edgeOrigin = worker.url.replace("127.0.0.1", EDGE_HOST);
  // Loaded from the project at run time: bundled into the benchmark, playwright-core breaks (dynamic requires).
  const { chromium } = createRequire(join(process.cwd(), "package.json"))("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({
    executablePath: findChromium() ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const call = (method: string, path: string, body?: unknown) => adminCall(worker.url, TOKEN, method, path, body);
    await call("POST", "/sites", { key: SITE, name: SITE, origins: [host.origin, edgeOrigin] });
    await call("POST", `/sites/${SITE}/segments`, { id: "everyone", name: "Everyone", condition: { "page.path": { $regex: "^/" } } });
    await call("POST", `/sites/${SITE}/experiences`, {
      id: "hero",
      name: "Hero",
      variants: [{ segment: "everyone", changes: [{ type: "text", selector: SLOT, value: PERSONAL_TEXT }] }],
    });
    await call("POST", `/sites/${SITE}/publish`);
    const upgraded = await (await fetch(`${worker.url}/v1/sites/${SITE}/facet.js`)).text();
    const snippet = await (await fetch(`${worker.url}/facet.js`)).text();
    const gz = (s: string) => gzipSync(s, { level: 9 }).length;
    const scriptGzip = {
      "facet.js": gz(snippet),
      "pre-hide (inline)": gz(prehide(SITE)),
      "upgraded facet.js (snippet + config)": gz(upgraded),
      "growthbook auto.min.js": gz(GB_SCRIPT),
    };
    const cells = VARIANTS.flatMap((variant) =>
      CPUS.flatMap((cpu) => VISITS.map((visit) => ({ variant, cpu, visit, visits: [] as Visit[] }))),
    );
    for (let r = 0; r < runs; r++) {
      o.log(`flicker: round ${r + 1}/${runs}`);
      // Interleaved: every cell once per round, the variants' order rotating.
      for (const cpu of CPUS)
        for (const visit of VISITS)
          for (let i = 0; i < VARIANTS.length; i++) {
            const variant = VARIANTS[(i + r) % VARIANTS.length]!;
            cells
              .find((c) => c.variant === variant && c.cpu === cpu && c.visit === visit)!
              .visits.push(
                await measure(
                  browser,
                  (variant === "edge + facet tag" ? edgeOrigin : host.origin) + pathOf(variant),
                  cpu,
                  visit === "repeat",
                ),
              );
          }
    }
    return { runs, rttMs: RTT_MS, scriptGzip, cells };
  } finally {
    await browser.close();
    await host.close();
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
