// /admin/api/sites: create, list, read, patch, delete; the token guard in front of the whole admin API.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Site } from "../../worker/schemas/site";
import {
  admin,
  ADMIN_TOKEN,
  adminOk,
  createExperience,
  createSegment,
  createSite,
  expectInvalidField,
  expectRejected,
  expectWriteGuards,
  publish,
  uniqueKey,
  visit,
  type ErrorBody,
} from "./helpers";

const siteRecord = async (key: string) => env.CONFIGS.get(`site:${key}`, "json");

describe("POST /admin/api/sites", () => {
  it("stores the site in D1 and its public record in KV", async () => {
    const key = uniqueKey();
    const created = await adminOk<Site>("POST", "/sites", {
      key,
      name: "  Shop  ",
      origins: ["https://shop.example", "http://localhost:3000"],
    });
    expect(created).toMatchObject({ key, name: "Shop", origins: ["https://shop.example", "http://localhost:3000"], liveVersion: null });
    expect(created.createdAt).toBe(created.updatedAt);

    const row = await env.DB.prepare("SELECT * FROM sites WHERE key = ?1").bind(key).first();
    expect(row).toMatchObject({ key, name: "Shop", origins: '["https://shop.example","http://localhost:3000"]', live_version: null });
    expect(await siteRecord(key)).toEqual({
      origins: ["https://shop.example", "http://localhost:3000"],
      live: null,
      created: created.createdAt,
    });
    expect(await adminOk<Site>("GET", `/sites/${key}`)).toEqual(created);
  });

  it("defaults origins to none", async () => {
    const key = uniqueKey();
    const created = await adminOk<Site>("POST", "/sites", { key, name: "No origins" });
    expect(created.origins).toEqual([]);
    expect(await siteRecord(key)).toEqual({ origins: [], live: null, created: created.createdAt });
  });

  it("refuses a request without the owner's token, with the wrong content type or malformed JSON", async () => {
    await expectWriteGuards("POST", "/sites", { key: uniqueKey(), name: "Guarded" });
  });

  it.each([
    ["a key of the wrong type", { key: 5, name: "x" }, "key"],
    ["a key that is not a slug", { key: "Has Spaces", name: "x" }, "key"],
    ["a missing key", { name: "x" }, "key"],
    ["a missing name", { key: "k-missing-name" }, "name"],
    ["a blank name", { key: "k-blank-name", name: "   " }, "name"],
    ["origins that are not a list", { key: "k-origins", name: "x", origins: "https://a.example" }, "origins"],
    ["an origin with a path", { key: "k-origin-path", name: "x", origins: ["https://a.example/"] }, "origins.0"],
    ["an origin with another scheme", { key: "k-origin-ftp", name: "x", origins: ["https://ok.example", "ftp://a.example"] }, "origins.1"],
    ["an array body", [], "(body)"],
    ["a null body", null, "(body)"],
    ["a name that is a lone surrogate", { key: "k-lone-high", name: "\ud800" }, "name"],
    ["a name with a lone low surrogate inside", { key: "k-lone-low", name: "Shop \udc00 DE" }, "name"],
    [
      "an origin with a lone surrogate",
      { key: "k-lone-origin", name: "x", origins: ["https://a.example", "https://\udbff.example"] },
      "origins.1",
    ],
    ["an extra key that is a lone surrogate", { key: "k-lone-key", name: "x", "\ud83d": 1 }, "\ud83d"],
  ])("refuses %s with 400 naming the field", async (_, body, field) => {
    await expectInvalidField(() => admin("POST", "/sites", { body }), field);
  });

  it("refuses JavaScript's reserved names as keys, sent as raw JSON, anywhere in the body", async () => {
    const key = uniqueKey();
    for (const [raw, field] of [
      [`{"key":"${key}","name":"x","__proto__":{"origins":["https://evil.example"]}}`, "__proto__"],
      [`{"key":"${key}","name":"x","constructor":{"prototype":1}}`, "constructor"],
      [`{"key":"${key}","name":"x","origins":[{"__proto__":"https://evil.example"}]}`, "origins.0.__proto__"],
    ] as const) {
      const error = await expectRejected(() => admin("POST", "/sites", { raw }), 400, "invalid_input");
      expect(error.fields?.[field]).toMatch(/reserved by JavaScript/);
    }
    await expectRejected(() => admin("GET", `/sites/${key}`), 404, "not_found");
  });

  it("stores a name with a well-formed surrogate pair (an emoji) as sent", async () => {
    const created = await adminOk<Site>("POST", "/sites", { key: uniqueKey(), name: "Shop \ud83d\ude80" });
    expect(created.name).toBe("Shop 🚀");
    expect((await adminOk<Site>("GET", `/sites/${created.key}`)).name).toBe("Shop 🚀");
  });

  it("refuses a body over 256 KiB with 413", async () => {
    await expectRejected(
      () => admin("POST", "/sites", { body: { key: uniqueKey(), name: "x", padding: "x".repeat(300 * 1024) } }),
      413,
      "too_large",
    );
  });

  it("refuses a duplicate key with 409 and keeps the first site", async () => {
    const site = await createSite({ name: "First" });
    await expectRejected(
      () => admin("POST", "/sites", { body: { key: site.key, name: "Second", origins: ["https://evil.example"] } }),
      409,
      "conflict",
    );
    expect((await adminOk<Site>("GET", `/sites/${site.key}`)).name).toBe("First");
    expect(await siteRecord(site.key)).toEqual({ origins: [], live: null, created: site.createdAt });
  });
});

