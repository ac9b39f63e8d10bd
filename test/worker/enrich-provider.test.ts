// Step 2 of the company waterfall: an IPinfo-compatible provider, here the fake that fake-ipinfo.mjs
// starts in Node. Each test uses its own addresses (providerIp): answers also live in the Workers
// Cache API, which resetProviderMemory() does not clear.
import { afterEach, beforeEach, describe, expect, inject, it, vi, type MockInstance } from "vitest";
import { resetProviderMemory } from "../../worker/enrich/provider";
import type { Env } from "../../worker/env";
import type { VisitorAttributes } from "../../worker/visitor/context";
import { attributesFor } from "./fixtures";
import { addCompanyRanges, createSite, publishNeedingCompany, storageSnapshot, visit, type VisitInit } from "./helpers";
import { FAKE_IPINFO_TOKEN, providerIp, SLOW_MS } from "./provider-fixtures";

const FAKE_URL = inject("ipinfoUrl");
const TIMEOUT_MS = 200;
const PROVIDER: Partial<Env> = { IPINFO_TOKEN: FAKE_IPINFO_TOKEN, IPINFO_URL: FAKE_URL, IPINFO_TIMEOUT_MS: String(TIMEOUT_MS) };

/** What the company answer becomes in the visitor's context. */
const INITRODE = {
  name: "Initrode Global",
  domain: "initrode.example",
  type: "business",
  asn: 64501,
  asOrg: "Initrode Networks",
  confidence: 0.8,
  source: "provider",
  inAccountList: false,
};

async function fakeCounters(): Promise<Record<string, number>> {
  const res = await fetch(`${FAKE_URL}/__calls`);
  expect(res.status).toBe(200);
  return res.json<Record<string, number>>();
}

/** The fake's counters when the test started: it lives as long as the whole run (and a watch session). */
let countersAtStart: Record<string, number> = {};

/** How many times the fake has been asked about `ip` during this test, from its own counter. */
async function providerCalls(ip: string): Promise<number> {
  return ((await fakeCounters())[ip] ?? 0) - (countersAtStart[ip] ?? 0);
}

/** Every response body and header these tests received, to show the token never comes back. */
let seen: string[] = [];

async function published(): Promise<string> {
  const site = await createSite();
  await publishNeedingCompany(site.key);
  return site.key;
}

/** A dev-simulated visitor's request (`sim` as in X-Facet-Simulate), with the provider configured. */
const visitor = (sim: string, init: { env?: Partial<Env> } = {}): VisitInit => ({
  headers: { "x-facet-simulate": sim },
  env: { ...PROVIDER, ...init.env },
});

/** The attributes the context endpoint computes for that visitor: its answer carries only their results. */
const contextOf = (site: string, sim: string, init: { env?: Partial<Env> } = {}): Promise<VisitorAttributes> =>
  attributesFor(site, visitor(sim, init));

let warn: MockInstance<typeof console.warn>;

beforeEach(async () => {
  resetProviderMemory();
  countersAtStart = await fakeCounters();
  seen = [];
  warn = vi.spyOn(console, "warn").mockImplementation(() => {});
});

afterEach(() => {
  // Whatever happened, neither the token nor a visitor's address reached a response or a log line.
  const logged = warn.mock.calls.map((args) => args.map(String).join(" "));
  for (const text of [...seen, ...logged]) {
    expect(text).not.toContain(FAKE_IPINFO_TOKEN);
    expect(text).not.toMatch(/198\.51\.100\./);
  }
  warn.mockRestore();
});

