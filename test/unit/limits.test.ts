// Rate limits and provider caps: the pure parts (which limit a path counts against, the network a key is
// made of, whether a config needs company lookups) and the copies of wrangler.toml's limits in the code.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROVIDER_CAPS } from "../../worker/enrich/provider-cap";
import { endpointOf, limitsOff, PUBLIC_LIMITS } from "../../worker/http/ratelimit";
import { needsCompany, partsNeedCompany } from "../../worker/publish/needs-company";
import { buildSnapshot } from "../../worker/publish/snapshot";
import type { Env } from "../../worker/env";
import { networkOf } from "../../worker/net/ip";

/** The [[ratelimits]] blocks of wrangler.toml: name → { namespace_id, limit, period }. */
function tomlLimits(): Record<string, { namespace: string; limit: number; period: number }> {
  const toml = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8");
  const out: Record<string, { namespace: string; limit: number; period: number }> = {};
  for (const block of toml.split("[[ratelimits]]").slice(1)) {
    const name = /^name = "([A-Z_]+)"$/m.exec(block)?.[1];
    const namespace = /^namespace_id = "(\d+)"$/m.exec(block)?.[1];
    const simple = /^simple = \{ limit = (\d+), period = (\d+) \}$/m.exec(block);
    expect(name && namespace && simple, block).toBeTruthy();
    out[name!] = { namespace: namespace!, limit: Number(simple![1]), period: Number(simple![2]) };
  }
  return out;
}

describe("wrangler.toml's rate limits", () => {
  it("are what the code (Retry-After, tests, bench) believes, with periods the binding supports and distinct namespaces", () => {
    const toml = tomlLimits();
    const inCode = [...Object.values(PUBLIC_LIMITS), ...Object.values(PROVIDER_CAPS)];
    expect(Object.keys(toml).sort()).toEqual(inCode.map((l) => l.binding).sort());
    for (const { binding, limit, period } of inCode) expect(toml[binding], binding).toMatchObject({ limit, period });
    for (const { period } of Object.values(toml)) expect([10, 60]).toContain(period);
    expect(new Set(Object.values(toml).map((l) => l.namespace)).size).toBe(Object.keys(toml).length);
  });

  it("can be turned off only in dev: FACET_RATE_LIMITS=off without FACET_DEV=true changes nothing", () => {
    expect(limitsOff({ FACET_DEV: "true", FACET_RATE_LIMITS: "off" } as Env)).toBe(true);
    expect(limitsOff({ FACET_RATE_LIMITS: "off" } as Env)).toBe(false);
    expect(limitsOff({ FACET_DEV: "false", FACET_RATE_LIMITS: "off" } as Env)).toBe(false);
    expect(limitsOff({ FACET_DEV: "true" } as Env)).toBe(false);
    expect(limitsOff({ FACET_DEV: "true", FACET_RATE_LIMITS: "0" } as Env)).toBe(false);
  });
});

describe("endpointOf", () => {
  it.each([
    ["/facet.js", "snippet"],
    ["/v1/sites/shop/config", "config"],
    ["/v1/sites/shop/context", "context"],
    ["/v1/sites/shop/variants", "variants"],
    ["/v1/sites/shop/whatever", "config"],
    ["/v1/sites/shop/context/extra", "context"],
  ] as const)("%s counts against %s", (path, endpoint) => expect(endpointOf(path)).toBe(endpoint));
});

