// Publishing: POST /admin/api/sites/:site/publish writes an immutable, versioned snapshot to KV and moves
// the live pointer; GET /versions lists them; earlier versions stay readable.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import type { PublishedConfig, Snapshot } from "../../worker/schemas/published";
import {
  admin,
  adminOk,
  createExperience,
  createSegment,
  createSite,
  expectRejected,
  expectWriteGuards,
  ADMIN_TOKEN,
  BASE,
  publish,
  uniqueKey,
  visit,
} from "./helpers";
import { ACCOUNTS_CONDITION, CONTENT, HERO_CHANGES, publishedSite, SECRETS } from "./fixtures";

const snapshotInKv = (key: string, v: number) => env.CONFIGS.get<Snapshot>(`snap:${key}:${v}`, "json");
const config = async (key: string) => (await visit(`/v1/sites/${key}/config`)).json<PublishedConfig>();

describe("POST /admin/api/sites/:site/publish", () => {
  it("numbers versions from 1 and moves the live pointer in D1 and KV", async () => {
    const site = await createSite({ origins: ["https://shop.example"] });
    const first = await publish(site.key);
    expect(first.version).toBe(1);
    expect(Date.parse(first.publishedAt)).not.toBeNaN();
    expect((await publish(site.key)).version).toBe(2);
    expect((await publish(site.key)).version).toBe(3);

    expect((await adminOk<{ liveVersion: number }>("GET", `/sites/${site.key}`)).liveVersion).toBe(3);
    expect(await env.CONFIGS.get(`site:${site.key}`, "json")).toEqual({
      origins: ["https://shop.example"],
      live: 3,
      created: site.createdAt,
    });
    const rows = await env.DB.prepare("SELECT version FROM versions WHERE site_key = ?1 ORDER BY version").bind(site.key).all();
    expect(rows.results).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    for (const v of [1, 2, 3]) expect((await snapshotInKv(site.key, v))?.v).toBe(v);
    expect((await config(site.key)).v).toBe(3);
  });

  it("publishes an empty site as an empty config", async () => {
    const site = await createSite();
    await publish(site.key);
    expect(await config(site.key)).toEqual({ v: 1, site: site.key, timeout: 1000, segments: [], topics: [], experiences: [] });
  });

  it("keeps the secret condition parts and the content in the KV snapshot only", async () => {
    const { key } = await publishedSite();
    const snap = (await snapshotInKv(key, 1))!;
    expect(Object.values(snap.server)).toEqual(
      expect.arrayContaining([{ "geo.country": "DE" }, ACCOUNTS_CONDITION.$or[0], ACCOUNTS_CONDITION.$or[1]]),
    );
    expect(JSON.stringify(snap.server)).toContain(SECRETS[0]);
    expect(snap.content).toEqual({
      hero: { accounts: HERO_CHANGES.accounts, germany: HERO_CHANGES.germany, returning: HERO_CHANGES.returning },
    });
    expect(snap.config).toEqual(await config(key));
  });

  it("leaves out paused experiences and segments no live experience uses", async () => {
    const { key } = await publishedSite();
    const snap = (await snapshotInKv(key, 1))!;
    expect(Object.keys(snap.content)).toEqual(["hero"]);
    expect(snap.config.experiences.map((e) => e.id)).toEqual(["hero"]);
    expect(snap.config.segments.map((s) => s.id)).not.toContain("unused");
    expect(snap.config.segments.map((s) => s.id)).not.toContain("paused-only");
    expect(JSON.stringify(snap)).not.toContain(CONTENT.paused);

    // Resuming the experience and republishing brings its segment and content in.
    const summer = await adminOk<{ variants: unknown[] }>("GET", `/sites/${key}/experiences/summer`);
    await adminOk("PUT", `/sites/${key}/experiences/summer`, { name: "Summer", status: "live", variants: summer.variants });
    await publish(key);
    const v2 = await config(key);
    expect(v2.experiences.map((e) => e.id).sort()).toEqual(["hero", "summer"]);
    expect(v2.segments.map((s) => s.id)).toContain("paused-only");
    expect(v2.segments.map((s) => s.id)).not.toContain("unused");
  });

  it("orders each experience's segments by priority, ties by id, as of the publish", async () => {
    const site = await createSite();
    for (const [id, priority] of [
      ["b-tie", 5],
      ["a-tie", 5],
      ["low", -10],
      ["high", 100],
    ] as const) {
      await createSegment(site.key, { id, priority, condition: { [`traits.${id}`]: true } });
    }
    const hide = (selector: string) => [{ type: "hide", selector }];
    await createExperience(site.key, {
      id: "ordered",
      variants: ["low", "b-tie", "high", "a-tie"].map((segment) => ({ segment, changes: hide(`#${segment}`) })),
    });
    await publish(site.key);
    const [experience] = (await config(site.key)).experiences;
    expect(experience!.segments).toEqual(["high", "a-tie", "b-tie", "low"]);
    expect(experience!.slots).toEqual(["#high", "#a-tie", "#b-tie", "#low"]);

    await adminOk("PUT", `/sites/${site.key}/segments/low`, { name: "Now first", priority: 500, condition: { "traits.low": true } });
    expect((await config(site.key)).experiences[0]!.segments[0]).toBe("high"); // unchanged until published
    await publish(site.key);
    expect((await config(site.key)).experiences[0]!.segments).toEqual(["low", "high", "a-tie", "b-tie"]);
  });

  it("never changes an earlier snapshot; ?v=1 still serves the old content after a republish", async () => {
    const { key } = await publishedSite();
    const before = await env.CONFIGS.get(`snap:${key}:1`);
    await adminOk("PUT", `/sites/${key}/experiences/hero`, {
      name: "Hero",
      variants: [{ segment: "returning", changes: [{ type: "text", selector: "#headline", value: "Version two" }] }],
    });
    await adminOk("PUT", `/sites/${key}/segments/returning`, {
      name: "Returning",
      condition: { "visit.count": { $gte: 2 } },
      priority: 10,
    });
    expect((await publish(key)).version).toBe(2);
    expect(await env.CONFIGS.get(`snap:${key}:1`)).toBe(before);

    const live = await (await visit(`/v1/sites/${key}/variants?segments=returning`)).json<{ v: number; changes: unknown }>();
    expect(live).toMatchObject({ v: 2, changes: { hero: { returning: [{ type: "text", selector: "#headline", value: "Version two" }] } } });
    const old = await (await visit(`/v1/sites/${key}/variants?segments=returning&v=1`)).json<{ v: number; changes: unknown }>();
    expect(old).toMatchObject({ v: 1, changes: { hero: { returning: HERO_CHANGES.returning } } });
    expect((await config(key)).segments.find((s) => s.id === "returning")!.condition).toEqual({ "visit.count": { $gte: 2 } });
  });

  it("refuses a request without the token, and answers 404 for an unknown site", async () => {
    const site = await createSite();
    await expectWriteGuards("POST", `/sites/${site.key}/publish`);
    await expectRejected(() => admin("POST", `/sites/${uniqueKey()}/publish`), 404, "not_found");
    expect(await env.CONFIGS.get(`snap:${site.key}:1`)).toBeNull();
  });
});

