// Edge mode's first byte (worker/edge/proxy.ts): a navigation is decided while the origin answers; a request
// for anything else is not decided at all unless the origin answers it with HTML, so an image or a script never
// waits on the config's read (or a company lookup). Counted in KV reads, not in milliseconds.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AS_GERMANY, GEO, GERMANY, ORIGIN, site, through } from "./edge-helpers";

/** The Worker's config store, counting its reads. */
function counted() {
  const reads: string[] = [];
  const kv = env.CONFIGS;
  const CONFIGS = new Proxy(kv, {
    get: (target, p) =>
      p == "get"
        ? (key: string, ...rest: unknown[]) => {
            reads.push(key);
            return (kv.get as (...a: unknown[]) => unknown).call(kv, key, ...rest);
          }
        : Reflect.get(target, p),
  }) as typeof kv;
  return { reads, CONFIGS };
}

describe("edge mode: what waits on the decision", () => {
  it("does not read the config for a non-HTML answer to a request that does not accept HTML", async () => {
    const key = await site([GERMANY], GEO);
    const kv = counted();
    const res = await through(key, "/binary", { headers: { ...AS_GERMANY, accept: "image/avif,image/*" } }, ORIGIN, kv);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(kv.reads).toEqual([]);
  });

  it("decides a navigation (Accept: text/html) and a page asked for without it alike", async () => {
    const key = await site([GERMANY], GEO);
    for (const accept of ["text/html,application/xhtml+xml,*/*;q=0.8", "*/*"]) {
      const kv = counted();
      const html = await (await through(key, "/page", { headers: { ...AS_GERMANY, accept } }, ORIGIN, kv)).text();
      expect(html, accept).toContain("Willkommen");
      expect(kv.reads.length, accept).toBeGreaterThan(0);
    }
  });
});