describe("GET /admin/api/sites", () => {
  it("lists sites by key", async () => {
    const b = await createSite({ key: `zz-${uniqueKey()}` });
    const a = await createSite({ key: `aa-${uniqueKey()}` });
    const { sites } = await adminOk<{ sites: Site[] }>("GET", "/sites");
    const keys = sites.map((s) => s.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys.indexOf(a.key)).toBeLessThan(keys.indexOf(b.key));
  });

  it("needs the token to read too", async () => {
    await expectRejected(() => admin("GET", "/sites", { token: null }), 401, "unauthorized");
    const res = await admin("GET", "/sites", { token: "not-the-owner-token-000000" });
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 404 for an unknown site", async () => {
    const error = await expectRejected(() => admin("GET", `/sites/${uniqueKey("missing")}`), 404, "not_found");
    expect(error.message).toMatch(/missing-/);
  });
});

describe("PATCH /admin/api/sites/:site", () => {
  it("changes the name and origins in D1 and the origins in KV at once, keeping the live version", async () => {
    const site = await createSite({ origins: ["https://old.example"] });
    await publish(site.key);
    const patched = await adminOk<Site>("PATCH", `/sites/${site.key}`, { origins: ["https://new.example"] });
    expect(patched).toMatchObject({ key: site.key, name: site.name, origins: ["https://new.example"], liveVersion: 1 });
    expect(await siteRecord(site.key)).toEqual({ origins: ["https://new.example"], live: 1, created: site.createdAt });
    // Origins guard the public endpoints without a republish.
    expect((await visit(`/v1/sites/${site.key}/config`, { headers: { origin: "https://new.example" } })).status).toBe(200);
    expect((await visit(`/v1/sites/${site.key}/config`, { headers: { origin: "https://old.example" } })).status).toBe(403);

    // A name-only PATCH keeps the origins (sitePatch applies no default).
    const renamed = await adminOk<Site>("PATCH", `/sites/${site.key}`, { name: "Renamed" });
    expect(renamed).toMatchObject({ key: site.key, name: "Renamed", origins: ["https://new.example"], liveVersion: 1 });
    expect(await adminOk<Site>("GET", `/sites/${site.key}`)).toMatchObject({
      name: "Renamed",
      origins: ["https://new.example"],
      liveVersion: 1,
    });
    expect(await siteRecord(site.key)).toEqual({ origins: ["https://new.example"], live: 1, created: site.createdAt });
  });

  it("refuses a request without the token, with the wrong content type or malformed JSON", async () => {
    const site = await createSite();
    await expectWriteGuards("PATCH", `/sites/${site.key}`, { name: "Guarded" });
  });

  it.each([
    ["a name of the wrong type", { name: 5 }, "name"],
    ["origins that are not a list", { origins: "https://a.example" }, "origins"],
    ["a bad origin", { origins: ["not a url"] }, "origins.0"],
    ["a key (keys never change)", { key: "other" }, "(body)"],
    ["a name that is a lone surrogate", { name: "\ud800" }, "name"],
  ])("refuses %s with 400 naming the field", async (_, body, field) => {
    const site = await createSite();
    await expectInvalidField(() => admin("PATCH", `/sites/${site.key}`, { body }), field);
  });

  it("answers 404 for an unknown site", async () => {
    await expectRejected(() => admin("PATCH", `/sites/${uniqueKey()}`, { body: { name: "x" } }), 404, "not_found");
  });
});