describe("networkOf", () => {
  it("is the whole address for IPv4, in any notation", () => {
    expect(networkOf("192.0.2.7")).toBe("00000000000000000000ffffc0000207");
    expect(networkOf("::ffff:192.0.2.7")).toBe(networkOf("192.0.2.7"));
    expect(networkOf("192.0.2.8")).not.toBe(networkOf("192.0.2.7"));
  });

  it("is the /64 for IPv6: every address of one /64 is one network, the next /64 another", () => {
    const net = networkOf("2001:db8:1:2::1");
    expect(net).toBe("20010db800010002/64");
    for (const ip of ["2001:db8:1:2::ffff", "2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:DB8:1:2:abcd::9", "2001:0db8:0001:0002::"])
      expect(networkOf(ip), ip).toBe(net);
    expect(networkOf("2001:db8:1:3::1")).not.toBe(net);
  });

  it("is null for what is not an address", () => {
    expect(networkOf("not-an-ip")).toBeNull();
    expect(networkOf("")).toBeNull();
  });
});

describe("needsCompany", () => {
  it.each([
    [{}, false],
    [{ f1: { "geo.country": "DE" } }, false],
    [{ f1: { "geo.country": "DE" }, f2: { "company.domain": { $in: ["a.example"] } } }, true],
    [{ f1: { company: { $exists: true } } }, true],
    [{ f1: { $or: [{ "geo.isEU": true }, { $not: { "company.inAccountList": true } }] } }, true],
    // A malformed logical operand is published whole as one server part: it is walked whole.
    [{ f1: { $and: { nested: { "company.type": "isp" } } } }, true],
    // A value that merely mentions company.* is no reference to it.
    [{ f1: { "geo.city": "company.name" } }, false],
    [{ f1: { "geo.companyish": 1 } }, false],
  ])("%j → %s", (parts, expected) => expect(partsNeedCompany(parts as never)).toBe(expected));

  it("is computed at publish, and derived from the server parts for a snapshot published before the flag", () => {
    const seg = (id: string, condition: Record<string, unknown>) => ({
      id,
      siteKey: "s",
      name: id,
      kind: "mixed" as const,
      condition,
      priority: 0,
      version: 1,
      createdAt: "",
      updatedAt: "",
    });
    const exp = (segment: string) => ({
      id: `e-${segment}`,
      siteKey: "s",
      name: "e",
      status: "live" as const,
      pages: [],
      variants: [{ segment, changes: [] }],
      createdAt: "",
      updatedAt: "",
    });
    const withCompany = buildSnapshot("s", 1, [seg("a", { "company.type": "business" })], [exp("a")] as never, "");
    const geoOnly = buildSnapshot(
      "s",
      1,
      [seg("a", { "geo.country": "DE" }), seg("unused", { "company.type": "isp" })],
      [exp("a")] as never,
      "",
    );
    expect(withCompany.needsCompany).toBe(true);
    // A segment no live experience uses is not published, so it costs no lookups either.
    expect(geoOnly.needsCompany).toBe(false);
    const { needsCompany: _, ...old } = withCompany;
    expect(needsCompany(old)).toBe(true);
    expect(needsCompany({ server: {} })).toBe(false);
    expect(needsCompany({ server: withCompany.server, needsCompany: false })).toBe(false);
  });
});

describe("networkKey", () => {
  const env = (salt: string) => ({ IP_HASH_SALT: salt }) as Env;

  it("is a salted hash of the network: 32 hex digits, one per /64, another with another salt", async () => {
    const { networkKey } = await import("../../worker/net/ip-key");
    const a = await networkKey(env("salt-1"), "2001:db8:1:2::1", "site");
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(await networkKey(env("salt-1"), "2001:db8:1:2:ffff::7", "site")).toBe(a);
    expect(await networkKey(env("salt-1"), "2001:db8:1:3::1", "site")).not.toBe(a);
    expect(await networkKey(env("salt-1"), "2001:db8:1:2::1", "other-site")).not.toBe(a);
    expect(await networkKey(env("salt-2"), "2001:db8:1:2::1", "site")).not.toBe(a);
    expect(await networkKey(env("salt-1"), "192.0.2.7")).toBe(await networkKey(env("salt-1"), "::ffff:192.0.2.7"));
    expect(await networkKey(env("salt-1"), "192.0.2.7")).not.toBe(await networkKey(env("salt-1"), "192.0.2.8"));
  });
});
