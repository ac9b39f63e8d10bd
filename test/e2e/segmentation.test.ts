// All six kinds of segment, end to end in Chromium with dev simulation: each visitor sees their
// segment's content, a visitor in none sees the original, and track()/identify()/SPA navigation
// re-decide without a reload.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { facetReady, launch, newVisitor, text, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

/** A phone visitor: Playwright's iPhone-like settings with Safari's user agent. */
const IPHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
};

let browser: Browser;
let host: Host;
const key = `seg-${Math.random().toString(36).slice(2, 8)}`;
const pages: Record<string, string> = {};

// Highest priority first; each visitor below belongs to exactly one of these.
const SEGMENTS: [id: string, kind: string, condition: Record<string, unknown>][] = [
  ["ranges-company", "firmographic", { "company.name": "Umbrella Corp", "company.source": "ranges" }],
  ["provider-company", "firmographic", { "company.domain": "initech.example", "company.source": "provider" }],
  ["isp", "firmographic", { "company.type": "isp" }],
  ["berlin", "geographic", { "geo.country": "DE", "geo.city": "Berlin" }],
  ["mobile", "technographic", { "device.type": "mobile" }],
  ["demo-request", "behavioral", { "events.demo_request.count": { $gte: 1 } }],
  ["developer", "demographic", { "traits.role": "developer" }],
  ["security-reader", "psychographic", { "interests.security": { $gte: 2.5 } }],
];
const headline = (segment: string) => `Hello, ${segment} visitor`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  const t = tag(`${inject("workerUrl")}/facet.js`, key);
  // The tag's page, with a link the test clicks like a visitor would and an SPA-style route change.
  const page = landingPage(t).replace(
    "</body>",
    `<a id="spa-pricing" href="/pricing" onclick="event.preventDefault();history.pushState({}, '', '/pricing')">Pricing</a></body>`,
  );
  for (const path of ["/", "/pricing", "/blog/security/one", "/blog/security/two", "/blog/security/three", "/blog/culture/one"])
    pages[path] = page;

  await admin("POST", "/sites", { key, name: "Segmentation", origins: [host.origin] });
  await admin("POST", "/company-ranges", {
    ranges: [{ cidr: "198.18.5.0/24", name: "Umbrella Corp", domain: "umbrella.example", industry: "Pharmaceuticals" }],
  });
  for (const [i, [id, kind, condition]] of SEGMENTS.entries()) {
    await admin("POST", `/sites/${key}/segments`, { id, name: id, kind, condition, priority: 100 - i });
  }
  await admin("PUT", `/sites/${key}/topics`, { topics: [{ topic: "security", pages: ["/blog/security/*"] }] });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    pages: ["/", "/blog/*"],
    variants: SEGMENTS.map(([id]) => ({ segment: id, changes: [{ type: "text", selector: "#hero-headline", value: headline(id) }] })),
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Dev simulation for a cross-origin page: the header the Worker reads, added by the browser's network layer. */
async function simulate(page: Page, sim: string) {
  await page.route("**/v1/sites/*/context*", (route) =>
    route.continue({ headers: { ...route.request().headers(), "x-facet-simulate": sim } }),
  );
}

async function visitor(sim?: string, options?: BrowserContextOptions): Promise<Visit> {
  const v = await newVisitor(browser, undefined, options);
  if (sim) await simulate(v.page, sim);
  return v;
}

async function expectSegment(v: Visit, segment: string | null) {
  const info = await facetReady(v.page);
  expect(await text(v.page, "#hero-headline")).toBe(segment ? headline(segment) : "Original headline");
  expect(info.applied).toEqual(segment ? [{ experience: "hero", segment }] : []);
  expect(v.pageErrors).toEqual([]);
}

describe("each kind of segment", () => {
  it("a visitor from a company IP range (firmographic: ranges)", async () => {
    const v = await visitor("ip=198.18.5.77");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "ranges-company");
    await v.context.close();
  });

  it("a visitor resolved through the IP-data provider (firmographic: provider)", async () => {
    const v = await visitor("ip=192.0.2.55");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "provider-company");
    await v.context.close();
  });

  it("a visitor from an ISP's network (firmographic: ASN, not a company)", async () => {
    const v = await visitor("asn=7922&asOrg=Comcast Cable Communications");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "isp");
    await v.context.close();
  });

  it("a visitor from Berlin (geographic)", async () => {
    const v = await visitor("country=DE&city=Berlin");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "berlin");
    await v.context.close();
  });

  it("a visitor on a phone (technographic)", async () => {
    const v = await visitor(undefined, IPHONE);
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "mobile");
    await v.context.close();
  });

  it("a visitor who fired facet.track('demo_request') (behavioral), without a reload", async () => {
    const v = await visitor();
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, null);
    await v.page.evaluate(() => ((window as any).notReloaded = true));
    await v.page.evaluate(() => (window as any).facet.track("demo_request", { plan: "team" }));
    await v.page.waitForFunction((h) => document.querySelector("#hero-headline")?.textContent === h, headline("demo-request"));
    expect(await v.page.evaluate(() => (window as any).notReloaded)).toBe(true);
    expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual(["demo-request"]);
    // It is remembered on the device: the next page view starts in the segment.
    await v.page.reload();
    await expectSegment(v, "demo-request");
    await v.context.close();
  });

  it("a visitor who called identify({role: 'developer'}) (first-party), without a reload", async () => {
    const v = await visitor();
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, null);
    await v.page.evaluate(() => (window as any).facet.identify({ role: "developer" }));
    await v.page.waitForFunction((h) => document.querySelector("#hero-headline")?.textContent === h, headline("developer"));
    await v.context.close();
  });

  it("a visitor who read three security articles (psychographic)", async () => {
    const v = await visitor();
    await v.page.goto(`${host.origin}/blog/culture/one`);
    await expectSegment(v, null);
    for (const n of ["one", "two"]) {
      await v.page.goto(`${host.origin}/blog/security/${n}`);
      await expectSegment(v, null);
    }
    await v.page.goto(`${host.origin}/blog/security/three`);
    await expectSegment(v, "security-reader");
    await v.context.close();
  });

  it("a visitor in none of them sees the original", async () => {
    const v = await visitor("ip=203.0.113.250&country=FR&city=Paris");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, null);
    await v.context.close();
  });
});

