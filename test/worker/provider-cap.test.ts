// Nobody can burn the IP-data provider's quota (issue 6, item 3): the provider is asked only for a config
// that looks at company.*, once per IPv4 address or IPv6 /64 (a day), and at most PROVIDER_CAPS times a
// minute per site and overall, after which the waterfall goes on to the ASN step. Counted by the fake
// provider itself (fake-ipinfo.mjs). Addresses are random IPv6 /64s, unknown to the fake (it answers
// `{ ip }` alone, so the visitor's company comes from the ASN step), and never reused across runs.
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, inject, it, vi, type MockInstance } from "vitest";
import { PROVIDER_CAPS, resetProviderCapWarning } from "../../worker/enrich/provider-cap";
import { resetProviderMemory } from "../../worker/enrich/provider";
import type { Env } from "../../worker/env";
import { contextFor } from "./fixtures";
import { createExperience, createSegment, createSite, publish } from "./helpers";
import { FAKE_IPINFO_TOKEN } from "./provider-fixtures";

const FAKE_URL = inject("ipinfoUrl");
const PROVIDER: Partial<Env> = { IPINFO_TOKEN: FAKE_IPINFO_TOKEN, IPINFO_URL: FAKE_URL, IPINFO_TIMEOUT_MS: "2000" };
/**
 * The browser is never told the company (item 5), only the results of the config's server references: the
 * company sites here have one segment, `{"company.type": "isp"}`, true exactly when the waterfall found the
 * visitors' network by its ASN (the fake provider knows none of these addresses).
 */
const FROM_ASN = { f1: true };
const NO_COMPANY = { f1: false };

const hex16 = () => crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16);
/** A fresh IPv6 /64 (documentation prefix 2001:db8::/32), as "2001:db8:x:y": addresses are `${net}::host`. */
const freshNet = () => `2001:db8:${hex16()}:${hex16()}`;

/** Provider calls the fake has seen for addresses starting with `prefix`. */
async function callsUnder(prefix: string): Promise<number> {
  const counts = await (await fetch(`${FAKE_URL}/__calls`)).json<Record<string, number>>();
  return Object.entries(counts).reduce((sum, [ip, n]) => sum + (ip.startsWith(prefix) ? n : 0), 0);
}

const visitFrom = (site: string, ip: string, extra: Partial<Env> = {}) =>
  contextFor(site, {
    headers: { "x-facet-simulate": new URLSearchParams({ ip, asn: "7922", asOrg: "Comcast" }).toString() },
    env: { ...PROVIDER, ...extra },
  });

/** A published site whose only live segment is over geo.*: nothing in it needs a company. */
async function geoOnlySite(): Promise<string> {
  const site = await createSite();
  const segment = await createSegment(site.key, { condition: { "geo.country": "DE" } });
  await createExperience(site.key, { variants: [{ segment: segment.id, changes: [{ type: "text", selector: "#h", value: "Hallo" }] }] });
  await publish(site.key);
  return site.key;
}

async function companySite(): Promise<string> {
  const site = await createSite();
  const segment = await createSegment(site.key, { condition: { "company.type": "isp" } });
  await createExperience(site.key, { variants: [{ segment: segment.id, changes: [{ type: "text", selector: "#h", value: "Hi" }] }] });
  await publish(site.key);
  return site.key;
}

/**
 * Counting tests must not straddle a window of the limiter (fixed windows of `period` seconds, as
 * Miniflare counts): near a window's end, wait for the next one. No assertion depends on the time.
 */
async function freshWindow(periodSeconds: number, needMs = 8_000) {
  const left = periodSeconds * 1000 - (Date.now() % (periodSeconds * 1000));
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 100));
}

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  resetProviderMemory();
  resetProviderCapWarning();
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => warn.mockRestore());

describe("company lookups only where the config needs them", () => {
  it("asks the provider nothing, and answers no company, for a site whose conditions never look at company.*", async () => {
    const geoSite = await geoOnlySite();
    const net = freshNet();
    for (let host = 1; host <= 20; host++) expect((await visitFrom(geoSite, `${net}::${host}`)).server).toEqual(NO_COMPANY);
    expect(await callsUnder(net)).toBe(0);

    // The same visitors on a site that does look at company.*: the provider is asked (once: one /64).
    const other = freshNet();
    const companyKey = await companySite();
    for (let host = 1; host <= 3; host++) expect((await visitFrom(companyKey, `${other}::${host}`)).server).toEqual(FROM_ASN);
    expect(await callsUnder(other)).toBe(1);
  });

  it("derives the need from the server parts for a snapshot published before the flag existed", async () => {
    const sites = { company: await companySite(), geo: await geoOnlySite() };
    for (const site of Object.values(sites)) {
      const kvKey = `snap:${site}:1`;
      const snap = await env.CONFIGS.get<Record<string, unknown>>(kvKey, "json");
      expect(snap).toHaveProperty("needsCompany");
      delete snap!.needsCompany;
      await env.CONFIGS.put(kvKey, JSON.stringify(snap));
    }
    const [a, b] = [freshNet(), freshNet()];
    expect((await visitFrom(sites.company, `${a}::1`)).server).toEqual(FROM_ASN);
    expect((await visitFrom(sites.geo, `${b}::1`)).server).toEqual(NO_COMPANY);
    expect(await callsUnder(a)).toBe(1);
    expect(await callsUnder(b)).toBe(0);
  });
});

