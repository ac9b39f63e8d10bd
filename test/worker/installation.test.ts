// "Check installation": /context requests from an allowed origin are noted (at most one KV write per site ×
// origin per hour per isolate), and GET /admin/api/sites/:site/installation lists them.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, adminOk, createSite, expectRejected, publish, uniqueKey, visit } from "./helpers";

const A = "https://www.seen.example";
const B = "https://shop.seen.example";

interface Installation {
  site: string;
  seen: { origin: string; lastSeen: string }[];
}

/** CONFIGS with its puts counted, to see what the memo saves. */
function countingKv(puts: string[]): KVNamespace {
  return new Proxy(env.CONFIGS, {
    get(target, prop) {
      if (prop === "put") {
        return (key: string, ...rest: unknown[]) => {
          puts.push(key);
          return (target.put as (...a: unknown[]) => unknown)(key, ...rest);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("check installation", () => {
  it("lists the allowed origins the tag was seen on, once a page there asked for its context", async () => {
    const { key } = await createSite({ origins: [A, B] });
    await publish(key);
    expect(await adminOk<Installation>("GET", `/sites/${key}/installation`)).toEqual({ site: key, seen: [] });

    const before = Date.now();
    expect((await visit(`/v1/sites/${key}/context`, { headers: { origin: A } })).status).toBe(200);
    // Neither a request without Origin (curl) nor one from an origin the site does not allow counts.
    expect((await visit(`/v1/sites/${key}/context`)).status).toBe(200);
    expect((await visit(`/v1/sites/${key}/context`, { headers: { origin: "https://evil.example" } })).status).toBe(403);

    const { seen } = await adminOk<Installation>("GET", `/sites/${key}/installation`);
    expect(seen.map((s) => s.origin)).toEqual([A]);
    expect(Date.parse(seen[0]!.lastSeen)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("writes KV at most once per site and origin per hour in an isolate, however many page views", async () => {
    const { key } = await createSite({ origins: [A, B] });
    await publish(key);
    const puts: string[] = [];
    const kv = countingKv(puts);
    for (let i = 0; i < 5; i++) await visit(`/v1/sites/${key}/context`, { headers: { origin: A }, env: { CONFIGS: kv } });
    await visit(`/v1/sites/${key}/context`, { headers: { origin: B }, env: { CONFIGS: kv } });
    expect(puts.filter((k) => k.startsWith("seen:"))).toEqual([`seen:${key}:${A}`, `seen:${key}:${B}`]);
  });

  it("does not list an origin that was removed from the site since", async () => {
    const site = await createSite({ origins: [A, B] });
    await publish(site.key);
    await visit(`/v1/sites/${site.key}/context`, { headers: { origin: B } });
    await adminOk("PATCH", `/sites/${site.key}`, { origins: [A], version: site.version });
    expect((await adminOk<Installation>("GET", `/sites/${site.key}/installation`)).seen).toEqual([]);
  });

  it("answers 404 for an unknown site and 401 without credentials", async () => {
    await expectRejected(() => admin("GET", `/sites/${uniqueKey()}/installation`), 404, "not_found");
    await expectRejected(() => admin("GET", `/sites/${uniqueKey()}/installation`, { token: null }), 401, "unauthorized");
  });
});