describe("real time", () => {
  it("reverts an experience when an SPA navigates to a page it doesn't target, and re-applies on the way back", async () => {
    const v = await visitor("country=DE&city=Berlin");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "berlin");
    await v.page.click("#spa-pricing");
    await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Original headline");
    expect(v.page.url()).toBe(`${host.origin}/pricing`);
    await v.page.goBack();
    await v.page.waitForFunction((h) => document.querySelector("#hero-headline")?.textContent === h, headline("berlin"));
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("only segment ids leave the device: no request carries the profile, events or traits", async () => {
    const v = await visitor();
    const sent: string[] = [];
    v.page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));
    await v.page.goto(`${host.origin}/`);
    await facetReady(v.page);
    await v.page.evaluate(() => (window as any).facet.identify({ role: "developer", email_hint: "sensitive-trait-value" }));
    await v.page.evaluate(() => (window as any).facet.track("secret_event_name"));
    await v.page.waitForFunction((h) => document.querySelector("#hero-headline")?.textContent === h, headline("developer"));
    const facetRequests = sent.filter((s) => s.includes("/v1/sites/"));
    expect(facetRequests.some((s) => s.includes("segments=developer"))).toBe(true);
    for (const s of facetRequests) {
      expect(s).not.toMatch(/sensitive-trait-value|secret_event_name|role|visit|pages|referrer/);
    }
    await v.context.close();
  });
});

/** Every value Facet keeps in this page's IndexedDB, by key. */
function storedRecords(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open("facet");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction("kv").objectStore("kv");
          const out: Record<string, unknown> = {};
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return resolve(out);
            out[String(c.key)] = c.value;
            c.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        };
      }),
  );
}

/** Replaces the cached context with one of the shape /context answered before it classified the device: by
 * default the earliest, which also held the company and geo; with `withoutDevice`, the one in between. */
function plantOldContext(page: Page, site: string, withoutDevice = false): Promise<void> {
  return page.evaluate(
    ({ site, withoutDevice }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("facet");
        open.onsuccess = () => {
          const tx = open.result.transaction("kv", "readwrite");
          const store = tx.objectStore("kv");
          const get = store.get(`${site}:context`);
          get.onsuccess = () => {
            const company = { name: "Umbrella Corp", domain: "umbrella.example", industry: "Pharmaceuticals", inAccountList: true };
            const { device: _, ...before } = get.result;
            if (withoutDevice) store.put(before, `${site}:context`);
            else
              store.put(
                { ...before, geo: { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.4 }, company },
                `${site}:context`,
              );
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { site, withoutDevice },
  );
}

describe("what the device keeps", () => {
  const LEAKS = /Umbrella|umbrella\.example|Pharmaceuticals|inAccountList|latitude|Berlin|"geo"|"company"/;

  it("stores no company record, account-list membership or geography in IndexedDB, only references' results", async () => {
    const v = await visitor("ip=198.18.5.77&city=Berlin&country=DE");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "ranges-company");
    const stored = await storedRecords(v.page);
    expect(Object.keys(stored).sort()).toEqual(["config", "content", "context", "profile"].map((k) => `${key}:${k}`));
    expect(Object.keys(stored[`${key}:context`] as object).sort()).toEqual(["device", "expires", "server", "token", "v"]);
    expect(JSON.stringify(stored)).not.toMatch(LEAKS);
    await v.context.close();
  });

  it("replaces a context cached with company and geo by an earlier version on the next page view", async () => {
    const v = await visitor("ip=198.18.5.77");
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "ranges-company");
    await plantOldContext(v.page, key);
    expect(JSON.stringify(await storedRecords(v.page))).toMatch(LEAKS);
    await v.page.reload();
    await expectSegment(v, "ranges-company");
    // The fresh context is written once it has arrived: wait for that write.
    const contextKeys = async () => Object.keys((await storedRecords(v.page))[`${key}:context`] as object).sort();
    await expect.poll(contextKeys, { timeout: 10_000 }).toEqual(["device", "expires", "server", "token", "v"]);
    expect(JSON.stringify(await storedRecords(v.page))).not.toMatch(LEAKS);
    await v.context.close();
  });

  it("fetches a new context on the next page view when the cached one has no device (cached before the Worker classified it)", async () => {
    const v = await visitor(undefined, IPHONE);
    await v.page.goto(`${host.origin}/`);
    await expectSegment(v, "mobile");
    await plantOldContext(v.page, key, true);
    const contextKeys = async () => Object.keys((await storedRecords(v.page))[`${key}:context`] as object).sort();
    expect(await contextKeys()).toEqual(["expires", "server", "token", "v"]);
    const before = v.apiRequests.filter((r) => r.url.includes("/context")).length;
    await v.page.reload();
    await expectSegment(v, "mobile");
    expect(v.apiRequests.filter((r) => r.url.includes("/context")).length).toBe(before + 1);
    await expect.poll(contextKeys, { timeout: 10_000 }).toEqual(["device", "expires", "server", "token", "v"]);
    await v.context.close();
  });
});