describe("DELETE /admin/api/sites/:site", () => {
  it("removes the site, its segments, experiences, versions and KV keys", async () => {
    const site = await createSite();
    const other = await createSite();
    const segment = await createSegment(site.key, { condition: { "visit.isReturning": true } });
    await createExperience(site.key, { variants: [{ segment: segment.id, changes: [{ type: "hide", selector: "#x" }] }] });
    await publish(site.key);
    await publish(site.key);
    await publish(other.key);

    const res = await admin("DELETE", `/sites/${site.key}`);
    expect(res.status).toBe(204);
    for (const table of ["segments", "experiences", "versions"]) {
      expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE site_key = ?1`).bind(site.key).first("n")).toBe(0);
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sites WHERE key = ?1").bind(site.key).first("n")).toBe(0);
    const keys = (await env.CONFIGS.list()).keys.map((k) => k.name);
    expect(keys.filter((k) => k.includes(site.key))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining([`site:${other.key}`, `snap:${other.key}:1`]));

    await expectRejected(() => admin("GET", `/sites/${site.key}`), 404, "not_found");
    const pub = await visit(`/v1/sites/${site.key}/config`);
    expect(pub.status).toBe(404);
    expect((await pub.json<ErrorBody>()).error.code).toBe("not_found");
  });

  it("lets the key be used again from a clean start", async () => {
    const site = await createSite();
    await publish(site.key);
    expect((await admin("DELETE", `/sites/${site.key}`)).status).toBe(204);
    const again = await createSite({ key: site.key });
    expect(again.liveVersion).toBeNull();
    expect(await adminOk("GET", `/sites/${site.key}/versions`)).toEqual({ live: null, versions: [] });
    expect((await publish(site.key)).version).toBe(1);
  });

  it("refuses a request without the token, and answers 404 for an unknown site", async () => {
    const site = await createSite();
    await expectWriteGuards("DELETE", `/sites/${site.key}`);
    await expectRejected(() => admin("DELETE", `/sites/${uniqueKey()}`), 404, "not_found");
  });
});

describe("the admin API as a whole", () => {
  it("answers an unknown admin route with the 404 envelope, after the token check", async () => {
    await expectRejected(() => admin("GET", "/nothing-here"), 404, "not_found");
    await expectRejected(() => admin("PUT", `/sites/${uniqueKey()}`, { body: {} }), 404, "not_found");
    await expectRejected(() => admin("GET", "/nothing-here", { token: null }), 401, "unauthorized");
  });

  it("is disabled with 503 until an ADMIN_TOKEN of 16+ characters is set", async () => {
    for (const ADMIN_TOKEN of [undefined, "short"]) {
      const res = await visit("/admin/api/sites", { headers: { authorization: "Bearer short" }, env: { ADMIN_TOKEN } });
      expect(res.status).toBe(503);
      expect((await res.json<ErrorBody>()).error.code).toBe("admin_not_configured");
    }
  });

  it("accepts the bearer scheme in any case", async () => {
    const res = await visit("/admin/api/sites", { headers: { authorization: `bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
  });
});
