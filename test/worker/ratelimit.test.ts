// Rate limits on the public endpoints (issue 6, item 4; README "Rate limits"): each endpoint's binding
// trips at its configured limit for one client network (IPv4 address or IPv6 /64) and site, with a 429
// in the error envelope that the snippet can read cross-origin. The suite runs with FACET_RATE_LIMITS=off
// (vitest.worker.config.ts); these tests turn the limits back on with FACET_RATE_LIMITS: undefined.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Env } from "../../worker/env";
import { PUBLIC_LIMITS } from "../../worker/http/ratelimit";
import { ORIGIN, publishedSite } from "./fixtures";
import { expectRejected, visit } from "./helpers";

const ON: Partial<Env> = { FACET_RATE_LIMITS: undefined };
const hex16 = () => crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16);
/** A fresh client /64 (documentation prefix), as "2001:db8:x:y". */
const freshNet = () => `2001:db8:${hex16()}:${hex16()}`;

/** Near the end of a limiter window (fixed windows, as Miniflare counts), wait for the next one. No assertion depends on time. */
async function freshWindow(periodSeconds: number, needMs = 15_000) {
  const left = periodSeconds * 1000 - (Date.now() % (periodSeconds * 1000));
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 100));
}

const from = (ip: string, extra: Partial<Env> = {}, headers: Record<string, string> = {}) => ({
  headers: { "cf-connecting-ip": ip, origin: ORIGIN, ...headers },
  env: { ...ON, ...extra },
});

const ENDPOINTS = [
  ["snippet", () => "/facet.js"],
  ["config", (site: string) => `/v1/sites/${site}/config`],
  ["context", (site: string) => `/v1/sites/${site}/context`],
  ["variants", (site: string) => `/v1/sites/${site}/variants?segments=returning`],
] as const;

describe("rate limits on the public endpoints", () => {
  it.each(ENDPOINTS)(
    "%s: 429 after its limit for one network and site, with Retry-After and CORS; others unaffected",
    async (endpoint, path) => {
      const { limit, period } = PUBLIC_LIMITS[endpoint];
      await freshWindow(period);
      const { key } = await publishedSite();
      const net = freshNet();
      for (let n = 1; n <= limit; n++) {
        // Every request from another address of the same /64: a host cannot rotate its way out.
        const res = await visit(path(key), from(`${net}::${n.toString(16)}`));
        if (res.status !== 200) expect.fail(`request ${n} of ${limit}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
      const error = await expectRejected(() => visit(path(key), from(`${net}::ffff`)), 429, "rate_limited");
      expect(error.message).toContain(`retry after ${period} seconds`);
      const res = await visit(path(key), from(`${net}:1:2:3:4`));
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe(String(period));
      // Readable by the snippet on the customer's page: CORS allows it, and exposes Retry-After.
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-expose-headers")).toBe("Retry-After");
      expect(res.headers.get("cache-control")).toBe("no-store");

      // Another network is not limited; neither is this one on another site (the snippet has no site).
      expect((await visit(path(key), from(`${freshNet()}::1`))).status).toBe(200);
      const other = await publishedSite();
      expect((await visit(path(other.key), from(`${net}::1`))).status).toBe(endpoint === "snippet" ? 429 : 200);
    },
    120_000,
  );

  it("keys the counters by a salted hash of the network and site, never by the address", async () => {
    const { key } = await publishedSite();
    const keys: string[] = [];
    const spy = {
      limit: (o: { key: string }) => {
        keys.push(o.key);
        return env.LIMIT_CONFIG.limit(o);
      },
    } as RateLimit;
    const ips = ["203.0.113.77", "2001:db8:77:1::1", "2001:db8:77:1::2"];
    for (const ip of ips) expect((await visit(`/v1/sites/${key}/config`, from(ip, { LIMIT_CONFIG: spy }))).status).toBe(200);
    expect(keys).toHaveLength(3);
    for (const k of keys) {
      expect(k).toMatch(/^[0-9a-f]{32}$/);
      for (const ip of ips) expect(k).not.toContain(ip);
    }
    expect(keys[1]).toBe(keys[2]);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("counts preflights apart from the requests they precede", async () => {
    const { key } = await publishedSite();
    const tiny = { LIMIT_CONFIG: env.TEST_TINY_LIMIT };
    const ip = `${freshNet()}::1`;
    for (let n = 0; n < 3; n++) expect((await visit(`/v1/sites/${key}/config`, from(ip, tiny))).status).toBe(200);
    expect((await visit(`/v1/sites/${key}/config`, from(ip, tiny))).status).toBe(429);
    const preflight = new Request(`http://facet.test/v1/sites/${key}/config`, {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "cf-connecting-ip": ip },
    });
    const { default: app } = await import("../../worker/index");
    expect((await app.request(preflight, undefined, { ...env, ...ON, ...tiny })).status).toBe(204);
  });

  it("stay on in production even with FACET_RATE_LIMITS=off: only dev (FACET_DEV=true) can turn them off", async () => {
    const { key } = await publishedSite();
    const tiny = { LIMIT_VARIANTS: env.TEST_TINY_LIMIT };
    const path = `/v1/sites/${key}/variants?segments=returning`;
    const production = from(`${freshNet()}::1`, { ...tiny, FACET_DEV: undefined, FACET_RATE_LIMITS: "off" });
    for (let n = 0; n < 3; n++) expect((await visit(path, production)).status).toBe(200);
    await expectRejected(() => visit(path, production), 429, "rate_limited");

    const dev = from(`${freshNet()}::1`, { ...tiny, FACET_RATE_LIMITS: "off" });
    for (let n = 0; n < 10; n++) expect((await visit(path, dev)).status).toBe(200);
  });

  it("let requests through when the limiter fails or is not configured", async () => {
    const { key } = await publishedSite();
    const broken = { limit: () => Promise.reject(new Error("limiter down")) } as unknown as RateLimit;
    expect((await visit(`/v1/sites/${key}/config`, from(`${freshNet()}::1`, { LIMIT_CONFIG: broken }))).status).toBe(200);
    expect((await visit(`/v1/sites/${key}/config`, from(`${freshNet()}::1`, { LIMIT_CONFIG: undefined }))).status).toBe(200);
  });
});