describe("the provider step of the company waterfall", () => {
  it("names the visitor's company from the provider, sending the token", async () => {
    const site = await published();
    const ip = providerIp("company");
    const context = await contextOf(site, `ip=${ip}`);
    expect(context.company).toEqual(INITRODE);
    expect(await providerCalls(ip)).toBe(1);

    // The fake refuses any other token with 403, so the answer above proves the token was sent.
    resetProviderMemory();
    const other = providerIp("company");
    const refused = await contextOf(site, `ip=${other}`, { env: { IPINFO_TOKEN: "not-the-token-00000000" } });
    expect(refused.company).toBeNull();
    expect(await providerCalls(other)).toBe(1);
    expect(warn.mock.calls.map((args) => args.join(" "))).toEqual([expect.stringContaining("HTTP 403")]);
  });

  it("asks the provider once per address: later visits hit the isolate's cache, then the Cache API", async () => {
    const site = await published();
    const ip = providerIp("company");
    expect((await contextOf(site, `ip=${ip}`)).company).toEqual(INITRODE);
    expect((await contextOf(site, `ip=${ip}&country=DE`)).company).toEqual(INITRODE);
    expect(await providerCalls(ip)).toBe(1);

    // A fresh isolate (its memory gone) still finds the answer in the Workers Cache API.
    resetProviderMemory();
    expect((await contextOf(site, `ip=${ip}`)).company).toEqual(INITRODE);
    // Another site, same address: the answer is about the address, not the site.
    expect((await contextOf(await published(), `ip=${ip}`)).company).toEqual(INITRODE);
    expect(await providerCalls(ip)).toBe(1);
  });

  it("caches an answer that names nothing too, and then falls through to the ASN step", async () => {
    const site = await published();
    const ip = providerIp("empty");
    const expected = { type: "isp", asn: 7922, asOrg: "Comcast", confidence: 0.9, source: "asn", inAccountList: false };
    expect((await contextOf(site, `ip=${ip}&asn=7922&asOrg=Comcast`)).company).toEqual(expected);
    expect((await contextOf(site, `ip=${ip}&asn=7922&asOrg=Comcast`)).company).toEqual(expected);
    expect((await contextOf(site, `ip=${ip}`)).company).toBeNull();
    expect(await providerCalls(ip)).toBe(1);
  });

  it("gives an ISP's visitor the network type and no company name", async () => {
    const site = await published();
    const ip = providerIp("isp");
    const context = await contextOf(site, `ip=${ip}`);
    expect(context.company).toEqual({
      type: "isp",
      asn: 7922,
      asOrg: "Comcast Cable Communications, LLC",
      confidence: 0.8,
      source: "provider",
      inAccountList: false,
    });
    expect(context.company).not.toHaveProperty("name");
    expect(context.company).not.toHaveProperty("domain");
  });

  it("lets the admin's company ranges win without asking the provider at all", async () => {
    const site = await published();
    const ip = providerIp("company");
    await addCompanyRanges([{ start: ip, end: ip, name: "Ranged Inc", domain: "ranged.example" }]);
    const context = await contextOf(site, `ip=${ip}`);
    expect(context.company).toEqual({
      name: "Ranged Inc",
      domain: "ranged.example",
      type: "business",
      confidence: 0.95,
      source: "ranges",
      inAccountList: false,
    });
    expect(await providerCalls(ip)).toBe(0);
  });

  it("is not asked without IPINFO_TOKEN", async () => {
    const site = await published();
    const ip = providerIp("company");
    expect((await contextOf(site, `ip=${ip}`, { env: { IPINFO_TOKEN: undefined } })).company).toBeNull();
    expect(await providerCalls(ip)).toBe(0);
  });

  it.each([
    ["answers HTTP 500", "error500", /HTTP 500/],
    ["answers with something that is not JSON", "garbage", /SyntaxError|JSON/],
    ["answers after the timeout", "slow", /TimeoutError|abort/i],
  ] as const)("moves on to the ASN step, or to no company, when the provider %s", async (_, behavior, reason) => {
    const site = await published();
    const ip = providerIp(behavior);
    const started = Date.now();
    const context = await contextOf(site, `ip=${ip}&asn=16509&asOrg=Amazon.com, Inc.`);
    expect(Date.now() - started).toBeLessThan(SLOW_MS / 2);
    expect(context.company).toEqual({
      type: "hosting",
      asn: 16509,
      asOrg: "Amazon.com, Inc.",
      confidence: 0.9,
      source: "asn",
      inAccountList: false,
    });
    expect(await providerCalls(ip)).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]!.join(" "))).toMatch(reason);

    resetProviderMemory();
    const bare = providerIp(behavior);
    expect((await contextOf(site, `ip=${bare}`)).company).toBeNull();
    expect(await providerCalls(bare)).toBe(1);
  });

  it("leaves a failing provider alone for a while: the next visitors are not held up by it", async () => {
    const site = await published();
    const failing = providerIp("error500");
    expect((await contextOf(site, `ip=${failing}`)).company).toBeNull();
    const next = providerIp("company");
    expect((await contextOf(site, `ip=${next}`)).company).toBeNull();
    expect(await providerCalls(next)).toBe(0);
    // The back-off is per isolate; a new one asks again.
    resetProviderMemory();
    expect((await contextOf(site, `ip=${next}`)).company).toEqual(INITRODE);
    expect(await providerCalls(next)).toBe(1);
  });

  it("keeps no visitor address in D1 or KV, and no token in any public answer", async () => {
    const site = await published();
    const ips = [providerIp("company"), providerIp("isp"), providerIp("garbage")];
    for (const ip of ips) {
      resetProviderMemory();
      const res = await visit(`/v1/sites/${site}/context`, visitor(`ip=${ip}`));
      seen.push(await res.text(), JSON.stringify([...res.headers]));
      expect(res.status).toBe(200);
    }
    const storage = await storageSnapshot();
    for (const ip of ips) expect(storage).not.toContain(ip);
    expect(storage).not.toContain(FAKE_IPINFO_TOKEN);
    for (const path of [`/v1/sites/${site}/config`, `/v1/sites/${site}/variants?segments=a`]) {
      const res = await visit(path, { env: PROVIDER });
      expect(res.status).toBe(200);
      seen.push(await res.text(), JSON.stringify([...res.headers]));
    }
  });
});