/** The KV binding, except that a put of a key starting with `prefix` fails as an unavailable KV would. */
function kvFailingPuts(prefix: string): KVNamespace {
  return new Proxy(env.CONFIGS, {
    get(target, prop) {
      if (prop === "put") {
        return (key: string, ...rest: unknown[]) =>
          key.startsWith(prefix)
            ? Promise.reject(new Error("KV put failed"))
            : (target.put as (...a: unknown[]) => Promise<void>)(key, ...rest);
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("a publish that cannot be stored", () => {
  it("lists no version when the snapshot's KV write fails, and the next publish takes that number", async () => {
    const { key } = await publishedSite();
    const failing = { ...env, CONFIGS: kvFailingPuts(`snap:${key}:`) };
    const send = () =>
      Promise.resolve(
        app.request(
          `${BASE}/admin/api/sites/${key}/publish`,
          { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
          failing,
        ),
      );
    await expectRejected(send, 500, "internal");
    expect(
      (await adminOk<{ live: number; versions: { version: number }[] }>("GET", `/sites/${key}/versions`)).versions.map((v) => v.version),
    ).toEqual([1]);
    expect(await env.CONFIGS.get(`snap:${key}:2`)).toBeNull();

    expect((await publish(key)).version).toBe(2);
    expect((await snapshotInKv(key, 2))?.v).toBe(2);
    expect((await config(key)).v).toBe(2);
  });

  it("counts the config's size in UTF-8 bytes: multibyte content over 20 MiB is refused though its string length is far below", {
    timeout: 120_000,
  }, async () => {
    const site = await createSite();
    await createSegment(site.key, { id: "all", condition: {} });
    // "€" is 1 UTF-16 unit and 3 UTF-8 bytes: 84 experiences of 85,000 of them (each request under the
    // 256 KiB body limit) are about 7.1 million units but 21.4 million bytes, over the 20 MiB
    // (20,971,520-byte) limit and under KV's 25 MiB.
    const changes = Array.from({ length: 17 }, (_, i) => ({ type: "text", selector: `#t${i}`, value: "€".repeat(5_000) }));
    for (let i = 0; i < 84; i++) await createExperience(site.key, { id: `big-${i}`, variants: [{ segment: "all", changes }] });
    const error = await expectRejected(() => admin("POST", `/sites/${site.key}/publish`), 422, "config_too_large");
    const bytes = Number(/would be (\d+) bytes/.exec(error.message)?.[1]);
    expect(bytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(bytes).toBeLessThan(25 * 1024 * 1024);
    expect(await env.CONFIGS.get(`snap:${site.key}:1`)).toBeNull();
    expect(await adminOk("GET", `/sites/${site.key}/versions`)).toEqual({ live: null, versions: [] });
  });
});

describe("GET /admin/api/sites/:site/versions", () => {
  it("lists versions newest first with the live one", async () => {
    const site = await createSite();
    expect(await adminOk("GET", `/sites/${site.key}/versions`)).toEqual({ live: null, versions: [] });
    const v1 = await publish(site.key);
    const v2 = await publish(site.key);
    expect(await adminOk("GET", `/sites/${site.key}/versions`)).toEqual({
      live: 2,
      versions: [
        { version: 2, publishedAt: v2.publishedAt, publishedBy: "owner-token" },
        { version: 1, publishedAt: v1.publishedAt, publishedBy: "owner-token" },
      ],
    });
  });

  it("needs the token, and answers 404 for an unknown site", async () => {
    const site = await createSite();
    await expectRejected(() => admin("GET", `/sites/${site.key}/versions`, { token: null }), 401, "unauthorized");
    await expectRejected(() => admin("GET", `/sites/${uniqueKey()}/versions`), 404, "not_found");
  });
});

describe("KV written before a field existed", () => {
  it("serves a snapshot without topics and a site record without created, as published then", async () => {
    const { key, visitors } = await publishedSite();
    const snap = (await snapshotInKv(key, 1))!;
    const { topics: _topics, ...olderConfig } = snap.config;
    await env.CONFIGS.put(`snap:${key}:1`, JSON.stringify({ ...snap, config: olderConfig }));
    const record = await env.CONFIGS.get<{ origins: string[]; live: number; created: string }>(`site:${key}`, "json");
    await env.CONFIGS.put(`site:${key}`, JSON.stringify({ origins: record!.origins, live: record!.live }));

    expect(await config(key)).toEqual({ ...olderConfig, topics: [] });
    const context = await (await visit(`/v1/sites/${key}/context`, visitors.matching)).json<{
      v: number;
      server: Record<string, boolean>;
    }>();
    expect(context.v).toBe(1);
    expect(Object.values(context.server).filter(Boolean)).toHaveLength(2); // in Germany, from Pied Piper's domain
    expect((await publish(key)).version).toBe(2);
    expect(await env.CONFIGS.get(`site:${key}`, "json")).toEqual({ ...record, live: 2 });
  });
});

describe("html stored before the sanitizer builds its output", () => {
  it("is sanitized again at publish: the snapshot and the served variants carry only clean markup", async () => {
    const site = await createSite();
    await createSegment(site.key, { id: "back", condition: { "visit.isReturning": true } });
    const unsafe = "<<script></script>img src=x onerror=window.__xss=1><p onclick=x() id=y>Hi<a href=&#106;avascript:alert(1)>go";
    const changes = [
      { type: "html", selector: "#hero", value: unsafe },
      { type: "text", selector: "#title", value: "<b>text is never markup</b>" },
    ];
    // Straight into D1, bypassing the API, as rows saved under the old sanitizer are.
    await env.DB.prepare(
      "INSERT INTO experiences (id, site_key, name, status, pages, variants, created_at, updated_at) VALUES ('old', ?1, 'Old', 'live', '[]', ?2, ?3, ?3)",
    )
      .bind(site.key, JSON.stringify([{ segment: "back", changes }]), new Date().toISOString())
      .run();
    await publish(site.key);

    const clean = [{ ...changes[0], value: "&lt;img src=x onerror=window.__xss=1&gt;<p>Hi<a>go</a></p>" }, changes[1]];
    expect((await snapshotInKv(site.key, 1))!.content).toEqual({ old: { back: clean } });
    const served = await (await visit(`/v1/sites/${site.key}/variants?segments=back`)).json<{
      changes: Record<string, Record<string, unknown>>;
    }>();
    expect(served.changes).toEqual({ old: { back: clean } });
  });
});
