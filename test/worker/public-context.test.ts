// GET /v1/sites/:site/context: geo from request.cf, company from the ranges, results of the server
// references, signed; the dev-only simulation, and its absence in production.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifyContext } from "../../worker/visitor/sign";
import { createSite, PRODUCTION, publish, uniqueKey, visit, type ErrorBody } from "./helpers";
import { attributesFor, CONTEXT_KEYS, contextFor, publishedSite } from "./fixtures";

const SECRET = env.SIGNING_SECRET!;

/** The config's references: which one tests germany, and the two of accounts' $or (domain, name). */
async function refs(key: string) {
  const config = await (await visit(`/v1/sites/${key}/config`)).json<{ segments: { id: string; condition: Record<string, unknown> }[] }>();
  const ref = (c: Record<string, unknown>) => Object.keys(c)[0]!.slice("server.".length);
  const condition = (id: string) => config.segments.find((s) => s.id === id)!.condition;
  const [domain, name] = (condition("accounts").$or as Record<string, unknown>[]).map(ref);
  return { germany: ref(condition("germany")), domain: domain!, name: name! };
}

describe("GET /v1/sites/:site/context", () => {
  it("reads geography from request.cf and answers privately, never cached", async () => {
    const { key } = await publishedSite();
    const paris = {
      cf: {
        country: "FR",
        city: "Paris",
        continent: "EU",
        timezone: "Europe/Paris",
        isEUCountry: "1",
        latitude: "48.85",
        longitude: "2.35",
        colo: "CDG",
      },
    };
    const res = await visit(`/v1/sites/${key}/context`, paris);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("etag")).toBeNull();
    const context = await res.json<{ v: number }>();
    expect(context.v).toBe(1);
    const attributes = await attributesFor(key, paris);
    expect(attributes.geo).toEqual({
      country: "FR",
      city: "Paris",
      continent: "EU",
      timezone: "Europe/Paris",
      latitude: 48.85,
      longitude: 2.35,
      isEU: true,
    });
    expect(attributes.company).toBeNull();
  });

  it("tells the browser only the references' results, the token, v and expires: no geo, company or account-list membership", async () => {
    const { key, visitors, company } = await publishedSite();
    const located = { ...visitors.matching, cf: { city: "Frankfurt", latitude: "50.11", longitude: "8.68", postalCode: "60311" } };
    expect((await attributesFor(key, located)).company).toMatchObject({ name: "Pied Piper", inAccountList: false });
    const res = await visit(`/v1/sites/${key}/context`, located);
    const text = await res.text();
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(CONTEXT_KEYS);
    for (const leak of [
      "Pied Piper",
      "piedpiper.example",
      "inAccountList",
      "employees",
      "Frankfurt",
      "50.11",
      "60311",
      "latitude",
      company.ip(7),
    ]) {
      expect(text).not.toContain(leak);
    }
  });

  it("classifies the device from the user agent and the client hints, which win where present", async () => {
    const { key } = await publishedSite();
    const iphone =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    expect((await contextFor(key, { headers: { "user-agent": iphone } })).device).toEqual({ type: "mobile", os: "ios", browser: "safari" });
    const hinted = {
      "user-agent": linux,
      "sec-ch-ua": '"Chromium";v="120", "Microsoft Edge";v="120"',
      "sec-ch-ua-mobile": "?1",
      "sec-ch-ua-platform": '"Android"',
    };
    expect((await contextFor(key, { headers: hinted })).device).toEqual({ type: "mobile", os: "android", browser: "edge" });
    expect((await contextFor(key, {})).device).toEqual({ type: "desktop", os: "other", browser: "other" });
  });

  it("evaluates every server reference for the visitor and signs the true ones with an expiry", async () => {
    const { key, visitors } = await publishedSite();
    const r = await refs(key);
    const before = Date.now();
    const context = await contextFor(key, visitors.matching);
    const attributes = await attributesFor(key, visitors.matching);
    expect(attributes.geo).toEqual({ country: "DE", isEU: true });
    expect(attributes.company).toEqual({
      name: "Pied Piper",
      domain: "piedpiper.example",
      employees: 40,
      type: "business",
      confidence: 0.95,
      source: "ranges",
      inAccountList: false,
    });
    expect(context.server).toEqual({ [r.germany]: true, [r.domain]: true, [r.name]: false });
    expect(context.expires).toBeGreaterThanOrEqual(before + 29 * 60_000);
    expect(context.expires).toBeLessThanOrEqual(Date.now() + 31 * 60_000);

    const claims = await verifyContext(SECRET, context.token, Math.floor(Date.now() / 1000));
    const record = await env.CONFIGS.get<{ created: string }>(`site:${key}`, "json");
    expect(claims).toEqual({
      s: key,
      c: record!.created,
      v: 1,
      t: expect.arrayContaining([r.germany, r.domain]),
      e: context.expires / 1000,
    });
    expect(claims!.t).toHaveLength(2);

    const nobody = await contextFor(key, visitors.nobody);
    expect(await attributesFor(key, visitors.nobody)).toEqual({ geo: { country: "FR", isEU: true }, company: null });
    expect(Object.values(nobody.server)).toEqual([false, false, false]);
    expect((await verifyContext(SECRET, nobody.token, 0))!.t).toEqual([]);
  });

  it("in dev, takes the simulated IP and geography from X-Facet-Simulate or from the page's Referer", async () => {
    const { key, company } = await publishedSite();
    const fromHeader = await attributesFor(key, {
      headers: { "x-facet-simulate": `ip=${company.ip(20)}&country=DE&city=Berlin`, "cf-connecting-ip": "192.0.2.1" },
      cf: { country: "US", city: "Austin", asn: 13335, asOrganization: "Cloudflare" },
    });
    expect(fromHeader.geo).toEqual({ country: "DE", city: "Berlin", isEU: true });
    // A simulated address has no network behind it: the real connection's ASN is not attached.
    expect(fromHeader.company).toEqual({
      name: "Pied Piper",
      domain: "piedpiper.example",
      employees: 40,
      type: "business",
      confidence: 0.95,
      source: "ranges",
      inAccountList: false,
    });

    const fromReferer = await attributesFor(key, {
      headers: { referer: `https://shop.example/pricing?facet_sim_ip=${company.ip(21)}&facet_sim_country=AT` },
    });
    expect(fromReferer.geo).toEqual({ country: "AT", isEU: true });
    expect(fromReferer.company?.name).toBe("Pied Piper");
  });

  it("in production, ignores the simulation and uses the connecting address and request.cf", async () => {
    const { key, company } = await publishedSite();
    const r = await refs(key);
    const simulated = {
      "x-facet-simulate": `ip=${company.ip(30)}&country=DE`,
      referer: `https://shop.example/?facet_sim_ip=${company.ip(31)}&facet_sim_country=DE`,
    };
    const strangerInit = { env: PRODUCTION, headers: simulated, cf: { country: "US" } };
    const stranger = await contextFor(key, strangerInit);
    expect(await attributesFor(key, strangerInit)).toEqual({ geo: { country: "US", isEU: false }, company: null });
    expect(stranger.server).toEqual({ [r.germany]: false, [r.domain]: false, [r.name]: false });

    const networkInit = {
      env: PRODUCTION,
      headers: { ...simulated, "cf-connecting-ip": company.ip(40) },
      cf: { country: "US", asn: 64500, asOrganization: "Pied Piper Networks" },
    };
    const fromNetwork = await contextFor(key, networkInit);
    const networkAttributes = await attributesFor(key, networkInit);
    expect(networkAttributes.geo).toEqual({ country: "US", isEU: false });
    expect(networkAttributes.company).toMatchObject({ name: "Pied Piper", asn: 64500, asOrg: "Pied Piper Networks", source: "ranges" });
    expect(fromNetwork.server).toEqual({ [r.germany]: false, [r.domain]: true, [r.name]: false });
  });

  it("signs only the live version: ?v= of the live one answers, an earlier one is refused", async () => {
    const { key, visitors } = await publishedSite();
    await publish(key);
    expect((await contextFor(key, visitors.matching)).v).toBe(2);
    const pinned = await contextFor(key, visitors.matching, "?v=2");
    expect((await verifyContext(SECRET, pinned.token, 0))!.v).toBe(2);
    // An earlier version may have gated content more loosely: no token for it.
    const res = await visit(`/v1/sites/${key}/context?v=1`);
    expect(res.status).toBe(404);
    expect((await res.json<ErrorBody>()).error.code).toBe("version_not_live");
  });

  it.each([["abc"], ["0"], ["-1"], ["1.5"], [""]])("refuses ?v=%s with 400 naming v", async (v) => {
    const { key } = await publishedSite();
    const res = await visit(`/v1/sites/${key}/context?v=${v}`);
    expect(res.status).toBe(400);
    const body = await res.json<ErrorBody>();
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields ?? {})).toEqual(["v"]);
  });

  it("answers 404 for a version above the live one, an unknown site, or an unpublished one", async () => {
    const { key } = await publishedSite();
    const cases: [string, string][] = [
      [`/v1/sites/${key}/context?v=2`, "version_not_live"],
      [`/v1/sites/${uniqueKey()}/context`, "not_found"],
      [`/v1/sites/${(await createSite()).key}/context`, "not_published"],
    ];
    for (const [path, code] of cases) {
      const res = await visit(path);
      expect(res.status, path).toBe(404);
      expect((await res.json<ErrorBody>()).error.code).toBe(code);
    }
  });

  it("answers 503 not_configured while SIGNING_SECRET is missing or short", async () => {
    const { key } = await publishedSite();
    for (const SIGNING_SECRET of [undefined, "too-short"]) {
      const res = await visit(`/v1/sites/${key}/context`, { env: { SIGNING_SECRET } });
      expect(res.status).toBe(503);
      expect((await res.json<ErrorBody>()).error.code).toBe("not_configured");
    }
  });
});
