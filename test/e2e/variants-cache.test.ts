// The snippet sends its signed context (token) with a variants request only when a requested segment
// depends on server results, so content that needs no token comes back cacheable by the edge and the
// browser (the Worker marks an answer private only when the token gated something).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { facetReady, launch, newVisitor, text, type Visit } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const key = `vc-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost({ "/": landingPage(tag(`${inject("workerUrl")}/facet.js`, key)) });
  await admin("POST", "/sites", { key, name: "Variants caching", origins: [host.origin] });
  // The gated segment wins for visitors from Germany; everyone else gets the ungated one.
  await admin("POST", `/sites/${key}/segments`, {
    id: "germany",
    name: "Germany",
    kind: "geographic",
    condition: { "geo.country": "DE" },
    priority: 10,
  });
  await admin("POST", `/sites/${key}/segments`, {
    id: "everyone",
    name: "Everyone",
    kind: "behavioral",
    condition: { "visit.count": { $gte: 1 } },
  });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: ["germany", "everyone"].map((segment) => ({
      segment,
      changes: [{ type: "text", selector: "#hero-headline", value: `Hello, ${segment}` }],
    })),
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** The variants responses the page received, with the request URL and the Cache-Control answered. */
function recordVariants(page: Page): { url: URL; cacheControl: string | null }[] {
  const seen: { url: URL; cacheControl: string | null }[] = [];
  page.on(
    "response",
    (r) => r.url().includes("/variants?") && seen.push({ url: new URL(r.url()), cacheControl: r.headers()["cache-control"] ?? null }),
  );
  return seen;
}

async function visit(v: Visit) {
  await v.page.goto(`${host.origin}/`);
  return facetReady(v.page);
}

describe("the snippet's variants request", () => {
  it("carries no token for a segment without server references, and its answer is public", async () => {
    const v = await newVisitor(browser);
    const seen = recordVariants(v.page);
    expect((await visit(v)).applied).toEqual([{ experience: "hero", segment: "everyone" }]);
    expect(await text(v.page, "#hero-headline")).toBe("Hello, everyone");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url.searchParams.get("segments")).toBe("everyone");
    expect(seen[0]!.url.searchParams.has("token")).toBe(false);
    expect(seen[0]!.cacheControl).toMatch(/^public, max-age=\d+$/);
    expect(v.warnings.filter((w) => w.startsWith("facet:"))).toEqual([]);
    await v.context.close();
  });

  it("carries the token for a server-gated segment, and its answer is private", async () => {
    const v = await newVisitor(browser);
    // Dev simulation for a cross-origin page: the header the Worker reads, added by the browser's network layer.
    await v.page.route("**/v1/sites/*/context*", (route) =>
      route.continue({ headers: { ...route.request().headers(), "x-facet-simulate": "country=DE" } }),
    );
    const seen = recordVariants(v.page);
    expect((await visit(v)).applied).toEqual([{ experience: "hero", segment: "germany" }]);
    expect(await text(v.page, "#hero-headline")).toBe("Hello, germany");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url.searchParams.get("token")).toBeTruthy();
    expect(seen[0]!.cacheControl).toMatch(/^private/);
    await v.context.close();
  });
});
