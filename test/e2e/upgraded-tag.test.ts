// The upgraded tag (<script async src="…/v1/sites/KEY/facet.js">, config inlined): a first visit makes at most
// two sequential requests after the HTML before the content lands (the script, then context + content),
// counted from the DevTools protocol's request initiators, not from timing. The plain tag keeps working.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  ageProfile,
  backdate,
  cachedContent,
  facetReady,
  framesAfter,
  idbTrouble,
  launch,
  newVisitor,
  recordFrames,
  stored,
  until,
} from "./browser";
import { storageKey } from "../../contract/storage";
import { landingPage, startHost, type Host } from "./host";
import { admin } from "./admin";
import { fastInstall } from "../../contract/prehide";
import { depth, initiators } from "./initiators";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `upgraded-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  pages["/"] = landingPage(`<script async src="${inject("workerUrl")}/v1/sites/${key}/facet.js"></script>`);
  pages["/plain"] = landingPage(`<script async src="${inject("workerUrl")}/facet.js" data-site="${key}"></script>`);
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, { id: "home", name: "Home", condition: { "page.path": { $in: ["/", "/plain"] } } });
  await admin("POST", `/sites/${key}/segments`, { id: "mobile", name: "Mobile", condition: { "device.type": "mobile" } });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [
      { segment: "mobile", changes: [{ type: "text", selector: "#hero-headline", value: "Mobile hero" }] },
      { segment: "home", changes: [{ type: "text", selector: "#hero-headline", value: "Home hero" }] },
    ],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

it("a first visit in the upgraded tag mode: two sequential requests after the HTML, slots hidden until the content lands", async () => {
  const v = await newVisitor(browser);
  const sent = await initiators(await v.context.newCDPSession(v.page));
  await recordFrames(v.page, ["#hero-headline"]);
  await v.page.goto(`${host.origin}/`);
  const info = await facetReady(v.page);
  expect(info.applied).toEqual([{ experience: "hero", segment: "home" }]);
  expect(await v.page.locator("#hero-headline").innerText()).toBe("Home hero");
  const api = sent.filter((x) => x.url.includes("/v1/sites/"));
  expect(api.map((x) => new URL(x.url).pathname)).toEqual([`/v1/sites/${key}/facet.js`, `/v1/sites/${key}/context`]);
  // Only segment ids leave the device: the ones that can still win on this page.
  expect(new URL(api[1]!.url).searchParams.get("segments")!.split(",").sort()).toEqual(["home", "mobile"]);
  expect(api.map((x) => depth(sent, x.url))).toEqual([1, 2]);
  // From the moment the snippet ran, the slot was hidden, then personalized: no default frame after it.
  const f = (await framesAfter(v.page, 2)).map((x) => x["#hero-headline"]);
  const firstHidden = f.indexOf("hidden");
  if (firstHidden >= 0) expect(f.slice(firstHidden).filter((x) => x === "Original headline")).toEqual([]);
  console.log(
    "upgraded tag, first visit, frames of the hero:",
    [...new Set(f)].join(" → "),
    `(${f.filter((x) => x === "Original headline").length} default, ${f.filter((x) => x === "hidden").length} hidden)`,
  );
  // The repeat visit: no request at all but the script itself (revalidated or from the HTTP cache).
  await v.page.reload();
  expect((await facetReady(v.page)).source).toBe("cache");
  expect(
    sent
      .filter((x) => x.url.includes("/v1/sites/"))
      .slice(2)
      .map((x) => new URL(x.url).pathname),
  ).toEqual([`/v1/sites/${key}/facet.js`]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("the plain /facet.js tag on the same site: as before, config ∥ context then variants", async () => {
  const v = await newVisitor(browser);
  const sent = await initiators(await v.context.newCDPSession(v.page));
  await v.page.goto(`${host.origin}/plain`);
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "home" }]);
  const api = sent.filter((x) => x.url.includes("/v1/sites/")).map((x) => new URL(x.url).pathname);
  expect(api.sort()).toEqual([`/v1/sites/${key}/config`, `/v1/sites/${key}/context`, `/v1/sites/${key}/variants`]);
  // The script, config ∥ context, then the variants: three in a row (the count the upgraded tag brings to two).
  const variants = sent.find((x) => x.url.includes("/variants"))!.url;
  expect(depth(sent, variants)).toBe(3);
  await v.context.close();
});

/**
 * Creates and publishes `site` on the host's origin: its segments (id → condition) and one experience per entry,
 * each a single text change for one segment (on `pages`, or every page).
 */
async function publishSite(
  site: string,
  segments: Record<string, unknown>,
  experiences: { id: string; segment: string; selector: string; value: string; pages?: string[] }[],
) {
  await admin("POST", "/sites", { key: site, name: site, origins: [host.origin] });
  for (const [id, condition] of Object.entries(segments)) await admin("POST", `/sites/${site}/segments`, { id, name: id, condition });
  for (const { id, segment, selector, value, pages } of experiences)
    await admin("POST", `/sites/${site}/experiences`, {
      id,
      name: id,
      ...(pages && { pages }),
      variants: [{ segment, changes: [{ type: "text", selector, value }] }],
    });
  await admin("POST", `/sites/${site}/publish`);
}

/**
 * A single-page app with the upgraded tag of `site`: go(path) pushes the route and renders the route's own heading
 * (`heading`) right after, in the same task (prehide.test.ts's app).
 */
const appPage = (site: string, heading: string) =>
  landingPage(`<script async src="${inject("workerUrl")}/v1/sites/${site}/facet.js"></script>`).replace(
    "</body>",
    `<script>window.go=function(p){history.pushState({},"",p);var h=document.createElement("h1");h.id="hero-headline";
h.textContent=${JSON.stringify(heading)};document.getElementById("hero-headline").replaceWith(h)}</script></body>`,
  );

it("experiences the page view alone decides: applied with the script alone, and on a single-page app's route change without a fetch", async () => {
  const pv = `${key}-pv`;
  // One experience per page: the pricing one is not on the landing page, so the context doesn't bring its content.
  await publishSite(pv, { home: { "page.path": "/pv" }, pricing: { "page.path": "/pv/pricing" } }, [
    { id: "hero", segment: "home", selector: "#hero-headline", value: "Home hero", pages: ["/pv"] },
    { id: "pricing-hero", segment: "pricing", selector: "#hero-headline", value: "Pricing hero", pages: ["/pv/pricing"] },
  ]);
  pages["/pv"] = appPage(pv, "App default");
  const v = await newVisitor(browser);
  const sent = await initiators(await v.context.newCDPSession(v.page));
  await recordFrames(v.page, ["#hero-headline"]);
  // The context is answered only once the hero shows its content: a decision waiting for it would never come.
  await v.page.route("**/context*", async (route) => {
    await v.page.waitForFunction(() => document.querySelector("#hero-headline")?.textContent === "Home hero", null, { timeout: 10_000 });
    await route.continue();
  });
  await v.page.goto(`${host.origin}/pv`);
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "home" }]);
  const api = sent.filter((x) => x.url.includes("/v1/sites/")).map((x) => new URL(x.url).pathname);
  expect(api).toEqual([`/v1/sites/${pv}/facet.js`, `/v1/sites/${pv}/context`]);
  // Nothing else is asked for afterwards: the pricing route's content came with the script too.
  v.apiRequests.length = 0;
  // The frames counted in the route change's own task: every later one is painted after it.
  const from = await v.page.evaluate(() => {
    (window as any).go("/pv/pricing");
    return (window as any).__frames.length as number;
  });
  const f = (await framesAfter(v.page, 3)).slice(from).map((x) => x["#hero-headline"]);
  expect([...new Set(f)]).toEqual(["Pricing hero"]);
  expect(await v.page.evaluate(() => (window as any).facet.segments())).toEqual(["pricing"]);
  expect(v.apiRequests).toEqual([]);
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("a context request that fails leaves what the page view decided on the page, and facet.ready says so", async () => {
  const site = `${key}-pvfail`;
  await publishSite(site, { campaign: { "page.query.utm_campaign": "spring" } }, [
    { id: "hero", segment: "campaign", selector: "#hero-headline", value: "Spring offer" },
  ]);
  pages["/pvfail"] = appPage(site, "Blog");
  const v = await newVisitor(browser);
  await recordFrames(v.page, ["#hero-headline"]);
  await v.page.route("**/context*", (route) => route.fulfill({ status: 503, body: "down" }));
  await v.page.goto(`${host.origin}/pvfail?utm_campaign=spring`);
  expect(await facetReady(v.page)).toEqual({ segments: [], applied: [{ experience: "hero", segment: "campaign" }], source: "none" });
  expect(await v.page.locator("#hero-headline").innerText()).toBe("Spring offer");
  // Facet's one warning names the failure (beside the browser's own line for the 503); nothing is thrown.
  expect(v.warnings.filter((w) => w.startsWith("facet:"))).toEqual(["facet: showing original content: HTTP 503"]);
  // With no session to decide the next route, the landing page's change no longer follows the page: the app's
  // own heading for /blog stays its own.
  await v.page.evaluate(() => (window as any).go("/blog"));
  await framesAfter(v.page, 2);
  expect(await v.page.locator("#hero-headline").innerText()).toBe("Blog");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

it("a page with experiences of both kinds: the page view's is shown as the script runs, the other stays hidden until the session decides it", async () => {
  const site = `${key}-mixed`;
  await publishSite(site, { spring: { "page.query.utm_campaign": "spring" }, back: { "visit.isReturning": true } }, [
    { id: "campaign", segment: "spring", selector: "#hero-subheadline", value: "Spring offer" },
    { id: "welcome", segment: "back", selector: "#hero-headline", value: "Welcome back" },
  ]);
  pages["/mixed"] = landingPage(fastInstall(inject("workerUrl"), site));
  const v = await newVisitor(browser, (ctx) => ctx.addInitScript(idbTrouble));
  await recordFrames(v.page, ["#hero-headline", "#hero-subheadline"]);
  await v.page.goto(`${host.origin}/mixed?utm_campaign=spring`);
  expect((await facetReady(v.page)).applied).toEqual([{ experience: "campaign", segment: "spring" }]);
  await cachedContent(v.page, site, "campaign", "spring");
  await ageProfile(v.page, site, 31); // the next page view starts a new visit: a returning visitor
  // IndexedDB's open held back 200 ms (under the 300 ms wait): the session decides "welcome" from the device
  // only after that, while the campaign is decided as the script runs.
  await v.page.goto(`${host.origin}/mixed?utm_campaign=spring&slowidb=200`);
  const info = await facetReady(v.page);
  expect(info.applied).toEqual([
    { experience: "campaign", segment: "spring" },
    { experience: "welcome", segment: "back" },
  ]);
  const f = await framesAfter(v.page, 2);
  const both = f.map((x) => `${x["#hero-subheadline"]} | ${x["#hero-headline"]}`);
  // Neither slot ever paints its default; frames show the campaign while the headline is still hidden.
  expect(f.filter((x) => x["#hero-subheadline"] === "Original subheadline" || x["#hero-headline"] === "Original headline")).toEqual([]);
  expect(both).toContain("Spring offer | hidden");
  expect(both.at(-1)).toBe("Spring offer | Welcome back");
  console.log("mixed page, repeat visit:", [...new Set(both)].join(" → "));
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});

/** A server on another loopback port that answers with `handle` (the upgraded script, served another way). */
async function scriptProxy(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => (server.closeAllConnections(), new Promise<void>((ok) => server.close(() => ok()))),
  };
}

/** A script server that answers the first `times` requests with `kept` (an older version's script), then the live one. */
function keptScript(kept: string, times: number) {
  let served = 0;
  return scriptProxy(async (req, res) => {
    const body = served++ < times ? kept : await (await fetch(`${inject("workerUrl")}${req.url}`)).text();
    res.writeHead(200, { "content-type": "application/javascript", "cache-control": "no-store" });
    res.end(body);
  });
}

/** A page on the host with `site`'s upgraded tag loaded from `from`, the API calls going to the Worker. */
const proxiedPage = (from: string, site: string) =>
  landingPage(`<script async src="${from}/v1/sites/${site}/facet.js" data-api="${inject("workerUrl")}"></script>`);

it("a returning visitor whose script is past its minute runs it at once: the revalidation waits in the background", async () => {
  const site = `${key}-aged`;
  await publishSite(site, { everyone: { "visit.count": { $gte: 1 } } }, [
    { id: "hero", segment: "everyone", selector: "#hero-headline", value: "Hello again" },
  ]);
  // In front of the Worker, a cache that ages faster: its answers say max-age=1 where the Worker says 60, and
  // keep the rest of the Worker's Cache-Control (what this test is about). It can hold a request back.
  let held: Promise<void> | undefined;
  let release = () => {};
  const asked: string[] = [];
  const proxy = await scriptProxy(async (req, res) => {
    asked.push(req.headers["if-none-match"] ? "revalidation" : "fetch");
    await held;
    const r = await fetch(`${inject("workerUrl")}${req.url}`, { headers: { "if-none-match": String(req.headers["if-none-match"] ?? "") } });
    res.writeHead(r.status, {
      "content-type": "application/javascript",
      "cache-control": r.headers.get("cache-control")!.replace("max-age=60", "max-age=1"),
      etag: r.headers.get("etag")!,
    });
    res.end(r.status == 304 ? undefined : Buffer.from(await r.arrayBuffer()));
  });
  pages["/aged"] = proxiedPage(proxy.origin, site);
  const v = await newVisitor(browser);
  try {
    await v.page.goto(`${host.origin}/aged`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "everyone" }]);
    await cachedContent(v.page, site, "hero", "everyone");
    // The HTTP cache's copy is past its max-age now (the sleep is the cache's clock, not a wait for an outcome).
    await v.page.waitForTimeout(1500);
    held = new Promise<void>((ok) => (release = ok));
    v.apiRequests.length = 0;
    await v.page.reload();
    // Decided from the device's cache while the script's revalidation is still held back.
    expect(await facetReady(v.page)).toMatchObject({ applied: [{ experience: "hero", segment: "everyone" }], source: "cache" });
    expect(await v.page.locator("#hero-headline").innerText()).toBe("Hello again");
    await expect.poll(() => asked).toEqual(["fetch", "revalidation"]);
    expect(v.apiRequests.filter((r) => !r.url.includes("/facet.js"))).toEqual([]);
    expect(v.pageErrors).toEqual([]);
  } finally {
    release();
    await v.context.close();
    await proxy.close();
  }
});

it("a context fetched beside a script of an older version is not kept for the next page view's version", async () => {
  const site = `${key}-kept`;
  // A segment on the server's results (geo.country): a context without them can't match it.
  await publishSite(site, { german: { "geo.country": "DE" } }, [
    { id: "hero", segment: "german", selector: "#hero-headline", value: "Hallo" },
  ]);
  const v1 = await (await fetch(`${inject("workerUrl")}/v1/sites/${site}/facet.js`)).text();
  // Version 2: another segment, the same German content.
  await admin("POST", `/sites/${site}/segments`, { id: "nowhere", name: "nowhere", condition: { "page.path": "/nowhere" } });
  await admin("POST", `/sites/${site}/publish`);
  // The browser still has the script of version 1 for the first page view (as a copy it kept would be); the
  // next one gets the live version's.
  const proxy = await keptScript(v1, 1);
  pages["/kept"] = proxiedPage(proxy.origin, site);
  const v = await newVisitor(browser);
  try {
    // The visitor is in Germany (the Worker's dev-mode simulation, on the snippet's context requests).
    await v.page.route("**/context*", (route) =>
      route.continue({ headers: { ...route.request().headers(), "x-facet-simulate": "country=DE" } }),
    );
    await v.page.goto(`${host.origin}/kept`);
    // Version 1's script with version 2's context: its server results are not used, so no German content.
    expect((await facetReady(v.page)).applied).toEqual([]);
    await v.page.waitForFunction(() => localStorage.length > 0);
    await v.page.reload();
    // Version 2's script: a context of its own, fetched, with the server's results.
    expect(await facetReady(v.page)).toMatchObject({ applied: [{ experience: "hero", segment: "german" }] });
    expect(await v.page.locator("#hero-headline").innerText()).toBe("Hallo");
    expect(v.pageErrors).toEqual([]);
  } finally {
    await v.context.close();
    await proxy.close();
  }
});

it("a returning visitor's kept script of an older version revalidates the cache, so the next page view needs no request", async () => {
  const site = `${key}-publish`;
  await publishSite(site, { everyone: { "visit.count": { $gte: 1 } } }, [
    { id: "hero", segment: "everyone", selector: "#hero-headline", value: "Hello again" },
  ]);
  const v1 = await (await fetch(`${inject("workerUrl")}/v1/sites/${site}/facet.js`)).text();
  // The browser keeps version 1's script for the first two page views (the second as a copy past its minute
  // would be), then gets the live one.
  const proxy = await keptScript(v1, 2);
  pages["/publish"] = proxiedPage(proxy.origin, site);
  const v = await newVisitor(browser);
  try {
    await v.page.goto(`${host.origin}/publish`);
    expect((await facetReady(v.page)).applied).toEqual([{ experience: "hero", segment: "everyone" }]);
    await cachedContent(v.page, site, "hero", "everyone");
    // Version 2, and the device's copy of the config is two minutes old.
    await admin("POST", `/sites/${site}/segments`, { id: "nowhere", name: "nowhere", condition: { "page.path": "/nowhere" } });
    await admin("POST", `/sites/${site}/publish`);
    await backdate(v.page, storageKey(site, "config"), ["t"], 120_000);
    // The kept version-1 script decides from the cache, and revalidates it in the background: version 2's context.
    await v.page.reload();
    expect((await facetReady(v.page)).source).toBe("cache");
    await until(async () => (await stored(v.page, [storageKey(site, "context")]))[0]?.v === 2);
    // The live script (version 2) finds its version's context cached: no request but the script.
    v.apiRequests.length = 0;
    await v.page.reload();
    expect(await facetReady(v.page)).toMatchObject({ applied: [{ experience: "hero", segment: "everyone" }], source: "cache" });
    expect(v.apiRequests.filter((r) => !r.url.includes("/facet.js"))).toEqual([]);
    expect(v.pageErrors).toEqual([]);
  } finally {
    await v.context.close();
    await proxy.close();
  }
});