describe("one provider call per network", () => {
  it("asks once for 200 visits from 200 addresses of one IPv6 /64, and again for the next /64", async () => {
    const site = await companySite();
    const net = freshNet();
    for (let host = 1; host <= 200; host++)
      expect((await visitFrom(site, `${net}::${host.toString(16)}:${hex16()}`)).server).toEqual(FROM_ASN);
    expect(await callsUnder(net)).toBe(1);

    // A fresh isolate finds the /64's answer in the Workers Cache API.
    resetProviderMemory();
    await visitFrom(site, `${net}:1:2:3:4`);
    expect(await callsUnder(net)).toBe(1);

    const next = freshNet();
    await visitFrom(site, `${next}::1`);
    expect(await callsUnder(next)).toBe(1);
  });

  it("asks once for 50 visits from one /64 that arrive together, before any answer is cached", async () => {
    const site = await companySite();
    const net = freshNet();
    const contexts = await Promise.all(Array.from({ length: 50 }, (_, host) => visitFrom(site, `${net}::${(host + 1).toString(16)}`)));
    for (const context of contexts) expect(context.server).toEqual(FROM_ASN);
    expect(await callsUnder(net)).toBe(1);
  });
});

describe("provider caps", () => {
  it(`stops asking for a site after PROVIDER_CAP_SITE (${PROVIDER_CAPS.site.limit}) calls a minute; its visitors get the ASN step, other sites still get calls`, async () => {
    const { limit, period } = PROVIDER_CAPS.site;
    await freshWindow(period);
    const site = await companySite();
    const prefix = `2001:db8:${hex16()}:`;
    for (let n = 0; n < limit + 15; n++) expect((await visitFrom(site, `${prefix}${n.toString(16)}::1`)).server).toEqual(FROM_ASN);
    expect(await callsUnder(prefix)).toBe(limit);
    expect(warn.mock.calls.map((args) => args.join(" "))).toEqual([expect.stringContaining("per-site cap reached")]);

    // The cap is this site's: another site's visitor is still looked up.
    const elsewhere = freshNet();
    await visitFrom(await companySite(), `${elsewhere}::1`);
    expect(await callsUnder(elsewhere)).toBe(1);
  }, 60_000);

  it("stops asking for every site after the overall cap (here a 3-a-minute limiter in PROVIDER_CAP_ALL's place)", async () => {
    await freshWindow(60);
    const tiny = { PROVIDER_CAP_ALL: env.TEST_TINY_LIMIT };
    const [first, second] = [await companySite(), await companySite()];
    const prefix = `2001:db8:${hex16()}:`;
    for (let n = 0; n < 4; n++) await visitFrom(n % 2 ? second : first, `${prefix}${n}::1`, tiny);
    expect(await callsUnder(prefix)).toBe(3);
    expect((await visitFrom(first, `${prefix}ff::1`, tiny)).server).toEqual(FROM_ASN);
    expect(await callsUnder(prefix)).toBe(3);
    expect(warn.mock.calls.map((args) => args.join(" "))).toEqual([expect.stringContaining("overall cap reached")]);
  }, 60_000);

  it("makes no provider call at all when the caps are not configured", async () => {
    const site = await companySite();
    const net = freshNet();
    expect((await visitFrom(site, `${net}::1`, { PROVIDER_CAP_SITE: undefined })).server).toEqual(FROM_ASN);
    expect(await callsUnder(net)).toBe(0);
    expect(String(warn.mock.calls[0])).toMatch(/caps are not configured/);
  });

  it("counts no cap for an answer it already has", async () => {
    const site = await companySite();
    const net = freshNet();
    const counted: string[] = [];
    const spy = {
      limit: (o: { key: string }) => {
        counted.push(o.key);
        return env.PROVIDER_CAP_SITE.limit(o);
      },
    } as RateLimit;
    for (let host = 1; host <= 5; host++) await visitFrom(site, `${net}::${host}`, { PROVIDER_CAP_SITE: spy });
    expect(counted).toEqual([`site:${site}`]);
    expect(await callsUnder(net)).toBe(1);
  });
});
