// GET /v1/sites/:site/config: the published rules and slots, without content or secret lists, cacheable.
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { PublishedConfig, Snapshot } from "../../worker/schemas/published";
import { BASE, createSite, publish, uniqueKey, type ErrorBody } from "./helpers";
import { CONTENT, publishedSite, SECRETS } from "./fixtures";

const SERVER_REF = /^server\.f\d+$/;

/** The reference keys of a single-reference condition `{ "server.fN": true }`. */
function refOf(condition: Record<string, unknown>): string {
  const keys = Object.keys(condition);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(SERVER_REF);
  expect(condition[keys[0]!]).toBe(true);
  return keys[0]!;
}

describe("GET /v1/sites/:site/config", () => {
  it("serves the live config with an ETag and a public Cache-Control", async () => {
    const { key } = await publishedSite();
    const res = await SELF.fetch(`${BASE}/v1/sites/${key}/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    // Revalidated on every use, so it never pairs with a context of another version.
    expect(res.headers.get("cache-control")).toBe("public, no-cache");
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
    const config = await res.json<PublishedConfig>();
    expect(config).toMatchObject({ v: 1, site: key, timeout: 1000 });
  });

  it("publishes only segments a live experience uses, and orders each experience's segments by priority", async () => {
    const { key } = await publishedSite();
    const config = await (await SELF.fetch(`${BASE}/v1/sites/${key}/config`)).json<PublishedConfig>();
    expect(config.segments.map((s) => s.id).sort()).toEqual(["accounts", "germany", "returning"]);
    expect(config.experiences).toEqual([
      {
        id: "hero",
        pages: ["/"],
        paths: ["^\\/$"],
        slots: ["#headline", "#secondary-cta", "#bar", "#cta"],
        segments: ["accounts", "germany", "returning"],
      },
    ]);
  });

  it("compiles the page patterns of a snapshot published before compiled patterns existed", async () => {
    const { key } = await publishedSite();
    const k = `snap:${key}:1`;
    const old = await env.CONFIGS.get<Snapshot>(k, "json");
    for (const e of old!.config.experiences) delete e.paths;
    old!.config.experiences[0]!.pages = ["/blog/:slug", "/stored+before"];
    await env.CONFIGS.put(k, JSON.stringify(old));
    const config = await (await SELF.fetch(`${BASE}/v1/sites/${key}/config`)).json<PublishedConfig>();
    // A stored pattern outside today's subset matches no page rather than something else.
    expect(config.experiences[0]!.paths).toEqual(["^\\/blog(?:\\/[^/]+)$", "^(?!)$"]);
  });

  it("replaces server-side condition parts by references and keeps browser-side ones", async () => {
    const { key } = await publishedSite();
    const config = await (await SELF.fetch(`${BASE}/v1/sites/${key}/config`)).json<PublishedConfig>();
    const condition = (id: string) => config.segments.find((s) => s.id === id)!.condition;

    expect(condition("returning")).toEqual({ "visit.isReturning": true });
    const germany = refOf(condition("germany"));
    const accounts = condition("accounts") as { $or: Record<string, unknown>[] };
    expect(Object.keys(accounts)).toEqual(["$or"]);
    const [domainRef, nameRef] = accounts.$or.map(refOf);
    expect(new Set([germany, domainRef, nameRef]).size).toBe(3);
  });

  it("carries no content and no secret list", async () => {
    const { key } = await publishedSite();
    const text = await (await SELF.fetch(`${BASE}/v1/sites/${key}/config`)).text();
    for (const value of Object.values(CONTENT)) expect(text).not.toContain(value);
    for (const secret of [...SECRETS, "piedpiper.example", "geo.", "company.", '"DE"']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"value"|"changes"|"name"/);
  });

  it("answers 304 to a matching If-None-Match, and 200 again after a publish changes it", async () => {
    const { key } = await publishedSite();
    const first = await SELF.fetch(`${BASE}/v1/sites/${key}/config`);
    const etag = first.headers.get("etag")!;
    const again = await SELF.fetch(`${BASE}/v1/sites/${key}/config`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toMatch(/^public/);

    await publish(key);
    const changed = await SELF.fetch(`${BASE}/v1/sites/${key}/config`, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await changed.json<PublishedConfig>()).v).toBe(2);
  });

  it("answers 404 not_found for an unknown site and 404 not_published before the first publish", async () => {
    const unknown = await SELF.fetch(`${BASE}/v1/sites/${uniqueKey()}/config`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json<ErrorBody>()).error.code).toBe("not_found");

    const site = await createSite();
    const unpublished = await SELF.fetch(`${BASE}/v1/sites/${site.key}/config`);
    expect(unpublished.status).toBe(404);
    const body = await unpublished.json<ErrorBody>();
    expect(body.error.code).toBe("not_published");
    expect(unpublished.headers.get("cache-control")).toBeNull();
  });
});
